"""Day logs: each write is a new revision; a correction supersedes, never overwrites."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, func, insert, select, update

from footfix.store.column_types import new_id
from footfix.store.errors import LogExists, LogNotFound
from footfix.store.schema import day_logs, exercise_entries, retest_entries, run_entries
from footfix.tracking.log_entry import (
    LEGACY_RETEST_NAMES,
    DayLog,
    ExerciseEntry,
    RetestEntry,
    RunEntry,
)

_SCALARS = (
    "first_step_pain_nrs",
    "pain_during_nrs",
    "pain_after_nrs",
    "next_morning",
    "walk_stand_tolerance_min",
    "notes",
)
_CHILDREN = (
    ("runs", run_entries),
    ("exercises", exercise_entries),
    ("retests", retest_entries),
)

_CHILD_MODELS: dict[str, Any] = {
    "runs": RunEntry,
    "exercises": ExerciseEntry,
    "retests": RetestEntry,
}


@dataclass(frozen=True)
class LogRevision:
    log: DayLog
    revision: int
    is_current: bool
    recorded_at: dt.datetime
    correction_reason: str | None


def current_revision(connection: Connection, runner_id: int, day: dt.date) -> int | None:
    query = select(func.max(day_logs.c.revision)).where(
        day_logs.c.runner_id == runner_id, day_logs.c.log_day == day
    )
    latest = connection.execute(query).scalar()
    return None if latest is None else int(latest)


def write_log(
    connection: Connection,
    runner_id: int,
    log: DayLog,
    *,
    correction: bool,
    recorded_at: dt.datetime,
    correction_reason: str | None = None,
) -> int:
    """Store ``log`` as the day's current revision; returns the revision number."""
    latest = current_revision(connection, runner_id, log.day)
    if latest is not None and not correction:
        raise LogExists(
            f"{log.day.isoformat()} is already logged (revision {latest}). To change it, log "
            "again with --correct: the earlier entry is kept as history."
        )
    if latest is None and correction:
        raise LogNotFound(f"there is no log for {log.day.isoformat()} to correct")
    if latest is not None:
        connection.execute(
            update(day_logs)
            .where(day_logs.c.runner_id == runner_id, day_logs.c.log_day == log.day)
            .values(is_current=False)
        )
    revision = (latest or 0) + 1
    insert_revision(connection, runner_id, log, revision, True, recorded_at, correction_reason)
    return revision


def insert_revision(
    connection: Connection,
    runner_id: int,
    log: DayLog,
    revision: int,
    is_current: bool,
    recorded_at: dt.datetime,
    correction_reason: str | None,
) -> None:
    values: dict[str, Any] = {name: getattr(log, name) for name in _SCALARS}
    log_id = new_id(
        connection.execute(
            insert(day_logs).values(
                runner_id=runner_id,
                log_day=log.day,
                revision=revision,
                is_current=is_current,
                recorded_at=recorded_at,
                red_flags=",".join(log.red_flags),
                correction_reason=correction_reason,
                **values,
            )
        )
    )
    for field, table in _CHILDREN:
        rows = [
            {"day_log_id": log_id, "position": i, **_stored(entry.model_dump())}
            for i, entry in enumerate(getattr(log, field))
        ]
        if rows:
            connection.execute(insert(table), rows)


# The retest column keeps its short legacy names (24 characters); reading maps them back.
_STORED_TEST_NAMES = {new: old for old, new in LEGACY_RETEST_NAMES.items()}


def _stored(row: dict[str, Any]) -> dict[str, Any]:
    test = row.get("test")
    if isinstance(test, str) and test in _STORED_TEST_NAMES:
        return {**row, "test": _STORED_TEST_NAMES[test]}
    return row


ALL_PARTS = frozenset(name for name, _table in _CHILDREN)
# What decisions and trends read: the exercise list of each day is not needed for them.
DECISION_PARTS = frozenset({"runs", "retests"})


def current_logs(
    connection: Connection,
    runner_id: int,
    since: dt.date | None = None,
    parts: frozenset[str] = ALL_PARTS,
    until: dt.date | None = None,
) -> list[DayLog]:
    """The current revision of every logged day from ``since`` to ``until`` (both included when
    given), oldest first, with the listed child parts."""
    where = [day_logs.c.runner_id == runner_id, day_logs.c.is_current]
    if since is not None:
        where.append(day_logs.c.log_day >= since)
    if until is not None:
        where.append(day_logs.c.log_day <= until)
    return [rev.log for rev in _load(connection, where, parts)]


def all_revisions(connection: Connection, runner_id: int) -> list[LogRevision]:
    """Every revision, corrections and superseded entries included, by day then revision."""
    return _load(connection, [day_logs.c.runner_id == runner_id])


def day_revisions(connection: Connection, runner_id: int, day: dt.date) -> list[LogRevision]:
    """One day's revisions, the first entry to the current correction."""
    return _load(connection, [day_logs.c.runner_id == runner_id, day_logs.c.log_day == day])


def _load(
    connection: Connection, where: list[Any], parts: frozenset[str] = ALL_PARTS
) -> list[LogRevision]:
    query = select(day_logs).where(*where).order_by(day_logs.c.log_day, day_logs.c.revision)
    rows = connection.execute(query).mappings().all()
    selected_ids = select(day_logs.c.id).where(*where)
    children = {
        field: _children(connection, table, selected_ids) if field in parts else {}
        for field, table in _CHILDREN
    }
    revisions = []
    for row in rows:
        data: dict[str, Any] = {name: row[name] for name in _SCALARS}
        data["day"] = row["log_day"]
        data["red_flags"] = tuple(f for f in row["red_flags"].split(",") if f)
        for field, model in _CHILD_MODELS.items():
            # Rows were validated when written; constructing skips re-validating three years.
            data[field] = tuple(
                model.model_construct(**c) for c in children[field].get(row["id"], ())
            )
        revisions.append(
            LogRevision(
                DayLog.model_construct(**data),
                row["revision"],
                bool(row["is_current"]),
                row["recorded_at"],
                row["correction_reason"],
            )
        )
    return revisions


def _children(
    connection: Connection, table: Any, selected_ids: Select[Any]
) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    skip = {"id", "day_log_id", "position"}
    query = (
        select(table)
        .where(table.c.day_log_id.in_(selected_ids))
        .order_by(table.c.day_log_id, table.c.position)
    )
    for row in connection.execute(query).mappings():
        child = {k: v for k, v in row.items() if k not in skip}
        if child.get("test") in LEGACY_RETEST_NAMES:  # rows are built unvalidated: map here
            child["test"] = LEGACY_RETEST_NAMES[child["test"]]
        found[row["day_log_id"]].append(child)
    return found
