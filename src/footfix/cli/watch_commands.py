"""``footfix import`` and ``footfix load``: watch files in, weekly picture out.

Heavy imports (the ingest package's process pool, matplotlib) happen inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from footfix.cli.errors import console, fail

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
    console.print(
        f"[bold]Imported[/] {len(report.activities)} activities ({sports or 'none'}) "
        f"from {report.files_read} files; {len(report.duplicates)} duplicates merged; "
        f"{len(report.skipped)} skipped."
    )
    for kept, dropped in report.duplicates:
        console.print(
            f"  same activity: kept {kept}, dropped {dropped}", markup=False, highlight=False
        )
    for s in report.skipped:
        console.print(f"  skipped {s.source}: {s.reason}", markup=False, highlight=False)


def import_command(
    paths: list[Path] = typer.Argument(..., help="FIT/GPX/TCX files, folders, zips, exports"),
    runner: str | None = typer.Option(None, "--runner", help="store the activities for a runner"),
) -> None:
    """Read watch files (Garmin, Strava, Polar, Coros, Wahoo...) and summarise them."""
    report = _read(paths)
    _summary(report)
    if runner:
        console.print(
            f"[yellow]Storing activities for '{runner}' is not available yet[/]: the store has no "
            "activity table. Use `footfix load PATH...` or "
            "`footfix assess CASE --activities PATH...`."
        )
    if not report.activities:
        fail("no activity could be read from the paths given")


def load_command(
    paths: list[Path] = typer.Argument(None, help="watch files, folders or exports"),
    runner: str | None = typer.Option(None, "--runner"),
    units: str = typer.Option("km", "--units", help="km or mi"),
    plot: Path | None = typer.Option(None, "--plot", help="write a PNG chart here"),
) -> None:
    """Weekly running load: distance, time, longest run, change, spikes, hard share, climbing."""
    if units not in ("km", "mi"):
        fail(f"--units must be km or mi, not '{units}'")
    if runner and not paths:
        fail(f"stored activities for '{runner}' are not available yet; give watch files instead")
    if not paths:
        fail("give watch files, folders or exports to read")
    from footfix.ingest.load_metrics import (
        long_run_spikes,
        other_sports,
        week_over_week_pct,
        weekly_load,
    )

    report = _read(paths)
    runs = list(report.running)
    if not runs:
        _summary(report)
        fail("no running activities among the files")
    until = max(r.end_utc for r in runs)
    weeks = weekly_load(runs, until)
    scale = 1000 * (_KM_PER_MI if units == "mi" else 1)
    _table(weeks, week_over_week_pct(weeks), scale, units)
    for spike in long_run_spikes(runs)[-5:]:
        console.print(
            f"Long run {spike.distance_m / scale:.1f} {units} on {spike.start_utc:%Y-%m-%d}: "
            f"+{spike.increase_pct:.0f}% over the longest of the previous 30 days ({spike.band})"
        )
    _dynamics_table(runs, scale, units)
    for sport, (n, dist, secs) in other_sports(list(report.activities)).items():
        console.print(f"Other: {n} x {sport}, {dist / scale:.1f} {units}, {secs / 3600:.1f} h")
    if plot:
        _plot(weeks, scale, units, plot)
        console.print(f"Chart written to {plot}")


def _table(weeks: list[Any], changes: list[float | None], scale: float, units: str) -> None:
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
        table.add_column(name, justify="left" if name in ("week", "") else "right")
    top = max((w.distance_m for w in weeks), default=1.0) or 1.0
    for week, change in zip(weeks[-16:], changes[-16:], strict=True):
        bar = "█" * round(20 * week.distance_m / top)
        table.add_row(
            f"{week.monday:%Y-%m-%d}", str(week.runs), f"{week.distance_m / scale:.1f}", bar,
            f"{week.moving_s / 3600:.1f}", f"{week.longest_m / scale:.1f}",
            "" if change is None else f"{change:+.0f}%", f"{week.hard_pct:.0f}",
            f"{week.ascent_m_per_km:.0f}",
        )  # fmt: skip
    console.print(table)


def _dynamics_table(runs: list[Any], scale: float, units: str) -> None:
    """Running dynamics of the latest runs that have any, with data-quality flags."""
    from rich.table import Table

    from footfix.ingest.dynamics import run_dynamics

    rows = [(run, run_dynamics(run)) for run in sorted(runs, key=lambda r: r.start_utc)]
    rows = [(run, d) for run, d in rows if d.cadence_spm is not None][-12:]
    if not rows:
        return
    table = Table(title="Running dynamics (running samples only)")
    for name in ("date", units, "spm", "GCT ms", "balance", "VR %", "step mm", "quality"):
        table.add_column(
            name, justify="left" if name in ("date", "balance", "quality") else "right"
        )
    for run, d in rows:
        balance = "" if d.balance_left_pct is None else f"{d.balance_left_pct:.1f}% L"
        if d.balance_side:
            balance += f" ({d.balance_side} longer)"
        flags = [f"{100 * d.running_share:.0f}% running"]
        flags += ["hilly"] if not d.flat else []
        flags += ["no GPS"] if d.treadmill else []
        flags += [f"{d.gaps} gaps"] if d.gaps else []
        table.add_row(
            f"{run.start_utc:%Y-%m-%d}", f"{run.distance_m / scale:.1f}", _fmt(d.cadence_spm),
            _fmt(d.stance_time_ms), balance, _fmt(d.vertical_ratio_pct, 1),
            _fmt(d.step_length_mm), ", ".join(flags),
        )  # fmt: skip
    console.print(table)


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
