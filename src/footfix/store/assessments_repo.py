"""Assessments (immutable snapshots) and plans with their versions."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select

from footfix.store.column_types import new_id
from footfix.store.schema import assessments, plan_versions, plans


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    uid: str
    created_at: dt.datetime
    knowledge_version: str
    phase: str
    case_json: str
    result_json: str
    decided_by_uid: str
    decided_by_role: str


def add_assessment(
    connection: Connection,
    runner_id: int,
    *,
    created_at: dt.datetime,
    knowledge_version: str,
    phase: str,
    case_json: str,
    result_json: str,
    decided_by_uid: str,
    decided_by_role: str,
    uid: str | None = None,
) -> tuple[int, str]:
    uid = uid or str(uuid.uuid4())
    assessment_id = new_id(
        connection.execute(
            insert(assessments).values(
                uid=uid,
                runner_id=runner_id,
                created_at=created_at,
                knowledge_version=knowledge_version,
                phase=phase,
                case_json=case_json,
                result_json=result_json,
                decided_by_uid=decided_by_uid,
                decided_by_role=decided_by_role,
            )
        )
    )
    return assessment_id, uid


def list_assessments(connection: Connection, runner_id: int) -> list[AssessmentRow]:
    query = (
        select(assessments)
        .where(assessments.c.runner_id == runner_id)
        .order_by(assessments.c.created_at, assessments.c.id)
    )
    return [
        AssessmentRow(
            r.id,
            r.uid,
            r.created_at,
            r.knowledge_version,
            r.phase,
            r.case_json,
            r.result_json,
            r.decided_by_uid,
            r.decided_by_role,
        )
        for r in connection.execute(query)
    ]


def runner_plan(
    connection: Connection,
    runner_id: int,
    created_at: dt.datetime,
    uid: str | None = None,
    title: str = "Recovery plan",
) -> int:
    """The runner's plan, created on first use (one evolving plan per runner)."""
    query = select(plans.c.id).where(plans.c.runner_id == runner_id)
    if uid is not None:
        query = query.where(plans.c.uid == uid)
    found = connection.execute(query.order_by(plans.c.id)).scalar()
    if found is not None:
        return int(found)
    return new_id(
        connection.execute(
            insert(plans).values(
                uid=uid or str(uuid.uuid4()),
                runner_id=runner_id,
                created_at=created_at,
                title=title,
            )
        )
    )


def add_plan_version(
    connection: Connection,
    plan_id: int,
    *,
    created_at: dt.datetime,
    assessment_uid: str | None,
    phase: str,
    items_json: str,
    reason: str,
    decided_by_uid: str,
    decided_by_role: str,
    version: int | None = None,
) -> int:
    if version is None:
        latest = connection.execute(
            select(func.max(plan_versions.c.version)).where(plan_versions.c.plan_id == plan_id)
        ).scalar()
        version = (latest or 0) + 1
    connection.execute(
        insert(plan_versions).values(
            plan_id=plan_id,
            version=version,
            created_at=created_at,
            assessment_uid=assessment_uid,
            phase=phase,
            items_json=items_json,
            reason=reason,
            decided_by_uid=decided_by_uid,
            decided_by_role=decided_by_role,
        )
    )
    return version


def plan_history(connection: Connection, runner_id: int) -> list[dict[str, object]]:
    query = (
        select(
            plans.c.uid, plans.c.title, plans.c.created_at.label("plan_created_at"), plan_versions
        )
        .join(plan_versions, plan_versions.c.plan_id == plans.c.id)
        .where(plans.c.runner_id == runner_id)
        .order_by(plans.c.id, plan_versions.c.version)
    )
    return [dict(row) for row in connection.execute(query).mappings()]
