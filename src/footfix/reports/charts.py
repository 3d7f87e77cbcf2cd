"""The runner's charts drawn with matplotlib, as SVG (web, reports) or PNG (files).

Draws what ``services.charts`` decided to show; the figure objects are built without pyplot,
so a web server drawing for many runners at once shares no global state. Marks that tests and
pages look for carry SVG ids: ``flare-YYYY-MM-DD``, ``phase-N``, ``spike-YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from footfix.errors import FootfixError, InvalidInput

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from footfix.services.charts import LoadChart, ProgressChart

Format = Literal["svg", "png"]
FIRST_STEP = "#c0392b"
ACTIVITY = "#d35400"
RUN = "#2e8b57"
SPIKE = "#d62728"
BAND_COLOURS = ("#eef3fb", "#f6f1e7")
RETEST_COLOURS = ("#1f77b4", "#9467bd", "#8c564b", "#17becf", "#7f7f7f")


def _figure(width: float, height: float) -> Figure:
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"  # titles stay text: readable, searchable
    matplotlib.rcParams["svg.hashsalt"] = "footfix"  # the same chart gives the same file
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), constrained_layout=True)


def progress_figure(chart: ProgressChart, width: float = 7.0) -> Figure:
    """Pain (first step and with activity) per logged day over the phases, runs below, and
    retests when there are any, on one date axis. A phone page asks for a narrower ``width``
    (inches), so the text is not shrunk to nothing when the figure fits the screen."""
    rows = 3 if chart.retests else 2
    fig = _figure(width, 6.2 if rows == 3 else 4.8)
    ratios = [3.0, 1.4, 1.6][:rows]
    axes = fig.subplots(rows, 1, sharex=True, gridspec_kw={"height_ratios": ratios})
    pain_axis, run_axis = axes[0], axes[1]
    _pain(pain_axis, chart)
    _runs(run_axis, chart)
    if chart.retests:
        _retests(axes[2], chart)
    _dates(axes[-1])
    pain_axis.set_xlim(_num(chart.first), _num(chart.last))
    fig.suptitle(chart.title, fontsize=12, fontweight="bold")
    return fig


def _pain(ax: Axes, chart: ProgressChart) -> None:
    for index, band in enumerate(chart.phases):
        patch = ax.axvspan(
            _num(band.start), _num(band.end), color=BAND_COLOURS[index % 2], zorder=0
        )
        patch.set_gid(f"phase-{index}")
        if (band.end - band.start).days < 4:
            continue  # too narrow for its title; the legend of bands is the page's text
        ax.text(
            _num(band.start) + 0.2, 10.6, band.title, fontsize=7.5, va="bottom", color="#445",
            clip_on=True,
        )  # fmt: skip
    if chart.pain_band is not None:  # none in a phase where loading should not hurt at all
        line = chart.pain_band
        ax.axhline(line.level, color="#888", linewidth=0.8, linestyle=":", zorder=1)
        ax.text(
            _num(chart.first) + 0.2, line.level + 0.15, line.label, fontsize=7, color="#666",
        )  # fmt: skip
    first = [(d.day, d.first_step_pain) for d in chart.days if d.first_step_pain is not None]
    during = [(d.day, d.activity_pain) for d in chart.days if d.activity_pain is not None]
    if first:
        ax.plot(
            [_num(d) for d, _ in first], [v for _, v in first], "o-", color=FIRST_STEP,
            markersize=4, linewidth=1, label="first steps in the morning",
        )  # fmt: skip
    if during:
        ax.plot(
            [_num(d) for d, _ in during], [v for _, v in during], "s", color=ACTIVITY,
            markersize=4, label="during or after activity",
        )  # fmt: skip
    for day in chart.days:
        if day.flare is None:
            continue
        peak = max(v for v in (day.first_step_pain, day.activity_pain, 0.0) if v is not None)
        size = 11 if day.flare == "major" else 8
        (mark,) = ax.plot(
            [_num(day.day)], [min(peak + 0.9, 10.2)], "v", color=SPIKE, markersize=size,
            linestyle="none",
        )  # fmt: skip
        mark.set_gid(f"flare-{day.day.isoformat()}")
        ax.annotate(
            f"{day.flare} flare", (_num(day.day), min(peak + 1.4, 10.3)), ha="center",
            fontsize=7, color=SPIKE,
        )  # fmt: skip
    if not chart.days:
        ax.text(0.5, 0.5, "nothing logged yet", ha="center", transform=ax.transAxes)
    ax.set_ylim(0, 11.6)
    ax.set_yticks([0, 2, 4, 6, 8, 10])
    ax.set_ylabel("pain (0–10)")
    ax.set_title("Heel pain each day", fontsize=10, loc="left")
    if first or during:
        ax.legend(loc="upper right", fontsize=7, framealpha=0.9, bbox_to_anchor=(1, 0.9))
    ax.grid(axis="y", alpha=0.25)


def _runs(ax: Axes, chart: ProgressChart) -> None:
    runs = [(d.day, d.run) for d in chart.days if d.run > 0]
    if runs:
        ax.bar([_num(d) for d, _ in runs], [v for _, v in runs], width=0.8, color=RUN)
        ax.set_ylim(0, max(v for _, v in runs) * 1.25)
    else:
        ax.set_yticks([])
        ax.text(0.5, 0.45, "no runs logged", ha="center", transform=ax.transAxes, color="#666")
    ax.set_ylabel(chart.units)
    ax.set_title(f"Running each day ({chart.units})", fontsize=10, loc="left")
    ax.grid(axis="y", alpha=0.25)


def _retests(ax: Axes, chart: ProgressChart) -> None:
    for index, series in enumerate(chart.retests):
        ax.plot(
            [_num(d) for d, _ in series.points], [v for _, v in series.points], "o-",
            color=RETEST_COLOURS[index % len(RETEST_COLOURS)], markersize=4, label=series.title,
        )  # fmt: skip
    values = [v for s in chart.retests for _, v in s.points]
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, 1.0)
    ax.set_ylim(low - pad, high + pad)
    ax.set_title("Retests", fontsize=10, loc="left")
    ax.legend(loc="best", fontsize=7)
    ax.grid(axis="y", alpha=0.25)


def load_figure(chart: LoadChart, width: float = 7.0) -> Figure:
    """Weekly distance as bars, the week's longest run as a dot inside it, and marked rises
    (``width`` in inches: a phone page asks for a narrower figure, as for the progress one)."""
    fig = _figure(width, 3.8)
    ax = fig.subplots()
    days = [_num(w.week_start) + 3 for w in chart.weeks]  # a bar spans its Monday-Sunday
    colours = [SPIKE if w.spike else RUN for w in chart.weeks]
    ax.bar(days, [w.distance for w in chart.weeks], width=6, color=colours, zorder=2)
    longest = [(d, w.longest) for d, w in zip(days, chart.weeks, strict=True) if w.longest > 0]
    ax.plot(
        [d for d, _ in longest], [v for _, v in longest], "o", color="#222", markersize=4,
        zorder=3, label="longest run of the week",
    )  # fmt: skip
    top = max((w.distance for w in chart.weeks), default=1.0) or 1.0
    for day, week in zip(days, chart.weeks, strict=True):
        if week.spike:
            note = ax.annotate(
                f"+{week.change_pct} %", (day, week.distance + top * 0.03), ha="center",
                fontsize=8, color=SPIKE, fontweight="bold",
            )  # fmt: skip
            note.set_gid(f"spike-{week.week_start.isoformat()}")
    for mark in chart.long_run_spikes:
        ax.annotate(
            f"long run +{mark.increase_pct} %", (_num(mark.day), mark.distance),
            xytext=(0, -14), textcoords="offset points", ha="center", fontsize=7, color=SPIKE,
        )  # fmt: skip
    if not chart.weeks:
        ax.text(0.5, 0.5, "no runs yet", ha="center", transform=ax.transAxes)
    ax.set_ylim(0, top * 1.2)
    ax.set_xlim(_num(chart.first), _num(chart.last))
    ax.set_ylabel(chart.units)
    ax.set_title(chart.title, fontsize=12, fontweight="bold")
    ax.legend(loc="upper left", fontsize=7)
    ax.grid(axis="y", alpha=0.25, zorder=0)
    _dates(ax)
    return fig


def _num(day: dt.date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]  # matplotlib's own stub


def _dates(ax: Axes) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=7)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    # day and month on the ticks, the year once at the end (or where it changes)
    concise = ConciseDateFormatter(locator, show_offset=True)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(concise)


def warm_up() -> None:
    """Load matplotlib, its fonts, date axes and SVG writer once, in a server's start-up, so
    that the first runner to open a dashboard does not wait for them (1-2 s of CPU)."""
    fig = _figure(2.0, 1.5)
    ax = fig.subplots()
    days = [_num(dt.date(2026, 1, 1)), _num(dt.date(2026, 1, 8))]
    ax.plot(days, [1.0, 2.0])
    ax.bar(days, [1.0, 2.0])
    _dates(ax)
    fig.suptitle("warm-up", fontsize=12, fontweight="bold")
    inline_svg(fig, "warm-up")


def render(fig: Figure, fmt: Format) -> bytes:
    buffer = io.BytesIO()
    # no creation date in the file: the same data draws the same bytes
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, dpi=110, metadata=metadata)
    return buffer.getvalue()


def inline_svg(
    fig: Figure, label: str = "Chart of heel pain and running day by day, flares and phases marked"
) -> str:
    """The SVG element alone, for a web page whose CSP allows no inline style: matplotlib's
    ``style`` attributes become presentation attributes, its ``<style>`` block goes, and the
    figure is labelled for screen readers and sized by its container."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", "http://www.w3.org/2000/svg")
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(render(fig, "svg"))
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag.endswith("}style") or child.tag.endswith("}metadata"):
                parent.remove(child)
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for name, value in _declarations(style):
                element.set(name, value)
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.set("stroke-linejoin", "round")
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("class", "chart")
    return ET.tostring(root, encoding="unicode")


_FONT = re.compile(r"^(?:(?P<style>italic|oblique)\s+)?(?:(?P<weight>bold|normal|\d{3})\s+)?"
                   r"(?P<size>[\d.]+px)\s+(?P<family>.+)$")  # fmt: skip


def _declarations(style: str) -> list[tuple[str, str]]:
    """``fill: #fff; font: 700 12px 'DejaVu Sans'`` as (attribute, value) pairs."""
    out: list[tuple[str, str]] = []
    for part in style.split(";"):
        name, _, value = part.partition(":")
        name, value = name.strip(), value.strip()
        if not name or not value:
            continue
        found = _FONT.match(value) if name == "font" else None
        if found:
            out += [("font-size", found["size"]), ("font-family", found["family"])]
            if found["weight"]:
                out.append(("font-weight", found["weight"]))
            if found["style"]:
                out.append(("font-style", found["style"]))
        elif name != "font":
            out.append((name, value))
    return out


def write(fig: Figure, path: Path) -> Path:
    """Write ``fig`` as the file's type (.svg or .png); a clear error for anything else."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        raise InvalidInput(f"{path}: a chart file must end in .png or .svg")
    data = render(fig, fmt)  # type: ignore[arg-type]  # checked just above
    try:
        path.write_bytes(data)
    except OSError as err:
        raise FootfixError(f"could not write {path}: {err.strerror or err}") from err
    return path
