"""Watch activities per runner: one row per activity, totals and a running-dynamics summary.

The rows are plain values (:class:`ActivityRecord`); turning a decoded watch file into one, and
deciding what counts as a duplicate, is the watch-import service's job.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from footfix.store.column_types import new_id
from footfix.store.schema import activities

_SHORT_TEXT = 40  # sport and sub-sport columns


@dataclass(frozen=True)
class ActivityRecord:
    """What is stored of one activity (SI units, UTC)."""

    dedup_key: str
    start_utc: dt.datetime
    sport: str
    sub_sport: str | None
    file_format: str
    source: str
    file_sha256: str | None
    distance_m: float
    elapsed_s: float
    moving_s: float
    ascent_m: float | None = None
    avg_heart_rate_bpm: float | None = None
    device: str | None = None
    gear: str | None = None
    has_gps: bool = False
    sample_count: int = 0
    stance_samples: int = 0
    cadence_spm: float | None = None
    stance_time_ms: float | None = None
    stance_balance_left_pct: float | None = None
    vertical_ratio_pct: float | None = None
    vertical_oscillation_mm: float | None = None
    step_length_mm: float | None = None
    running_speed_mps: float | None = None
    running_share: float | None = None
    recording_gaps: int | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredActivity:
    id: int
    imported_at: dt.datetime
    record: ActivityRecord


_FIELDS = tuple(f.name for f in dataclasses.fields(ActivityRecord))


def _row_values(record: ActivityRecord) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(record, name)
        if isinstance(value, float) and not math.isfinite(value):
            value = None  # NaN and infinities mean "not recorded"
        values[name] = value
    values["notes"] = "\n".join(record.notes)
    values["sport"] = record.sport[:_SHORT_TEXT]
    values["sub_sport"] = record.sub_sport[:_SHORT_TEXT] if record.sub_sport else None
    return values


def _stored(row: Any) -> StoredActivity:
    values = {name: row[name] for name in _FIELDS}
    values["notes"] = tuple(line for line in (row["notes"] or "").split("\n") if line)
    return StoredActivity(
        id=row["id"], imported_at=row["imported_at"], record=ActivityRecord(**values)
    )


def add_activity(
    connection: Connection, runner_id: int, record: ActivityRecord, imported_at: dt.datetime
) -> int:
    values = _row_values(record)
    statement = insert(activities).values(runner_id=runner_id, imported_at=imported_at, **values)
    return new_id(connection.execute(statement))


def replace_activity(
    connection: Connection, activity_id: int, record: ActivityRecord, imported_at: dt.datetime
) -> None:
    """Put a richer copy of the same activity in place of the stored one (same row)."""
    connection.execute(
        update(activities)
        .where(activities.c.id == activity_id)
        .values(imported_at=imported_at, **_row_values(record))
    )


def set_gear(connection: Connection, activity_id: int, gear: str) -> None:
    connection.execute(update(activities).where(activities.c.id == activity_id).values(gear=gear))


def find_by_key(connection: Connection, runner_id: int, dedup_key: str) -> StoredActivity | None:
    query = select(activities).where(
        activities.c.runner_id == runner_id, activities.c.dedup_key == dedup_key
    )
    row = connection.execute(query).mappings().first()
    return _stored(row) if row else None


def activities_near(
    connection: Connection, runner_id: int, start: dt.datetime, tolerance_s: float
) -> list[StoredActivity]:
    """A runner's activities that started within ``tolerance_s`` of ``start``."""
    window = dt.timedelta(seconds=tolerance_s)
    query = (
        select(activities)
        .where(
            activities.c.runner_id == runner_id,
            activities.c.start_utc >= start - window,
            activities.c.start_utc <= start + window,
        )
        .order_by(activities.c.start_utc, activities.c.id)
    )
    return [_stored(row) for row in connection.execute(query).mappings()]


def list_activities(
    connection: Connection, runner_id: int, since: dt.datetime | None = None
) -> list[StoredActivity]:
    query = select(activities).where(activities.c.runner_id == runner_id)
    if since is not None:
        query = query.where(activities.c.start_utc >= since)
    query = query.order_by(activities.c.start_utc, activities.c.id)
    return [_stored(row) for row in connection.execute(query).mappings()]


def delete_activity(connection: Connection, runner_id: int, activity_id: int) -> bool:
    """Remove one of the runner's activities; False when the runner has no such activity."""
    query = delete(activities).where(
        activities.c.runner_id == runner_id, activities.c.id == activity_id
    )
    return bool(connection.execute(query).rowcount)


def count_activities(connection: Connection, runner_id: int) -> int:
    query = select(func.count()).select_from(activities).where(activities.c.runner_id == runner_id)
    return int(connection.execute(query).scalar_one())


# Every stored column but the keys: what an export carries and an import puts back.
EXPORTED_COLUMNS = tuple(c.name for c in activities.c if c.name not in ("id", "runner_id"))


def export_rows(connection: Connection, runner_id: int) -> list[dict[str, Any]]:
    """A runner's activities column by column, as stored, in start order (then ``dedup_key``)."""
    query = (
        select(*(activities.c[name] for name in EXPORTED_COLUMNS))
        .where(activities.c.runner_id == runner_id)
        .order_by(activities.c.start_utc, activities.c.dedup_key)
    )
    return [dict(row) for row in connection.execute(query).mappings()]


def insert_rows(connection: Connection, runner_id: int, rows: Sequence[Mapping[str, Any]]) -> None:
    """Put exported rows back unchanged for ``runner_id``, inside the caller's transaction."""
    if rows:
        connection.execute(insert(activities), [{**row, "runner_id": runner_id} for row in rows])
