"""Outcome records: one per measure administered on a day (a replacement is asked for)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from footfix.store.errors import OutcomeExists
from footfix.store.schema import outcome_records


@dataclass(frozen=True)
class OutcomeRow:
    uid: str
    measure: str
    measure_version: str
    recorded_on: dt.date
    recorded_at: dt.datetime
    context: str
    score: float
    items: list[dict[str, Any]]  # [{"item": label or id, "value": number}]


def add_outcome(
    connection: Connection, runner_id: int, row: OutcomeRow, *, replace: bool = False
) -> OutcomeRow:
    same_day = (
        outcome_records.c.runner_id == runner_id,
        outcome_records.c.measure == row.measure,
        outcome_records.c.recorded_on == row.recorded_on,
    )
    existing = connection.execute(select(outcome_records.c.id).where(*same_day)).first()
    if existing is not None:
        if not replace:
            raise OutcomeExists(
                f"{row.measure} is already recorded for {row.recorded_on}: "
                "add --replace to record it again"
            )
        connection.execute(delete(outcome_records).where(*same_day))
    connection.execute(
        insert(outcome_records).values(
            runner_id=runner_id,
            uid=row.uid or str(uuid.uuid4()),
            measure=row.measure,
            measure_version=row.measure_version,
            recorded_on=row.recorded_on,
            recorded_at=row.recorded_at,
            context=row.context,
            score=row.score,
            items_json=json.dumps(row.items, ensure_ascii=False),
        )
    )
    return row


def list_outcomes(
    connection: Connection, runner_id: int, measure: str | None = None
) -> list[OutcomeRow]:
    query = select(outcome_records).where(outcome_records.c.runner_id == runner_id)
    if measure is not None:
        query = query.where(outcome_records.c.measure == measure)
    query = query.order_by(
        outcome_records.c.recorded_on, outcome_records.c.measure, outcome_records.c.id
    )
    return [
        OutcomeRow(
            r.uid,
            r.measure,
            r.measure_version,
            r.recorded_on,
            r.recorded_at,
            r.context,
            r.score,
            json.loads(r.items_json),
        )
        for r in connection.execute(query)
    ]
