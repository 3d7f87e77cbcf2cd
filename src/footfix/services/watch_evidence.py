"""Watch files → ``Evidence`` for ``footfix assess CASE --activities PATH...``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from footfix.intake.evidence import Evidence
from footfix.services.progress import ProgressCallback
from footfix.services.progress import report as progress

STALE_AFTER = timedelta(weeks=8)


def evidence_from_activity_paths(
    paths: list[Path],
    *,
    as_of: datetime | None = None,
    on_progress: ProgressCallback | None = None,
) -> Evidence:
    """Read the files, then express load changes and running dynamics in case-file terms.

    Without ``as_of``, "now" is used, unless the newest run is older than eight weeks: then
    the findings are dated from that activity, and a note says so.
    """
    from footfix.ingest.importer import import_paths
    from footfix.services.settings import load_worker_settings
    from footfix.services.watch_findings import findings_from_activities

    report = import_paths(
        paths,
        workers=load_worker_settings().import_workers,
        on_progress=lambda d, t: progress(on_progress, "Reading watch files", d, t),
    )
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
