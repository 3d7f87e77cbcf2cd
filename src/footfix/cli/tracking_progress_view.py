"""How ``footfix progress`` looks: "This week" in plain words first (one screen), the tables
behind ``--full``, the chart on request. Every figure comes from ``services.week_summary``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from footfix.cli.output import literal, make_console, styled
from footfix.cli.tables import WordTable
from footfix.domain.units import format_distance

if TYPE_CHECKING:  # types only: the view draws what the progress use case returns
    from footfix.services.week_summary import ProgressOverview, WeekSummary
    from footfix.tracking.report import ProgressReport

BAR_WIDTH = 12
TODAY_SHOWN = 5


def show(view: ProgressOverview, *, full: bool = False) -> None:
    console = make_console()
    summary = view.summary
    console.print(
        styled(
            "[bold]{}[/] on {}: [bold cyan]{}[/] since {} (week {})",
            summary.runner,
            f"{summary.as_of:%a %d %b %Y}",
            summary.phase_title,
            f"{summary.phase_since:%d %b}",
            int(summary.weeks_tracked) + 1,
        )
    )
    for warning in summary.warnings:
        console.print(styled("[bold red]![/] {}", warning))
    _evidence(console, view.report)
    console.print(styled("[bold]This week[/]"))
    todo = WordTable.grid(padding=(0, 1))
    todo.add_column(justify="right", min_width=4)
    todo.add_column()
    for number, item in enumerate(summary.today[:TODAY_SHOWN], 1):
        todo.add_row(f"{number}.", literal(item))
    console.print(todo)
    _gate(console, summary, full)
    if not full:
        console.print(styled("[dim]Exercises, gate details and weekly tables: add --full[/]"))
        return
    if summary.phase_meaning:
        console.print(styled("[bold]What this phase means[/]"))
        console.print(literal(f"  {summary.phase_meaning}"))
    _exercises(console, summary)
    console.print(literal(f"  Shoes: {summary.shoes}"))
    console.print(_trend_table(view.report, view.runner.units))


def _evidence(console: Console, report: ProgressReport) -> None:
    """Flares by their day (back-filled ones too) and notes on kept decisions."""
    if report.flares:
        named = ", ".join(f"{f.day:%d %b} ({f.severity})" for f in report.flares[-6:])
        console.print(styled("[bold yellow]Flares logged[/]: {}", named))
    for note in report.notes:
        console.print(styled("[yellow]note[/]: {}", note))


def _gate(console: Console, summary: WeekSummary, full: bool) -> None:
    gate = summary.next_gate
    if gate is None:
        console.print(styled("[bold]Next gate[/]: none — this is the last phase"))
        return
    filled = round(gate.closeness * BAR_WIDTH)
    bar = "█" * filled + "░" * (BAR_WIDTH - filled)
    console.print(
        styled(
            "[bold]Next gate[/] → {}  {} {} ({} of {} done)",
            gate.phase_title,
            bar,
            f"{gate.closeness:.0%}",
            gate.met,
            gate.total,
        )
    )
    shown = gate.still_to_do if full else gate.still_to_do[:2]
    for item in shown:
        console.print(styled("  [red]✗[/] {}", item))
    if len(shown) < len(gate.still_to_do):
        console.print(literal(f"  … and {len(gate.still_to_do) - len(shown)} more"))


def _exercises(console: Console, summary: WeekSummary) -> None:
    if not summary.exercises:
        return
    table = WordTable(title="Exercises today", show_edge=False, title_justify="left")
    for header in ("exercise", "dose", "side"):
        table.add_column(header)
    for item in summary.exercises:
        table.add_row(literal(item.title), literal(item.dose), literal(item.side or ""))
    console.print(table)


def _trend_table(report: ProgressReport, units: str) -> WordTable:
    table = WordTable(title="Weekly trends", show_edge=False)
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


def plot(report: ProgressReport, units: str, path: Path, *, bone_stress: bool) -> None:
    """The runner's progress chart (services.charts decides what, reports.charts draws it)."""
    from footfix.reports.charts import progress_figure, write
    from footfix.services.charts import progress_chart

    write(progress_figure(progress_chart(report, units, bone_stress=bone_stress)), path)
