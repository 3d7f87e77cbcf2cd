"""Store watch activities for a runner, and read them back for the weekly picture.

``footfix import PATH... --runner NAME`` reads the files with :mod:`footfix.ingest`, then
:func:`store_activities` writes each file's activities in one transaction of its own: a file is
stored whole or not at all, and a file that fails does not undo the files before it.

An activity already stored for the runner is not stored twice. Two activities are the same when
the ingest package's rule says so (:func:`footfix.ingest.dedupe.same_activity`: start within
60 s, same sport, durations and distances within 10 %); the exact same start second and sport
(the ``dedup_key``) always counts as the same. As in one import, the richer copy wins (FIT with
running dynamics, then more samples): a richer copy replaces the stored row in place, and a
copy that only adds the shoe fills in the stored row's gear.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from footfix.domain import plausibility
from footfix.ingest.activity import Activity, Samples
from footfix.ingest.dedupe import START_TOLERANCE_S, same_activity
from footfix.ingest.dynamics import FLAT_ASCENT_M_PER_KM, RunDynamics, run_dynamics
from footfix.ingest.errors import IngestError
from footfix.ingest.importer import ImportReport, Skipped
from footfix.ingest.sources import expand_paths
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.import_words import sports_counted
from footfix.services.progress import CancelCheck, check_cancelled
from footfix.store import activities_repo, runners_repo
from footfix.store.activities_repo import ActivityRecord, StoredActivity
from footfix.store.engine import Connection
from footfix.store.errors import StoreError
from footfix.store.runners_repo import RunnerRow
from footfix.store.store import Store

Progress = Callable[[int, int], None]  # (files done, files in all)

NOT_STORED = "NotStored"  # the ``kind`` of a skip decided here rather than while reading


@dataclass(frozen=True, slots=True)
class Duplicate:
    kept: str  # the source whose copy is stored
    dropped: str
    already_stored: bool  # the match was in the store before this import


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    runner: str
    imported: int  # activities newly stored
    replaced: int  # stored copies replaced by a richer copy (also listed in duplicates)
    duplicates: tuple[Duplicate, ...]
    skipped: tuple[Skipped, ...]  # files that could not be read, activities that were not stored
    files_stored: int
    imported_sports: tuple[tuple[str, int], ...] = ()  # newly stored activities by sport

    @property
    def duplicate_count(self) -> int:
        return len(self.duplicates)

    @property
    def by_sport(self) -> dict[str, int]:
        """The newly stored activities by sport, the commonest first (only runs count toward
        running load: :func:`footfix.services.import_words.activities_line` says so)."""
        return dict(self.imported_sports)


@dataclass(frozen=True, slots=True)
class StoredLoad:
    """A runner's stored activities as ingest values (no samples) with their dynamics."""

    runner: RunnerRow
    activities: tuple[Activity, ...]
    dynamics: tuple[RunDynamics, ...]  # running activities with a stored dynamics summary

    @property
    def running(self) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.is_running)


def check_runner(store: Store, actor: Actor, runner_ref: RunnerRef) -> RunnerRow:
    """The runner, or :class:`footfix.store.errors.RunnerNotFound` before any file is read."""
    with store.read() as conn:
        return find_runner(conn, actor, runner_ref)


def store_report(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    report: ImportReport,
    paths: list[Path] | None = None,
    *,
    on_progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportOutcome:
    """Store what one ``import_paths`` run found; its skips and merged copies are carried over.

    Each stored file's SHA-256 is the one taken while it was read (``report.hashes``); with
    ``paths`` and a report that has none, the files are hashed again.
    """
    hashes = report.hashes
    if not hashes and paths:
        hashes = file_hashes(paths, {a.source for a in report.activities})
    outcome = store_activities(
        store,
        actor,
        runner_ref,
        list(report.activities),
        hashes=hashes,
        on_progress=on_progress,
        cancelled=cancelled,
    )
    merged = tuple(Duplicate(kept, dropped, False) for kept, dropped in report.duplicates)
    return ImportOutcome(
        runner=outcome.runner,
        imported=outcome.imported,
        replaced=outcome.replaced,
        duplicates=merged + outcome.duplicates,
        skipped=report.skipped + outcome.skipped,
        files_stored=outcome.files_stored,
        imported_sports=outcome.imported_sports,
    )


def store_activities(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    activities: list[Activity],
    *,
    hashes: dict[str, str] | None = None,
    now: datetime | None = None,
    on_progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportOutcome:
    """Store activities for an existing runner: one transaction per source file.

    ``cancelled`` is asked before each file: once it says stop, :class:`Cancelled` is raised
    between two transactions, so the files stored so far stay whole and nothing is half-stored.
    """
    now = now or datetime.now(UTC)
    by_file: dict[str, list[Activity]] = {}
    for activity in sorted(activities, key=lambda a: a.start_utc):
        by_file.setdefault(activity.source, []).append(activity)
    imported = replaced = files_stored = 0
    duplicates: list[Duplicate] = []
    skipped: list[Skipped] = []
    sports: list[str] = []
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
    for done, (source, group) in enumerate(by_file.items(), start=1):
        check_cancelled(cancelled)
        try:
            with store.write() as conn:
                runners_repo.lock_runner(conn, runner.id)  # one writer at a time
                sha = (hashes or {}).get(source)
                result = _store_file(conn, runner, group, sha, now)
        except StoreError as err:
            skipped.append(Skipped(source, f"not stored: {err}", NOT_STORED))
        else:  # committed: only now does this file count
            imported += result.imported
            replaced += result.replaced
            duplicates.extend(result.duplicates)
            skipped.extend(result.skipped)
            sports.extend(result.sports)
            files_stored += 1 if result.imported or result.replaced else 0
        if on_progress:
            on_progress(done, len(by_file))
    return ImportOutcome(
        runner=runner.name,
        imported=imported,
        replaced=replaced,
        duplicates=tuple(duplicates),
        skipped=tuple(skipped),
        files_stored=files_stored,
        imported_sports=tuple(sports_counted(sports).items()),
    )


@dataclass
class _FileResult:
    imported: int = 0
    replaced: int = 0
    duplicates: tuple[Duplicate, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    sports: tuple[str, ...] = ()  # of the activities newly stored


def _store_file(
    conn: Connection, runner: RunnerRow, group: list[Activity], sha256: str | None, now: datetime
) -> _FileResult:
    result = _FileResult()
    runner_id = runner.id
    latest = plausibility.latest_day(runner.timezone, now)
    for activity in group:
        try:
            record = to_record(activity, sha256)
        except (ArithmeticError, ValueError) as err:  # values no summary can be made of
            problems = [f"its values cannot be summarised ({type(err).__name__})"]
        else:
            problems = plausibility.activity_problems(dataclasses.asdict(record), latest)
        if problems:
            reason = "; ".join(problems[:3])
            result.skipped += (Skipped(_label(activity), reason, NOT_STORED),)
            continue
        match = _stored_copy(conn, runner_id, activity, record.dedup_key)
        if match is None:
            activities_repo.add_activity(conn, runner_id, record, now)
            result.imported += 1
            result.sports += (activity.sport,)
        elif _richness(record) > _richness(match.record):
            gear = record.gear or match.record.gear
            record = dataclasses.replace(record, gear=gear)
            activities_repo.replace_activity(conn, match.id, record, now)
            result.replaced += 1
            result.duplicates += (Duplicate(activity.source, match.record.source, True),)
        else:
            if record.gear and not match.record.gear:
                activities_repo.set_gear(conn, match.id, record.gear)
            result.duplicates += (Duplicate(match.record.source, activity.source, True),)
    return result


def _stored_copy(
    conn: Connection, runner_id: int, activity: Activity, dedup_key: str
) -> StoredActivity | None:
    exact = activities_repo.find_by_key(conn, runner_id, dedup_key)
    if exact is not None:
        return exact
    near = activities_repo.activities_near(conn, runner_id, activity.start_utc, START_TOLERANCE_S)
    return next((s for s in near if same_activity(to_activity(s), activity)), None)


def _label(activity: Activity) -> str:
    return f"{activity.source} ({activity.sport} {activity.start_utc:%Y-%m-%d %H:%M} UTC)"


def _richness(record: ActivityRecord) -> tuple[bool, int, int]:
    """The ingest package's preference: FIT (running dynamics), then more samples."""
    return (record.file_format == "fit", record.stance_samples, record.sample_count)


def dedup_key(activity: Activity) -> str:
    """Sport and start second: the same activity read again always gives the same key."""
    start = activity.start_utc.astimezone(UTC)
    return f"{activity.sport}@{start:%Y-%m-%dT%H:%M:%SZ}"


def to_record(activity: Activity, sha256: str | None = None) -> ActivityRecord:
    """The stored form: totals, and for running the dynamics over running samples."""
    dynamics = run_dynamics(activity) if activity.is_running else None
    return ActivityRecord(
        dedup_key=dedup_key(activity),
        start_utc=activity.start_utc,
        sport=activity.sport,
        sub_sport=activity.sub_sport,
        file_format=activity.file_format,
        source=activity.source,
        file_sha256=sha256,
        distance_m=activity.distance_m,
        elapsed_s=activity.elapsed_s,
        moving_s=activity.moving_s,
        ascent_m=activity.ascent_m,
        avg_heart_rate_bpm=activity.avg_heart_rate_bpm,
        device=activity.device,
        gear=activity.gear,
        has_gps=activity.has_gps,
        sample_count=len(activity.samples),
        stance_samples=activity.samples.present("stance_time_ms"),
        cadence_spm=dynamics.cadence_spm if dynamics else None,
        stance_time_ms=dynamics.stance_time_ms if dynamics else None,
        stance_balance_left_pct=dynamics.balance_left_pct if dynamics else None,
        vertical_ratio_pct=dynamics.vertical_ratio_pct if dynamics else None,
        vertical_oscillation_mm=dynamics.vertical_oscillation_mm if dynamics else None,
        step_length_mm=dynamics.step_length_mm if dynamics else None,
        running_speed_mps=dynamics.speed_mps if dynamics else None,
        running_share=dynamics.running_share if dynamics else None,
        recording_gaps=dynamics.gaps if dynamics else None,
        notes=activity.notes,
    )


def to_activity(stored: StoredActivity) -> Activity:
    """A stored row as an ingest activity without samples (enough for load and dedup rules)."""
    r = stored.record
    return Activity(
        source=r.source,
        file_format=r.file_format,
        sport=r.sport,
        sub_sport=r.sub_sport,
        start_utc=r.start_utc,
        elapsed_s=r.elapsed_s,
        moving_s=r.moving_s,
        distance_m=r.distance_m,
        ascent_m=r.ascent_m,
        avg_heart_rate_bpm=r.avg_heart_rate_bpm,
        device=r.device,
        gear=r.gear,
        has_gps=r.has_gps,
        samples=Samples(),
        notes=r.notes,
    )


def to_dynamics(stored: StoredActivity) -> RunDynamics:
    """The stored dynamics summary, as :func:`footfix.ingest.dynamics.run_dynamics` gave it."""
    r = stored.record
    ascent_per_km = (r.ascent_m or 0.0) / (r.distance_m / 1000) if r.distance_m > 0 else 0.0
    return RunDynamics(
        start_utc=r.start_utc,
        source=r.source,
        cadence_spm=r.cadence_spm,
        stance_time_ms=r.stance_time_ms,
        balance_left_pct=r.stance_balance_left_pct,
        vertical_ratio_pct=r.vertical_ratio_pct,
        vertical_oscillation_mm=r.vertical_oscillation_mm,
        step_length_mm=r.step_length_mm,
        running_share=r.running_share or 0.0,
        gaps=r.recording_gaps or 0,
        flat=ascent_per_km < FLAT_ASCENT_M_PER_KM,
        treadmill=to_activity(stored).is_treadmill,
        speed_mps=r.running_speed_mps,
    )


def stored_load(store: Store, actor: Actor, runner_ref: RunnerRef) -> StoredLoad:
    """Every stored activity of a runner, oldest first, with the running dynamics."""
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        rows = activities_repo.list_activities(conn, runner.id)
    dynamics = tuple(
        to_dynamics(row)
        for row in rows
        if row.record.sport == "running" and row.record.running_share is not None
    )
    return StoredLoad(runner, tuple(to_activity(row) for row in rows), dynamics)


def list_stored(store: Store, actor: Actor, runner_ref: RunnerRef) -> tuple[StoredActivity, ...]:
    """A runner's stored activities with their ids, oldest first (``footfix activity list``)."""
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        return tuple(activities_repo.list_activities(conn, runner.id))


def delete_stored(store: Store, actor: Actor, runner_ref: RunnerRef, activity_id: int) -> None:
    """Remove one stored activity, e.g. to undo a bad import (``footfix activity delete``)."""
    with store.write() as conn:
        runner = find_runner(conn, actor, runner_ref, lock=True)
        if not activities_repo.delete_activity(conn, runner.id, activity_id):
            raise StoreError(f"{runner.name} has no stored activity {activity_id}")


def file_hashes(paths: list[Path], sources: Iterable[str]) -> dict[str, str]:
    """SHA-256 of the (unpacked) bytes of each named input under ``paths``."""
    wanted = set(sources)
    inputs, _problems = expand_paths(paths)
    hashes: dict[str, str] = {}
    for item in inputs:
        if item.name in wanted and item.name not in hashes:
            try:
                hashes[item.name] = hashlib.sha256(item.read()).hexdigest()
            except IngestError:
                continue  # read once already; a file that changed since keeps no hash
    return hashes
