"""Runners and their phase history. A runner is found within its owner's runners, by uid (what
the web and API use) or by name (the CLI's convenience), and a miss never names anyone else's."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from footfix.store.column_types import new_id
from footfix.store.errors import RunnerExists, RunnerNotFound
from footfix.store.schema import phase_changes, runners


@dataclass(frozen=True)
class RunnerRow:
    id: int
    uid: str
    owner_id: int
    name: str
    units: str
    painful_side: str | None
    severity: str | None
    bone_stress: bool
    timezone: str
    created_at: dt.datetime


@dataclass(frozen=True)
class PhaseChangeRow:
    effective_date: dt.date
    evidence_from: dt.date
    from_phase: str | None
    to_phase: str
    reasons: tuple[str, ...]
    source: str
    recorded_at: dt.datetime
    decided_by_uid: str
    decided_by_role: str


def add_runner(
    connection: Connection, *, owner_id: int, uid: str | None = None, **values: Any
) -> RunnerRow:
    """Add a runner for ``owner_id``; a ``uid`` already used in this database gets a new one."""
    if _find(connection, owner_id, values["name"]) is not None:
        raise RunnerExists(f"a runner called {values['name']!r} already exists")
    if uid is None or _uid_taken(connection, uid):
        uid = str(uuid.uuid4())
    values = {"uid": uid, "owner_id": owner_id, **values}
    runner_id = new_id(connection.execute(insert(runners).values(**values)))
    return RunnerRow(id=runner_id, **values)


def _uid_taken(connection: Connection, uid: str) -> bool:
    return connection.execute(select(runners.c.id).where(runners.c.uid == uid)).first() is not None


def _find(connection: Connection, owner_id: int, name: str) -> RunnerRow | None:
    query = select(runners).where(runners.c.owner_id == owner_id, runners.c.name == name)
    row = connection.execute(query).mappings().first()
    return RunnerRow(**row) if row else None


def get_runner(connection: Connection, owner_id: int, name: str, lock: bool = False) -> RunnerRow:
    """Find one of ``owner_id``'s runners by name; ``lock`` serialises writers on this runner
    (PostgreSQL)."""
    query = select(runners).where(runners.c.owner_id == owner_id, runners.c.name == name)
    row = connection.execute(query.with_for_update() if lock else query).mappings().first()
    if row is None:  # never lists the others: in a shared database they are other people
        raise RunnerNotFound(
            f"no runner called {name!r}: 'footfix runner list' shows yours; "
            "'footfix runner add' adds one"
        )
    return RunnerRow(**row)


def get_runner_by_uid(
    connection: Connection, owner_id: int, uid: str, lock: bool = False
) -> RunnerRow:
    """Find one of ``owner_id``'s runners by uid; another owner's runner is not found either."""
    query = select(runners).where(runners.c.owner_id == owner_id, runners.c.uid == uid)
    row = connection.execute(query.with_for_update() if lock else query).mappings().first()
    if row is None:
        raise RunnerNotFound(f"no runner {uid!r} among yours")
    return RunnerRow(**row)


def lock_runner(connection: Connection, runner_id: int) -> None:
    """Serialise writers on one runner (a row lock on PostgreSQL; SQLite's write lock suffices)."""
    connection.execute(select(runners.c.id).where(runners.c.id == runner_id).with_for_update())


def list_runners(connection: Connection, owner_id: int) -> list[tuple[RunnerRow, int]]:
    """The owner's runners with the number of days logged."""
    from footfix.store.schema import day_logs

    # counted over this owner's runners only: a clinic's database holds every runner's year
    counts = (
        select(day_logs.c.runner_id, func.count().label("days"))
        .join(runners, runners.c.id == day_logs.c.runner_id)
        .where(day_logs.c.is_current, runners.c.owner_id == owner_id)
        .group_by(day_logs.c.runner_id)
        .subquery()
    )
    query = (
        select(runners, func.coalesce(counts.c.days, 0).label("days"))
        .outerjoin(counts, counts.c.runner_id == runners.c.id)
        .where(runners.c.owner_id == owner_id)
        .order_by(runners.c.name)
    )
    result = []
    for row in connection.execute(query).mappings():
        values = dict(row)
        days = int(values.pop("days"))
        result.append((RunnerRow(**values), days))
    return result


def runner_uids(connection: Connection, owner_id: int, limit: int) -> list[str]:
    """Up to ``limit`` of the owner's runner uids, by name: enough to tell "only one" from
    "several" without counting anyone's logs."""
    query = (
        select(runners.c.uid)
        .where(runners.c.owner_id == owner_id)
        .order_by(runners.c.name)
        .limit(limit)
    )
    return [str(uid) for uid in connection.execute(query).scalars()]


PROFILE_FIELDS = frozenset({"painful_side", "severity", "bone_stress"})


def update_profile(connection: Connection, runner_id: int, **values: Any) -> None:
    """Change what an assessment learnt about the runner (never the name or the history)."""
    unknown = set(values) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    if values:
        connection.execute(update(runners).where(runners.c.id == runner_id).values(**values))


def add_phase_change(
    connection: Connection,
    runner_id: int,
    *,
    effective_date: dt.date,
    evidence_from: dt.date,
    from_phase: str | None,
    to_phase: str,
    reasons: list[str] | tuple[str, ...],
    source: str,
    recorded_at: dt.datetime,
    decided_by_uid: str,
    decided_by_role: str,
) -> None:
    if not reasons:
        raise ValueError("every phase change needs a reason")
    connection.execute(
        insert(phase_changes).values(
            runner_id=runner_id,
            effective_date=effective_date,
            evidence_from=evidence_from,
            from_phase=from_phase,
            to_phase=to_phase,
            reasons_json=json.dumps(list(reasons)),
            source=source,
            recorded_at=recorded_at,
            decided_by_uid=decided_by_uid,
            decided_by_role=decided_by_role,
        )
    )


def phase_history(connection: Connection, runner_id: int) -> list[PhaseChangeRow]:
    query = (
        select(phase_changes)
        .where(phase_changes.c.runner_id == runner_id)
        .order_by(phase_changes.c.effective_date, phase_changes.c.id)
    )
    return [
        PhaseChangeRow(
            row.effective_date,
            row.evidence_from,
            row.from_phase,
            row.to_phase,
            tuple(json.loads(row.reasons_json)),
            row.source,
            row.recorded_at,
            row.decided_by_uid,
            row.decided_by_role,
        )
        for row in connection.execute(query)
    ]
