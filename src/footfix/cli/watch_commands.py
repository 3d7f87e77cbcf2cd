"""``footfix import`` and ``footfix load``: watch files in, weekly picture out.

Heavy imports (the ingest package's process pool, matplotlib) happen inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from footfix.cli.errors import console, fail
from footfix.cli.output import make_console, styled

out = make_console()  # results; `console` (stderr) carries progress and warnings
_KM_PER_MI = 1.609344


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("load")(load_command)


def _read(paths: list[Path]) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from footfix.ingest import import_paths

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=console, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("Reading", total=None)
        return import_paths(
            paths, on_progress=lambda done, total: bar.update(task, completed=done, total=total)
        )


def _summary(report: Any) -> None:
    from collections import Counter

    by_sport = Counter(a.sport for a in report.activities)
    sports = ", ".join(f"{n} {s}" for s, n in by_sport.most_common())
    out.print(
        styled(
            "[bold]Imported[/] {} activities ({}) from {} files; {} duplicates merged; {} skipped.",
            len(report.activities),
            sports or "none",
            report.files_read,
            len(report.duplicates),
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
    from footfix.cli.tracking_commands import call_service, command_store
    from footfix.services.watch_import import check_runner

    with command_store() as store:
        call_service(lambda: check_runner(store, runner))  # a typo should not cost a long read
        report = _read_and_summarise(paths)
        outcome = call_service(lambda: _store(store, runner, report, paths))
    _stored_summary(outcome)


def _read_and_summarise(paths: list[Path]) -> Any:
    report = _read(paths)
    _summary(report)
    if not report.activities:
        fail("no activity could be read from the paths given")
    return report


def _store(store: Any, runner: str, report: Any, paths: list[Path]) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    from footfix.services.watch_import import store_report

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        console=console, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("Storing", total=None)
        return store_report(
            store,
            runner,
            report,
            paths,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )


def _stored_summary(outcome: Any) -> None:
    """What the store gained; files that could not be read were listed above already."""
    already = [d for d in outcome.duplicates if d.already_stored]
    not_stored = [s for s in outcome.skipped if s.kind == "NotStored"]
    out.print(
        styled(
            "[bold]Stored for {}:[/] {}",
            outcome.runner,
            f"{outcome.imported} new activities; {len(already)} already stored"
            + (f" ({outcome.replaced} replaced by a richer copy)" if outcome.replaced else "")
            + f"; {len(not_stored)} not stored.",
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
    plot: Path | None = typer.Option(None, "--plot", help="write a PNG chart here"),
) -> None:
    """Weekly running load: distance, time, longest run, change, spikes, hard share, climbing."""
    if units not in (None, "km", "mi"):
        fail(f"--units must be km or mi, not '{units}'")
    if runner and paths:
        fail("give watch files or --runner NAME, not both")
    if not runner and not paths:
        fail("give watch files, folders or exports to read, or --runner NAME")
    if runner:
        from footfix.cli.tracking_commands import on_store
        from footfix.services.watch_import import stored_load

        stored = on_store(lambda store: stored_load(store, runner))
        if not stored.running:
            fail(
                f"no running activities stored for {stored.runner.name}; "
                f"add some with: footfix import PATH... --runner {stored.runner.name}"
            )
        out.print(f"{len(stored.activities)} stored activities of {stored.runner.name}")
        _show_load(
            list(stored.activities),
            list(stored.dynamics),
            units or stored.runner.units,
            plot,
            hard_known=False,
        )
        return
    from footfix.ingest.dynamics import run_dynamics

    report = _read(paths)
    if not report.running:
        _summary(report)
        fail("no running activities among the files")
    dynamics = [run_dynamics(run) for run in report.running]
    _show_load(list(report.activities), dynamics, units or "km", plot, hard_known=True)


def _show_load(
    activities: list[Any], dynamics: list[Any], units: str, plot: Path | None, hard_known: bool
) -> None:
    from footfix.ingest.load_metrics import (
        long_run_spikes,
        other_sports,
        week_over_week_pct,
        weekly_load,
    )

    runs = [a for a in activities if a.is_running]
    until = max(r.end_utc for r in runs)
    weeks = weekly_load(runs, until)
    scale = 1000 * (_KM_PER_MI if units == "mi" else 1)
    _table(weeks, week_over_week_pct(weeks), scale, units, hard_known)
    for spike in long_run_spikes(runs)[-5:]:
        out.print(
            f"Long run {spike.distance_m / scale:.1f} {units} on {spike.start_utc:%Y-%m-%d}: "
            f"+{spike.increase_pct:.0f}% over the longest of the previous 30 days ({spike.band})"
        )
    distances = {(r.source, r.start_utc): r.distance_m for r in runs}
    _dynamics_table(dynamics, distances, scale, units)
    for sport, (n, dist, secs) in other_sports(activities).items():
        out.print(f"Other: {n} x {sport}, {dist / scale:.1f} {units}, {secs / 3600:.1f} h")
    if not hard_known:
        console.print(
            styled(
                "[dim]Hard % needs the samples, which are not stored: "
                "`footfix load PATH...` shows it from the files.[/]"
            )
        )
    if plot:
        _plot(weeks, scale, units, plot)
        out.print(f"Chart written to {plot}")


def _table(
    weeks: list[Any], changes: list[float | None], scale: float, units: str, hard_known: bool
) -> None:
    from rich.table import Table

    table = Table(title=f"Weekly running ({units})")
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
    top = max((w.distance_m for w in weeks), default=1.0) or 1.0
    for week, change in zip(weeks[-16:], changes[-16:], strict=True):
        bar = "█" * round(20 * week.distance_m / top)
        hard = f"{week.hard_pct:.0f}" if hard_known else ""
        table.add_row(
            f"{week.monday:%Y-%m-%d}", str(week.runs), f"{week.distance_m / scale:.1f}", bar,
            f"{week.moving_s / 3600:.1f}", f"{week.longest_m / scale:.1f}",
            "" if change is None else f"{change:+.0f}%", hard,
            f"{week.ascent_m_per_km:.0f}",
        )  # fmt: skip
    out.print(table)


def _dynamics_table(
    dynamics: list[Any], distances: dict[tuple[str, Any], float], scale: float, units: str
) -> None:
    """Running dynamics of the latest runs that have any, with data-quality flags."""
    from rich.table import Table

    rows = sorted((d for d in dynamics if d.cadence_spm is not None), key=lambda d: d.start_utc)
    rows = rows[-12:]
    if not rows:
        return
    table = Table(title="Running dynamics (running samples only)")
    for name in ("date", units, "spm", "GCT ms", "balance", "VR %", "step mm", "quality"):
        table.add_column(
            name, justify="left" if name in ("date", "balance", "quality") else "right"
        )
    for d in rows:
        balance = "" if d.balance_left_pct is None else f"{d.balance_left_pct:.1f}% L"
        if d.balance_side:
            balance += f" ({d.balance_side} longer)"
        flags = [f"{100 * d.running_share:.0f}% running"]
        flags += ["hilly"] if not d.flat else []
        flags += ["no GPS"] if d.treadmill else []
        flags += [f"{d.gaps} gaps"] if d.gaps else []
        table.add_row(
            f"{d.start_utc:%Y-%m-%d}", f"{distances.get((d.source, d.start_utc), 0.0) / scale:.1f}",
            _fmt(d.cadence_spm),
            _fmt(d.stance_time_ms), balance, _fmt(d.vertical_ratio_pct, 1),
            _fmt(d.step_length_mm), ", ".join(flags),
        )  # fmt: skip
    out.print(table)


def _fmt(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _plot(weeks: list[Any], scale: float, units: str, target: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        fail("matplotlib is not installed; install it to draw charts")
    fig, ax = plt.subplots(figsize=(9, 4))
    ax.bar([w.monday for w in weeks], [w.distance_m / scale for w in weeks], width=5)
    ax.plot(
        [w.monday for w in weeks],
        [w.longest_m / scale for w in weeks],
        "o-",
        color="C1",
        label="longest run",
    )
    ax.set_ylabel(units)
    ax.set_title("Weekly running distance")
    ax.legend()
    fig.autofmt_xdate()
    try:
        fig.savefig(target, dpi=110)
    except OSError as err:
        fail(f"could not write {target}: {err}")
    finally:
        plt.close(fig)
