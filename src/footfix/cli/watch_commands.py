"""``footfix import`` and ``footfix load``: watch files in, weekly picture out.

Heavy imports (the ingest package's process pool, matplotlib) happen inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from footfix.cli.errors import console, fail
from footfix.cli.output import make_console, styled

if TYPE_CHECKING:
    from footfix.services.identity import Actor
    from footfix.services.weekly_load import LoadView

WEEKS_SHOWN = 16
out = make_console()  # results; `console` (stderr) carries progress and warnings


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("load")(load_command)


def _read(paths: list[Path]) -> Any:
    from footfix.cli.progress_bar import progress_bar
    from footfix.services.weekly_load import read_watch_files

    with progress_bar(counts=True) as on_progress:
        return read_watch_files(paths, on_progress=on_progress)


def _summary(report: Any) -> None:
    from footfix.services.import_words import count, runs_and_others, sports_counted

    by_sport = sports_counted(a.sport for a in report.activities)
    out.print(
        styled(
            "[bold]Imported[/] {} from {}: {}; {} merged; {} skipped.",
            count(len(report.activities), "activity", "activities"),
            count(report.files_read, "file", "files"),
            runs_and_others(by_sport),
            count(len(report.duplicates), "duplicate", "duplicates"),
            len(report.skipped),
        )
    )
    for kept, dropped in report.duplicates:
        out.print(f"  same activity: kept {kept}, dropped {dropped}")
    for s in report.skipped:
        console.print(f"  skipped {s.source}: {s.reason}")


def import_command(
    paths: list[Path] = typer.Argument(..., help="FIT/GPX/TCX files, folders, zips, exports"),
    runner: str | None = typer.Option(None, "--runner", help="store the activities for a runner"),
) -> None:
    """Read watch files (Garmin, Strava, Polar, Coros, Wahoo...) and summarise them."""
    if not runner:
        _read_and_summarise(paths)
        return
    from footfix.cli.tracking_commands import command_store, named
    from footfix.services.identity import local_actor
    from footfix.services.watch_import import check_runner

    with command_store() as store:
        me = local_actor(store)
        check_runner(store, me, named(runner))  # a typo should not cost a long read
        report = _read_and_summarise(paths)
        outcome = _store(store, me, runner, report, paths)
    _stored_summary(outcome)


def _read_and_summarise(paths: list[Path]) -> Any:
    report = _read(paths)
    _summary(report)
    if not report.activities:
        fail("no activity could be read from the paths given")
    return report


def _store(store: Any, me: Actor, runner: str, report: Any, paths: list[Path]) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    from footfix.services.watch_import import store_report

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        console=console, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("Storing", total=None)
        from footfix.cli.interrupts import stop_requested_on_ctrl_c
        from footfix.cli.tracking_commands import named

        with stop_requested_on_ctrl_c() as stop:  # files stored so far stay whole
            return store_report(
                store,
                me,
                named(runner),
                report,
                paths,
                on_progress=lambda done, total: bar.update(task, completed=done, total=total),
                cancelled=stop.is_set,
            )


def _stored_summary(outcome: Any) -> None:
    """What the store gained; files that could not be read were listed above already."""
    from footfix.services.import_words import activities_line

    already = [d for d in outcome.duplicates if d.already_stored]
    not_stored = [s for s in outcome.skipped if s.kind == "NotStored"]
    out.print(
        styled(
            "[bold]Stored for {}.[/] {}; {} already stored{}; {} not stored.",
            outcome.runner,
            activities_line(outcome.by_sport),
            len(already),
            f" ({outcome.replaced} replaced by a richer copy)" if outcome.replaced else "",
            len(not_stored),
        )
    )
    for dup in already:
        if dup.kept != dup.dropped:  # the same file again needs no line of its own
            out.print(
                f"  same activity: kept {dup.kept}, dropped {dup.dropped}",
            )
    for s in not_stored:
        console.print(f"  not stored {s.source}: {s.reason}")


def load_command(
    paths: list[Path] = typer.Argument(None, help="watch files, folders or exports"),
    runner: str | None = typer.Option(
        None, "--runner", help="use the activities stored for a runner (footfix import --runner)"
    ),
    units: str | None = typer.Option(
        None, "--units", help="km or mi (default: km, or the runner's)"
    ),
    plot: Path | None = typer.Option(None, "--plot", help="write a chart here (.png or .svg)"),
    as_json: bool = typer.Option(
        False, "--json", help="Print the weekly picture as JSON (docs/json-output.md)."
    ),
) -> None:
    """Weekly running load: distance, time, longest run, change, spikes, hard share, climbing."""
    from footfix.services import weekly_load

    weekly_load.check_units(units)
    if runner and paths:
        fail("give watch files or --runner NAME, not both")
    if not runner and not paths:
        fail("give watch files, folders or exports to read, or --runner NAME")
    if runner:
        from footfix.cli.tracking_commands import as_local_user, named

        view = as_local_user(
            lambda store, me: weekly_load.stored_view(store, me, named(runner), units)
        )
        if not as_json:
            out.print(f"{view.activities} stored activities of {view.runner}")
    else:
        report = _read(paths)
        if not report.running:
            _summary(report)
        view = weekly_load.view_from_report(report, units)
    if as_json:
        typer.echo(view.model_dump_json(indent=2))
    else:
        show_load(view)
    if plot:
        _plot(view, plot)
        (console if as_json else out).print(f"Chart written to {plot}")


def show_load(view: LoadView) -> None:
    u = view.units
    _table(view)
    for spike in view.long_run_spikes:
        out.print(
            f"Long run {spike.distance:.1f} {u} on {spike.day:%Y-%m-%d}: "
            f"+{spike.increase_pct}% over the longest of the previous 30 days ({spike.band})"
        )
    _dynamics_table(view)
    for other in view.other_sports:
        out.print(
            f"Other: {other.sessions} x {other.sport}, {other.distance:.1f} {u}, "
            f"{other.hours:.1f} h"
        )
    if not view.hard_known:
        console.print(
            styled(
                "[dim]Hard % needs the samples, which are not stored: "
                "`footfix load PATH...` shows it from the files.[/]"
            )
        )


def _table(view: LoadView) -> None:
    from footfix.cli.tables import Bar, WordTable

    table = WordTable(title=f"Weekly running ({view.units})")
    for name in (
        "week",
        "runs",
        "distance",
        "",
        "time h",
        "longest",
        "change",
        "hard %",
        "m/km up",
    ):
        table.add_column(
            name,
            justify="left" if name in ("week", "") else "right",
            no_wrap=name == "week",
            min_width=10 if name == "week" else None,
        )
    top = max((w.distance for w in view.weeks), default=1.0) or 1.0
    for week in view.weeks[-WEEKS_SHOWN:]:
        bar = Bar(week.distance / top)  # as long as the terminal leaves room for
        change = "" if week.change_pct is None else f"{week.change_pct:+d}%"
        hard = "" if week.hard_pct is None else str(week.hard_pct)
        table.add_row(
            f"{week.week_start:%Y-%m-%d}", str(week.runs), f"{week.distance:.1f}", bar,
            f"{week.moving_h:.1f}", f"{week.longest:.1f}", change, hard,
            str(week.ascent_m_per_km),
        )  # fmt: skip
    out.print(table)


def _dynamics_table(view: LoadView) -> None:
    """Running dynamics of the latest runs that have any, with data-quality flags."""
    from footfix.cli.tables import WordTable

    if not view.dynamics:
        return
    table = WordTable(title="Running dynamics (running samples only)")
    for name in ("date", view.units, "spm", "GCT ms", "balance", "VR %", "step mm", "quality"):
        table.add_column(
            name, justify="left" if name in ("date", "balance", "quality") else "right"
        )
    for d in view.dynamics:
        balance = "" if d.balance_left_pct is None else f"{d.balance_left_pct:.1f}% L"
        if d.balance_side:
            balance += f" ({d.balance_side} longer)"
        flags = [f"{d.running_pct}% running"]
        flags += ["hilly"] if d.hilly else []
        flags += ["no GPS"] if d.treadmill else []
        flags += [f"{d.gaps} gaps"] if d.gaps else []
        table.add_row(
            f"{d.day:%Y-%m-%d}", f"{d.distance:.1f}", _fmt(d.cadence_spm),
            _fmt(d.stance_time_ms), balance, _fmt(d.vertical_ratio_pct, 1),
            _fmt(d.step_length_mm), ", ".join(flags),
        )  # fmt: skip
    out.print(table)


def _fmt(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _plot(view: LoadView, target: Path) -> None:
    """The weekly-load chart (services.charts decides what, reports.charts draws it)."""
    from footfix.reports.charts import load_figure, write
    from footfix.services.charts import load_chart

    write(load_figure(load_chart(view)), target)
