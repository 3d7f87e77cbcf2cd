"""The outcome chart: each measure against time, on the phases' bands, with its MCID line.

Built without pyplot (like ``reports.charts``), so a web server can draw it for many runners at
once; the CLI writes it with :func:`footfix.reports.charts.write`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from footfix.private_files import make_private

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from footfix.services.outcomes import MeasureView, OutcomeReport

# light fills that stay distinct in black-and-white print (each band is also labelled)
PHASE_FILLS = ("#f2f2f2", "#dfe9f3", "#e8f3df", "#f7ecd9", "#ecdff3", "#dcdcdc")


def outcome_figure(report: OutcomeReport) -> Figure:
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.fonttype"] = "none"  # titles stay text: readable, searchable
    shown = [m for m in report.measures if m.points]
    rows = max(len(shown), 1)
    figure = Figure(figsize=(9, 2.6 * rows + 0.6), constrained_layout=True)
    axes = figure.subplots(rows, 1, sharex=True, squeeze=False)
    if not shown:
        axes[0][0].text(
            0.5, 0.5, "no outcome recorded yet", ha="center", transform=axes[0][0].transAxes
        )
    first = min((m.points[0].day for m in shown), default=report.as_of)
    for axis, view in zip((row[0] for row in axes), shown, strict=False):
        _phase_bands(axis, report, first)
        _measure(axis, view)
    figure.suptitle(f"Outcome measures — {report.runner} (as of {report.as_of})")
    return figure


def plot_outcomes(report: OutcomeReport, path: Path) -> Path:
    from footfix.reports.charts import write

    write(outcome_figure(report), path)
    make_private([path])  # a chart of someone's recovery is health data
    return path


def _phase_bands(axis: Any, report: OutcomeReport, first: dt.date) -> None:
    phases = list(report.phases)
    for index, (start, phase) in enumerate(phases):
        end = phases[index + 1][0] if index + 1 < len(phases) else report.as_of
        if end < first:
            continue
        left = max(start, first)
        axis.axvspan(left, end, color=PHASE_FILLS[index % len(PHASE_FILLS)], zorder=0)
        axis.text(
            left,
            1.0,
            f" {phase}",
            transform=axis.get_xaxis_transform(),
            va="top",
            fontsize=7,
            color="#555555",
        )


def _measure(axis: Any, view: MeasureView) -> None:
    days = [p.day for p in view.points]
    scores = [p.score for p in view.points]
    style = "-" if view.collected == "daily_log" else "o-"
    axis.plot(days, scores, style, color="#1f3b73", label=view.abbreviation, zorder=2)
    low, high = view.range
    axis.set_ylim(low, high)
    better = "higher" if view.better == "higher" else "lower"
    axis.set_ylabel(f"{view.abbreviation} ({better} is better)")
    if view.change is not None:
        base = view.change.baseline.score
        step = view.mcid if view.better == "higher" else -view.mcid
        axis.axhline(base + step, color="#777777", linestyle="--", linewidth=1, zorder=1)
        axis.text(
            days[0],
            base + step,
            f" MCID from baseline ({view.mcid:g})",
            fontsize=7,
            va="bottom",
            color="#444444",
        )
        axis.set_title(view.change.sentence, fontsize=8, loc="left")
