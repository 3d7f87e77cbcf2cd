"""Tracking commands: runner, log, progress, export, import-data, db.

SQLAlchemy, matplotlib and the services are imported inside the command functions so that other
commands start fast. Every known problem ends in a clear message (``errors.fail``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from footfix.cli import errors

if TYPE_CHECKING:
    from footfix.services.identity import Actor, RunnerName
    from footfix.services.store_access import Store

T = TypeVar("T")

runner_app = typer.Typer(help="Runners whose recovery footfix tracks.", no_args_is_help=True)
db_app = typer.Typer(help="The tracking database.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    from footfix.cli import tracking_log_command

    app.add_typer(runner_app, name="runner")
    app.add_typer(db_app, name="db")
    app.command("log", help="Log a day: pain, walking, runs, exercises, retests, notes.")(
        tracking_log_command.log
    )
    app.command("progress", help="Today's phase, this week's allowance, next gate, trends.")(
        progress
    )
    app.command(
        "export", help="A runner's data: JSON (-o), FHIR R4B (--fhir), calendar (--ics), CSV."
    )(export)
    app.command("import-data", help="Load a runner from a 'footfix export' document.")(import_data)
    app.command("worker", help="Run background jobs (imports, videos, exports) from the database.")(
        worker
    )


@contextmanager
def command_store() -> Iterator[Store]:
    """This command's one store (built from the environment), closed when the command ends."""
    from footfix.services.store_access import open_store

    store = open_store()  # its errors, like every command's, end in the root group
    try:
        yield store
    finally:
        store.close()


def on_store(action: Callable[[Store], T]) -> T:
    """Run one use case on this command's store."""
    with command_store() as store:
        return action(store)


def as_local_user(action: Callable[[Store, Actor], T]) -> T:
    """Run one use case on this command's store as the database's local user, who owns
    everything made from the command line."""
    from footfix.services.identity import local_actor

    with command_store() as store:
        return action(store, local_actor(store))


def named(name: str) -> RunnerName:
    """``--runner NAME``: one of the local user's runners, by name."""
    from footfix.services.identity import RunnerName

    return RunnerName(name)


@runner_app.command("add")
def runner_add(
    name: str = typer.Argument(..., help="Name or alias, unique."),
    units: str = typer.Option("km", help="km or mi: how distances are entered and shown."),
    side: str | None = typer.Option(None, help="Painful side: left, right or both."),
    severity: str | None = typer.Option(None, help="mild, moderate or severe."),
    bone_stress: bool = typer.Option(False, help="A bone stress injury: any pain steps back."),
    timezone: str = typer.Option("UTC", help="IANA time zone, e.g. Europe/Paris."),
    phase: str = typer.Option("rehab_no_running", help="Starting phase (before an assessment)."),
    start: str | None = typer.Option(None, help="Start date YYYY-MM-DD (default today)."),
) -> None:
    from footfix.services import plain_words, tracking

    runner = as_local_user(
        lambda store, me: tracking.add_runner(
            store,
            me,
            name,
            units=units,
            painful_side=side,
            severity=severity,
            bone_stress=bone_stress,
            timezone=timezone,
            phase=phase,
            start=parse_day(start) if start else None,
        )
    )
    start_words = plain_words.phase_title(phase).lower()
    typer.echo(f"Added runner {runner.name} ({runner.units}), starting in {start_words}.")


@runner_app.command("list")
def runner_list() -> None:
    from footfix.services import tracking

    rows = as_local_user(tracking.list_runners)
    if not rows:
        typer.echo("No runners yet. Add one with: footfix runner add NAME")
    for runner, days in rows:
        side = runner.painful_side or "?"
        typer.echo(f"{runner.name}\t{runner.units}\tpainful side {side}\t{days} days logged")


@runner_app.command("show")
def runner_show(name: str = typer.Argument(...)) -> None:
    from footfix.services import plain_words, tracking

    info = as_local_user(lambda store, me: tracking.runner_details(store, me, named(name)))
    runner = info["runner"]
    typer.echo(f"{runner.name}: units {runner.units}, painful side {runner.painful_side or '?'}")
    typer.echo(f"added {runner.created_at:%Y-%m-%d}, {info['days_logged']} days logged")
    typer.echo("phase history:")
    for change in info["phase_history"]:
        before = plain_words.phase_title(change.from_phase) if change.from_phase else "-"
        typer.echo(
            f"  {change.effective_date}  {before} -> {plain_words.phase_title(change.to_phase)}"
        )
        for reason in change.reasons:  # older records hold ids: shown in words
            typer.echo(f"      {plain_words.plain(reason)}")


def progress(
    runner: str | None = typer.Option(None, "--runner", "-r", help="Runner name."),
    on: str | None = typer.Option(None, "--on", help="As of this date (default today)."),
    plot: Path | None = typer.Option(None, "--plot", help="Write a chart (.png or .svg)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    full: bool = typer.Option(
        False, "--full", help="Add exercises, every gate criterion and the weekly table."
    ),
    weeks: int = typer.Option(12, "--weeks", help="How many recent weeks to show and chart."),
) -> None:
    from footfix.cli import tracking_progress_view as view
    from footfix.services import week_summary

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        errors.fail(f"--plot {plot}: the file must end in .png or .svg")
    as_of = parse_day(on) if on else None
    chosen = named(runner) if runner else None
    found = as_local_user(lambda store, me: week_summary.overview(store, me, chosen, as_of, weeks))
    if as_json:
        from footfix.services.progress_view import progress_view

        typer.echo(progress_view(found).model_dump_json(indent=2))
    else:
        view.show(found, full=full)
    if plot is not None:
        view.plot(found.report, found.runner.units, plot, bone_stress=found.runner.bone_stress)
        typer.echo(f"Chart written to {plot}")


def export(
    runner: str = typer.Option(..., "--runner", "-r", help="Runner name."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File (default: stdout)."),
    with_sources: bool = typer.Option(
        False, "--with-sources", help="Keep each activity's file path, hash and device name."
    ),
    fhir: Path | None = typer.Option(None, "--fhir", help="Write a FHIR R4B Bundle (JSON)."),
    ics: Path | None = typer.Option(None, "--ics", help="Write the coming sessions (.ics)."),
    csv_dir: Path | None = typer.Option(
        None, "--csv", help="Write logs.csv, activities.csv, outcomes.csv into this folder."
    ),
    weeks: int | None = typer.Option(None, "--weeks", help="Weeks of sessions for --ics."),
    start: str | None = typer.Option(
        None, "--start", help="First day of --ics sessions (default tomorrow)."
    ),
) -> None:
    """The runner's data: footfix's own JSON (-o or stdout), and FHIR, iCalendar or CSV."""
    from footfix.services import calendar_export, fhir_export, tracking

    if (weeks is not None or start is not None) and ics is None:
        errors.fail("--weeks and --start go with --ics FILE")
    for option, path in (("--fhir", fhir), ("--ics", ics)):
        if path is not None and path.is_dir():
            errors.fail(f"{option} {path} is a folder: give the file to write")
    if csv_dir is not None and csv_dir.exists() and not csv_dir.is_dir():
        errors.fail(f"--csv {csv_dir} is a file: give a folder to write the tables into")
    first = parse_day(start) if start else None
    wanted_json = output is not None or not (fhir or ics or csv_dir)
    from footfix.services.identity import local_actor

    ref = named(runner)
    with command_store() as store:
        # everything is read before anything is written: a refusal leaves no file behind
        me = local_actor(store)
        text = tracking.export_runner_text(store, me, ref, with_sources=with_sources)
        bundle = fhir_export.fhir_bundle_text(store, me, ref) if fhir else None
        calendar = (
            calendar_export.calendar_export(store, me, ref, weeks=weeks, start=first)
            if ics
            else None
        )
        tables = calendar_export.spreadsheet_export(store, me, ref) if csv_dir else None
    if wanted_json and output is None:
        typer.echo(text, nl=False)
    if output is not None:
        if output.is_dir():
            errors.fail(
                f"{output} is a folder: give the file to write, e.g. {output / 'export.json'}"
            )
        _write(output, text)
        typer.echo(f"Exported {runner} to {output}")
    if fhir is not None and bundle is not None:
        _write(fhir, bundle)
        typer.echo(f"FHIR R4B bundle of {runner} written to {fhir}")
    if ics is not None and calendar is not None:
        _write(ics, calendar.text)
        typer.echo(
            f"{calendar.sessions} sessions ({calendar.runs} runs, {calendar.exercise_sessions} "
            f"exercise sessions) from {calendar.first_day} for {calendar.weeks} weeks "
            f"({calendar.phase}) written to {ics}"
        )
    if csv_dir is not None and tables is not None:
        from footfix.private_files import private_dir

        private_dir(csv_dir)
        for name, table in tables.items():
            _write(csv_dir / name, table)
        typer.echo(f"{', '.join(tables)} written to {csv_dir}")


def _write(path: Path, text: str) -> None:
    from footfix.private_files import write_private

    try:
        # a temporary file made exclusively beside the target, then renamed: a killed export
        # leaves no half file, and a planted symlink is replaced, never followed
        write_private(path, text)
    except OSError as err:
        errors.fail(f"cannot write {path}: {err.strerror or err}. Nothing was written there.")


def import_data(
    file: Path = typer.Argument(..., help="A JSON document written by 'footfix export'."),
    rename: str | None = typer.Option(None, "--as", help="Import under another name."),
) -> None:
    from footfix.services import tracking

    data = tracking.read_export_file(file)
    name = as_local_user(lambda store, me: tracking.import_runner(store, me, data, rename))
    typer.echo(f"Imported {name} from {file}")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or update the tables (migrations only ever add; they never drop data)."""
    from footfix.services import tracking

    before, after = on_store(tracking.upgrade_database)
    if before == after:
        typer.echo(f"Database already up to date (revision {after}).")
    else:
        typer.echo(f"Database upgraded from {before or 'empty'} to {after}.")


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.fail(f"date {text!r} is not valid: use YYYY-MM-DD")
    raise AssertionError("unreachable")


@db_app.command("backup")
def db_backup(file: Path = typer.Argument(..., help="Where to write the backup.")) -> None:
    """Copy the whole database to FILE (SQLite's online backup, or pg_dump's custom format)."""
    from footfix.services import backup

    on_store(lambda store: backup.backup_database(store, file))
    typer.echo(f"Backed up the database to {file}")


@db_app.command("restore")
def db_restore(
    file: Path = typer.Argument(..., help="A file made by 'footfix db backup'."),
) -> None:
    """Replace the database's contents with FILE's (everything stored since is lost)."""
    from footfix.services import backup

    on_store(lambda store: backup.restore_database(store, file))
    typer.echo(f"Restored the database from {file}")


def worker(
    once: bool = typer.Option(False, "--once", help="Run the due jobs, then exit."),
    threads: int = typer.Option(
        1, "--threads", min=1, max=32, help="Jobs run at once (with a broker)."
    ),
) -> None:
    """Run background jobs until stopped (Ctrl-C): from the broker in FOOTFIX_BROKER_URL
    (RabbitMQ or Redis), or by polling the database when none is set."""
    import signal
    import threading

    from footfix.services import job_broker, job_worker

    if once:
        ran = on_store(job_worker.drain)
        typer.echo(f"Ran {ran} job(s).")
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())  # 'docker stop': finish, then exit
    broker = job_broker.configured()
    with command_store() as store:
        if broker is None:
            job_worker.run_forever(store, stop)
            return
        typer.echo(f"Taking jobs from queue {broker.queue} ({threads} at once).", err=True)
        try:
            broker.work(store, stop, threads=threads)
        finally:
            broker.close()
