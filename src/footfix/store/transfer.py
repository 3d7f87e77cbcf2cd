"""All of one runner's data as one JSON document, and back (lossless, ``schema_version`` 1).

Stored JSON texts (case files, results, plan items) travel as strings so they come back
byte for byte; floats travel as JSON numbers, which Python writes and reads back exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Connection

from footfix.store import assessments_repo, logs_repo, runners_repo
from footfix.store.errors import ImportRejected
from footfix.tracking.log_entry import DayLog

SCHEMA_VERSION = 1


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RunnerDoc(_Doc):
    name: str
    units: Literal["km", "mi"]
    painful_side: Literal["left", "right", "both"] | None
    severity: Literal["mild", "moderate", "severe"] | None
    bone_stress: bool
    timezone: str
    created_at: dt.datetime


class PhaseChangeDoc(_Doc):
    effective_date: dt.date
    evidence_from: dt.date
    from_phase: str | None
    to_phase: str
    reasons: list[str]
    source: str
    recorded_at: dt.datetime


class AssessmentDoc(_Doc):
    uid: str
    created_at: dt.datetime
    knowledge_version: str
    phase: str
    case_json: str
    result_json: str


class PlanVersionDoc(_Doc):
    version: int
    created_at: dt.datetime
    assessment_uid: str | None
    phase: str
    items_json: str
    reason: str


class PlanDoc(_Doc):
    uid: str
    title: str
    created_at: dt.datetime
    versions: list[PlanVersionDoc]


class LogRevisionDoc(_Doc):
    revision: int
    is_current: bool
    recorded_at: dt.datetime
    correction_reason: str | None
    entry: DayLog


class ExportDoc(_Doc):
    schema_version: Literal[1]
    kind: Literal["footfix.runner"]
    exported_at: dt.datetime
    runner: RunnerDoc
    phase_history: list[PhaseChangeDoc]
    assessments: list[AssessmentDoc]
    plans: list[PlanDoc]
    day_logs: list[LogRevisionDoc]


def export_runner(connection: Connection, name: str, now: dt.datetime) -> dict[str, Any]:
    runner = runners_repo.get_runner(connection, name)
    plans: dict[str, dict[str, Any]] = {}
    for row in assessments_repo.plan_history(connection, runner.id):
        plan = plans.setdefault(
            str(row["uid"]),
            {"uid": row["uid"], "title": row["title"], "created_at": row["plan_created_at"]},
        )
        plan.setdefault("versions", []).append({k: row[k] for k in PlanVersionDoc.model_fields})
    doc = ExportDoc(
        schema_version=SCHEMA_VERSION,
        kind="footfix.runner",
        exported_at=now,
        runner=RunnerDoc(**{k: getattr(runner, k) for k in RunnerDoc.model_fields}),
        phase_history=[
            PhaseChangeDoc(**{k: getattr(c, k) for k in PhaseChangeDoc.model_fields})
            for c in runners_repo.phase_history(connection, runner.id)
        ],
        assessments=[
            AssessmentDoc(**{k: getattr(a, k) for k in AssessmentDoc.model_fields})
            for a in assessments_repo.list_assessments(connection, runner.id)
        ],
        plans=[PlanDoc.model_validate(p) for p in plans.values()],
        day_logs=[
            LogRevisionDoc(
                revision=r.revision,
                is_current=r.is_current,
                recorded_at=r.recorded_at,
                correction_reason=r.correction_reason,
                entry=r.log,
            )
            for r in logs_repo.all_revisions(connection, runner.id)
        ],
    )
    return doc.model_dump(mode="json")


def parse_export(data: Any) -> ExportDoc:
    if isinstance(data, dict) and data.get("schema_version") not in (None, SCHEMA_VERSION):
        raise ImportRejected(
            f"schema_version {data.get('schema_version')!r} is not supported (this footfix "
            f"reads {SCHEMA_VERSION})"
        )
    try:
        return ExportDoc.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ImportRejected(f"not a footfix export: {where}: {first['msg']}") from err


def import_runner(connection: Connection, doc: ExportDoc, rename: str | None = None) -> int:
    """Insert everything in ``doc`` inside the caller's transaction; returns the runner id."""
    values = doc.runner.model_dump()
    if rename:
        values["name"] = rename
    runner = runners_repo.add_runner(connection, **values)
    for change in doc.phase_history:
        runners_repo.add_phase_change(connection, runner.id, **change.model_dump())
    for a in doc.assessments:
        assessments_repo.add_assessment(connection, runner.id, **a.model_dump())
    for plan in doc.plans:
        plan_id = assessments_repo.runner_plan(
            connection, runner.id, plan.created_at, plan.uid, plan.title
        )
        for v in plan.versions:
            assessments_repo.add_plan_version(connection, plan_id, **v.model_dump())
    for rev in doc.day_logs:
        logs_repo.insert_revision(
            connection,
            runner.id,
            rev.entry,
            rev.revision,
            rev.is_current,
            rev.recorded_at,
            rev.correction_reason,
        )
    return runner.id


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
