"""Runners and their phase history."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from footfix.store.column_types import new_id
from footfix.store.errors import RunnerExists, RunnerNotFound
from footfix.store.schema import phase_changes, runners


@dataclass(frozen=True)
class RunnerRow:
    id: int
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


def add_runner(connection: Connection, **values: Any) -> RunnerRow:
    if _find(connection, values["name"]) is not None:
        raise RunnerExists(f"a runner called {values['name']!r} already exists")
    runner_id = new_id(connection.execute(insert(runners).values(**values)))
    return RunnerRow(id=runner_id, **values)


def _find(connection: Connection, name: str) -> RunnerRow | None:
    row = connection.execute(select(runners).where(runners.c.name == name)).mappings().first()
    return RunnerRow(**row) if row else None


def get_runner(connection: Connection, name: str, lock: bool = False) -> RunnerRow:
    """Find a runner by name; ``lock`` serialises writers on this runner (PostgreSQL)."""
    query = select(runners).where(runners.c.name == name)
    if lock:
        query = query.with_for_update()
    row = connection.execute(query).mappings().first()
    if row is None:  # never lists the others: in a shared database they are other people
        raise RunnerNotFound(
            f"no runner called {name!r}: 'footfix runner list' shows yours; "
            "'footfix runner add' adds one"
        )
    return RunnerRow(**row)


def list_runner_names(connection: Connection) -> list[str]:
    return list(connection.execute(select(runners.c.name).order_by(runners.c.name)).scalars())


def list_runners(connection: Connection) -> list[tuple[RunnerRow, int]]:
    """Every runner with the number of days logged."""
    from footfix.store.schema import day_logs

    counts = (
        select(day_logs.c.runner_id, func.count().label("days"))
        .where(day_logs.c.is_current)
        .group_by(day_logs.c.runner_id)
        .subquery()
    )
    query = (
        select(runners, func.coalesce(counts.c.days, 0).label("days"))
        .outerjoin(counts, counts.c.runner_id == runners.c.id)
        .order_by(runners.c.name)
    )
    result = []
    for row in connection.execute(query).mappings():
        values = dict(row)
        days = int(values.pop("days"))
        result.append((RunnerRow(**values), days))
    return result


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
        )
        for row in connection.execute(query)
    ]
