"""Watch files → ``Evidence`` for ``footfix assess CASE --activities PATH...``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from footfix.intake.evidence import Evidence

STALE_AFTER = timedelta(weeks=8)


def evidence_from_activity_paths(
    paths: list[Path], *, as_of: datetime | None = None, progress: bool = False
) -> Evidence:
    """Read the files, then express load changes and running dynamics in case-file terms.

    Without ``as_of``, "now" is used, unless the newest run is older than eight weeks: then
    the findings are dated from that activity, and a note says so.
    """
    from footfix.ingest.importer import import_paths
    from footfix.services.watch_findings import findings_from_activities

    report = import_paths(paths, on_progress=_progress_bar() if progress else None)
    notes = [f"Skipped {s.source}: {s.reason}" for s in report.skipped]
    if not report.activities:
        return Evidence(source="watch", patch={}, notes=[*notes, "No activities could be read."])
    dated = report.running or report.activities
    newest = max(a.end_utc for a in dated)
    reference = as_of or datetime.now(UTC)
    if as_of is None and reference - newest > STALE_AFTER:
        reference = newest
        notes.append(f"The newest run is from {newest:%Y-%m-%d}; findings are dated from it.")
    patch, found = findings_from_activities(list(report.activities), reference)
    return Evidence(source="watch", patch=patch, notes=[*found, *notes])


def _progress_bar() -> Callable[[int, int], None]:
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("Reading watch files", total=None)
    bar.start()

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)
        if done >= total:
            bar.stop()

    return update
