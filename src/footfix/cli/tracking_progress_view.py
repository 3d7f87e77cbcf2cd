"""How ``footfix progress`` looks: Rich text in the terminal, a matplotlib chart on request."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from footfix.cli.output import make_console, styled
from footfix.domain.units import format_distance

if TYPE_CHECKING:  # a type only: the view draws what the progress use case returns
    from footfix.tracking.report import ProgressReport

BAR_WIDTH = 24


def show(name: str, units: str, report: ProgressReport) -> None:
    console = make_console()
    decision, allowance = report.decision, report.allowance
    console.print(
        styled("[bold]{}[/] on {}: phase [bold cyan]{}[/]", name, report.as_of, report.phase)
    )
    console.print(
        f"  since {report.phase_since}; {report.timeline.weeks_elapsed:.1f} weeks tracked"
    )
    console.print(styled("[bold]This week[/]"))
    console.print(f"  {allowance.session}")
    if allowance.running_allowed:
        console.print(
            f"  up to {allowance.runs_per_week} runs; surfaces: {', '.join(allowance.surfaces)}"
        )
        if allowance.distance_cap:
            console.print(f"  longest run: {allowance.distance_cap}")
    console.print(f"  shoes: {allowance.shoes}")
    for note in allowance.notes:
        console.print(f"  · {note}")
    gate = decision.gate
    if gate.target:
        filled = round(gate.closeness * BAR_WIDTH)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        console.print(
            styled("[bold]Next gate[/] → {}  {} {}", gate.target, bar, f"{gate.closeness:.0%}")
        )
        for c in gate.criteria:
            mark = "  [green]✓[/] {}" if c.met else "  [red]✗[/] {}"
            detail = f" ({c.detail})" if c.detail else ""
            console.print(styled(mark, f"{c.text}{detail}"))
    if decision.flare:
        console.print(
            styled(
                "[bold yellow]Flare ({})[/]: {}",
                decision.flare.severity,
                "; ".join(decision.flare.reasons),
            )
        )
    for prompt in report.timeline.prompts:
        console.print(styled("[bold red]![/] {}", prompt))
    console.print(_trend_table(report, units))


def _trend_table(report: ProgressReport, units: str) -> Table:
    table = Table(title="Weekly trends", show_edge=False)
    for header in ("week", "first-step pain", "activity pain max", f"run ({units})"):
        table.add_column(header)
    weeks = [w for w in report.trends if w.days_logged] or list(report.trends[-1:])
    top_km = max((w.run_km for w in weeks), default=0) or 1
    for week in weeks:
        pain = week.first_step_pain_mean
        table.add_row(
            str(week.week_start),
            _bar(pain, 10, "red").append(f" {pain:.1f}" if pain is not None else " –"),
            f"{week.activity_pain_max:g}" if week.activity_pain_max is not None else "–",
            _bar(week.run_km, top_km, "green").append(" " + format_distance(week.run_km, units)),
        )
    return table


def _bar(value: float | None, top: float, colour: str) -> Text:
    width = 0 if value is None else round(min(value / top, 1) * 12)
    return Text("█" * width, style=colour).append(" " * (12 - width))


def plot(report: ProgressReport, units: str, path: Path) -> None:
    """Pain against weekly running load, and the retests over time."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from footfix.domain.units import from_km

    figure, (load_axis, retest_axis) = plt.subplots(2, 1, figsize=(9, 7), constrained_layout=True)
    weeks = list(report.trends)
    labels = [w.week_start.strftime("%d %b") for w in weeks]
    load_axis.bar(labels, [from_km(w.run_km, units) for w in weeks], color="#9cc9a5")
    load_axis.set_ylabel(f"running per week ({units})")
    pain_axis = load_axis.twinx()
    pain_axis.plot(
        labels,
        [w.first_step_pain_mean for w in weeks],
        "o-",
        color="#c0392b",
        label="first-step pain (mean)",
    )
    pain_axis.plot(
        labels,
        [w.activity_pain_max for w in weeks],
        "s--",
        color="#e67e22",
        label="activity pain (max)",
    )
    pain_axis.set_ylim(0, 10)
    pain_axis.set_ylabel("pain 0–10")
    pain_axis.legend(loc="upper right")
    load_axis.set_title(f"Pain against load — phase {report.phase}")
    load_axis.tick_params(axis="x", labelrotation=45)
    series: dict[str, tuple[list[object], list[float]]] = {}
    for point in report.retests:
        key = f"{point.test} ({point.side})" if point.side else point.test
        days, values = series.setdefault(key, ([], []))
        days.append(point.day)
        values.append(point.value)
    for key, (days, values) in series.items():
        retest_axis.plot(days, values, "o-", label=key)
    retest_axis.set_title("Retests")
    if series:
        retest_axis.legend(loc="best")
    else:
        retest_axis.text(
            0.5, 0.5, "no retests logged yet", ha="center", transform=retest_axis.transAxes
        )
    figure.savefig(path)
    plt.close(figure)
