"""``footfix outcome``: record PSFS, SANE (or a clinic's measure), show change against the MCID."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from footfix.cli import errors
from footfix.cli.output import make_console, styled
from footfix.cli.tracking_commands import as_local_user, named, parse_day

if TYPE_CHECKING:
    from footfix.services.outcomes import OutcomeReport

outcome_app = typer.Typer(
    help="Outcome measures: PSFS, SANE and first-step pain, read against their MCID.",
    no_args_is_help=True,
)
console = make_console()


def register(app: typer.Typer) -> None:
    app.add_typer(outcome_app, name="outcome")


@outcome_app.command("measures")
def list_measures() -> None:
    """The measures footfix collects, how, their MCID and schedule, and those left out."""
    from footfix.services import outcomes

    for m in outcomes.measures():
        every = f"every {m.schedule.every_days} days" if m.schedule.every_days else "once"
        console.print(styled("[bold]{}[/] ({}): {}", m.id, m.abbreviation, m.title))
        console.print(f"  {m.instructions}", markup=False)
        console.print(
            f"  score {m.range.min:g}–{m.range.max:g}, {m.better} is better; MCID "
            f"{m.mcid.points:g} points ({', '.join(m.mcid.sources)}); {every}"
        )
    left_out = outcomes.left_out()
    if left_out:
        console.print("Left out for licence reasons (a licensed clinic adds them as data):")
        for x in left_out:
            console.print(f"  {x.title}: {x.why}", markup=False)


@outcome_app.command("record")
def record(
    runner: str = typer.Option(..., "--runner", "-r", help="Runner name."),
    psfs: list[str] = typer.Option(
        [], "--psfs", help='An activity and its 0–10 rating, e.g. "stairs=4"; 3 to 5 of them.'
    ),
    sane: float | None = typer.Option(None, "--sane", help="How normal the foot feels, 0–100."),
    measure: str | None = typer.Option(
        None, "--measure", help="Another measure of the knowledge base (with --item)."
    ),
    item: list[str] = typer.Option([], "--item", help="ITEM=VALUE for --measure, repeatable."),
    day: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: today)."),
    replace: bool = typer.Option(False, "--replace", help="Replace that day's record."),
) -> None:
    from footfix.services import outcomes

    batches: list[tuple[str, Sequence[tuple[str, float]]]] = []
    if psfs:
        batches.append(("psfs", [_pair("--psfs", text) for text in psfs]))
    if sane is not None:
        batches.append(("sane", [("overall", sane)]))
    if measure is not None:
        batches.append((measure, [_pair("--item", text) for text in item]))
    elif item:
        errors.fail("--item needs --measure ID (see footfix outcome measures)")
    if not batches:
        errors.fail("nothing to record: give --psfs, --sane or --measure with --item")
    when = parse_day(day) if day else None
    recorded = as_local_user(
        lambda store, me: outcomes.record_outcomes(
            store, me, named(runner), batches, day=when, replace=replace
        )
    )
    for done in recorded:
        console.print(
            styled(
                "Recorded {} {} for {} on {} ({}).",
                done.measure.abbreviation,
                f"{done.row.score:g}",
                done.runner.name,
                done.row.recorded_on,
                done.row.context,
            )
        )
        if done.change is not None:
            console.print(styled("  {}", done.change.sentence))


def _pair(option: str, text: str) -> tuple[str, float]:
    label, sep, value = text.rpartition("=")
    try:
        if not sep:
            raise ValueError
        return label, float(value)
    except ValueError:
        errors.fail(f'{option} {text!r}: use NAME=NUMBER, e.g. "stairs=4"')


@outcome_app.command("show")
def show(
    runner: str = typer.Option(..., "--runner", "-r", help="Runner name."),
    on: str | None = typer.Option(None, "--on", help="As of this date (default today)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    plot: Path | None = typer.Option(None, "--plot", help="Chart against time and phase."),
) -> None:
    from footfix.services import outcomes

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        errors.fail(f"--plot {plot}: the file must end in .png or .svg")
    as_of = parse_day(on) if on else None
    _, report = as_local_user(
        lambda store, me: outcomes.outcome_report(store, me, named(runner), as_of)
    )
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print(report)
    if plot is not None:
        from footfix.reports.outcome_chart import plot_outcomes

        plot_outcomes(report, plot)
        console.print(styled("Chart written to {}", plot))


def _print(report: OutcomeReport) -> None:
    console.print(styled("[bold]Outcomes for {}[/] as of {}", report.runner, report.as_of))
    for m in report.measures:
        latest = m.points[-1] if m.points else None
        shown = f"latest {latest.score:g} on {latest.day}" if latest else "not recorded yet"
        console.print(styled("[bold]{}[/]: {} ({} records)", m.abbreviation, shown, len(m.points)))
        if m.change is not None:
            console.print(styled("  {}", m.change.sentence))
        if m.next_due is not None:
            due = "due now" if m.next_due <= report.as_of else f"next due {m.next_due}"
            console.print(f"  {due}")
    for m in report.due:
        console.print(styled("Record {} now: {}", m.abbreviation, _how(m.id, report.runner)))


def _how(measure_id: str, runner: str) -> str:
    import shlex

    start = f"footfix outcome record -r {shlex.quote(runner)}"
    if measure_id == "psfs":
        return f'{start} --psfs "ACTIVITY=0-10" (three activities)'
    if measure_id == "sane":
        return f"{start} --sane 0-100"
    return f"{start} --measure {measure_id} --item ITEM=VALUE ..."


def remind_due(runner: str) -> None:
    """After a day's log: name the outcome measures that are due (never fails the log)."""
    from footfix.services import outcomes

    due = as_local_user(lambda store, me: outcomes.due_measures(store, me, named(runner)))
    for measure_id in due:
        console.print(styled("Outcome measure due: {}: {}", measure_id, _how(measure_id, runner)))
