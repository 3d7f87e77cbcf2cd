"""All of one runner's data as one JSON document, and back (lossless, ``schema_version`` 5).

Stored JSON texts (case files, results, plan items) travel as strings so they come back
byte for byte; floats travel as JSON numbers, which Python writes and reads back exactly; times
are ISO-8601 in UTC with their offset (``+00:00``). Version 2 added the runner's watch
activities (every column of the ``activities`` table but the keys); version-1 documents, which
have none, are still read. Version 3 added the runner's stable ``uid`` (the owner is not
exported: an import belongs to whoever imports it); older documents get a new uid on import.
Version 4 added the outcome measures; older documents have none. Version 5 added who made
each decision (``decided_by_uid`` and ``decided_by_role`` on phase changes, assessments and plan
versions), written only when known: a missing pair means "unknown". A newer version is refused
rather than half understood.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import asdict
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
)
from sqlalchemy import Connection

from footfix.store import (
    activities_repo,
    assessments_repo,
    logs_repo,
    outcomes_repo,
    runners_repo,
)
from footfix.store.errors import ImportRejected, StoreError
from footfix.tracking.log_entry import DayLog

SCHEMA_VERSION = 5
READABLE_VERSIONS = (1, 2, 3, 4, 5)
_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _utc_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


# A timezone-aware time, written in UTC with its offset: 2026-01-05T07:30:00+00:00.
UtcTime = Annotated[AwareDatetime, PlainSerializer(_utc_text, return_type=str, when_used="json")]


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RunnerDocV2(_Doc):
    """The runner as versions 1 and 2 wrote it (no uid)."""

    name: str
    units: Literal["km", "mi"]
    painful_side: Literal["left", "right", "both"] | None
    severity: Literal["mild", "moderate", "severe"] | None
    bone_stress: bool
    timezone: str
    created_at: UtcTime


class RunnerDoc(RunnerDocV2):
    uid: Annotated[str, Field(pattern=_UUID)]


class _Decided(_Doc):
    """Who made the decision; documents written before footfix recorded it say "unknown"."""

    decided_by_uid: str = Field(default="unknown", max_length=36)
    decided_by_role: str = Field(default="unknown", max_length=10)


class PhaseChangeDoc(_Decided):
    effective_date: dt.date
    evidence_from: dt.date
    from_phase: str | None
    to_phase: str
    reasons: list[str]
    source: str
    recorded_at: UtcTime


class AssessmentDoc(_Decided):
    uid: str
    created_at: UtcTime
    knowledge_version: str
    phase: str
    case_json: str
    result_json: str


class PlanVersionDoc(_Decided):
    version: int
    created_at: UtcTime
    assessment_uid: str | None
    phase: str
    items_json: str
    reason: str


class PlanDoc(_Doc):
    uid: str
    title: str
    created_at: UtcTime
    versions: list[PlanVersionDoc]


class LogRevisionDoc(_Doc):
    revision: int
    is_current: bool
    recorded_at: UtcTime
    correction_reason: str | None
    entry: DayLog


class ActivityDoc(_Doc):
    """One stored watch activity: every column of ``activities`` but ``id`` and ``runner_id``."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    dedup_key: Annotated[str, Field(min_length=1, max_length=80)]
    start_utc: UtcTime
    sport: Annotated[str, Field(min_length=1, max_length=40)]
    sub_sport: Annotated[str, Field(max_length=40)] | None
    file_format: Annotated[str, Field(min_length=1, max_length=8)]
    source: str
    file_sha256: Annotated[str, Field(max_length=64)] | None
    imported_at: UtcTime
    distance_m: Annotated[float, Field(ge=0)]
    elapsed_s: Annotated[float, Field(gt=0)]
    moving_s: float
    ascent_m: float | None
    avg_heart_rate_bpm: float | None
    device: str | None
    gear: str | None
    has_gps: bool
    sample_count: int
    stance_samples: int
    cadence_spm: float | None
    stance_time_ms: float | None
    stance_balance_left_pct: float | None
    vertical_ratio_pct: float | None
    vertical_oscillation_mm: float | None
    step_length_mm: float | None
    running_speed_mps: float | None
    running_share: float | None
    recording_gaps: int | None
    notes: str  # the stored text as it is: one note a line


class OutcomeItemDoc(_Doc):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    item: Annotated[str, Field(min_length=1, max_length=200)]
    value: float


class OutcomeDoc(_Doc):
    """One outcome-measure record (a row of ``outcome_records`` without its keys)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    uid: Annotated[str, Field(min_length=1, max_length=36)]
    measure: Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]
    measure_version: Annotated[str, Field(min_length=1, max_length=40)]
    recorded_on: dt.date
    recorded_at: UtcTime
    context: Literal["assessment", "interval"]
    score: float
    items: list[OutcomeItemDoc] = Field(max_length=50)


class _RunnerData(_Doc):
    schema_version: int
    kind: Literal["footfix.runner"]
    exported_at: UtcTime
    runner: RunnerDocV2
    phase_history: list[PhaseChangeDoc]
    assessments: list[AssessmentDoc]
    plans: list[PlanDoc]
    day_logs: list[LogRevisionDoc]


class ExportDocV1(_RunnerData):
    """What footfix wrote before watch activities were stored."""

    schema_version: Literal[1]


class _WithActivities(_RunnerData):
    activities: list[ActivityDoc]

    @field_validator("activities")
    @classmethod
    def _stored_once(cls, activities: list[ActivityDoc]) -> list[ActivityDoc]:
        seen: set[str] = set()
        for activity in activities:
            if activity.dedup_key in seen:
                raise ValueError(f"the activity {activity.dedup_key!r} appears twice")
            seen.add(activity.dedup_key)
        return activities


class ExportDocV2(_WithActivities):
    """What footfix wrote before runners had uids."""

    schema_version: Literal[2]


class ExportDocV3(_WithActivities):
    """What footfix wrote before outcome measures were stored."""

    schema_version: Literal[3]
    runner: RunnerDoc


class ExportDocV4(_WithActivities):
    """What footfix wrote before decisions named who made them."""

    schema_version: Literal[4]
    runner: RunnerDoc
    outcomes: list[OutcomeDoc]


class ExportDoc(_WithActivities):
    schema_version: Literal[5]
    runner: RunnerDoc
    outcomes: list[OutcomeDoc]


def _known_deciders_only(doc: dict[str, Any]) -> dict[str, Any]:
    """Drop the "unknown" decided_by pairs: an absent pair reads back as unknown."""
    decisions = [*doc["phase_history"], *doc["assessments"]]
    decisions += [v for plan in doc["plans"] for v in plan["versions"]]
    for decision in decisions:
        for key in ("decided_by_uid", "decided_by_role"):
            if decision.get(key) == "unknown":
                del decision[key]
    return doc


def export_runner(
    connection: Connection, runner: runners_repo.RunnerRow, now: dt.datetime
) -> dict[str, Any]:
    plans: dict[str, dict[str, Any]] = {}
    for row in assessments_repo.plan_history(connection, runner.id):
        plan = plans.setdefault(
            str(row["uid"]),
            {"uid": row["uid"], "title": row["title"], "created_at": row["plan_created_at"]},
        )
        plan.setdefault("versions", []).append({k: row[k] for k in PlanVersionDoc.model_fields})
    try:
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
            activities=[
                ActivityDoc.model_validate(row)
                for row in activities_repo.export_rows(connection, runner.id)
            ],
            outcomes=[
                OutcomeDoc.model_validate(asdict(row))
                for row in outcomes_repo.list_outcomes(connection, runner.id)
            ],
        )
    except ValidationError as err:  # stored data the export format cannot carry: a damaged row
        raise StoreError(f"{runner.name}'s data cannot be exported: {_first_error(err)}") from err
    return _known_deciders_only(doc.model_dump(mode="json"))


def parse_export(data: Any) -> ExportDoc:
    """Check a document before anything is written; older versions come back as the newest."""
    if not isinstance(data, dict):
        raise ImportRejected("not a footfix export: the document is not a JSON object")
    version = data.get("schema_version")
    if "schema_version" in data and (isinstance(version, bool) or version not in READABLE_VERSIONS):
        *older, newest = map(str, READABLE_VERSIONS)
        readable = f"{', '.join(older)} and {newest}"
        newer = isinstance(version, int) and version > SCHEMA_VERSION
        why = (
            "a newer footfix wrote this document: update footfix to import it"
            if newer
            else "footfix never wrote this version"
        )
        raise ImportRejected(
            f"schema_version {version!r} is not supported: this footfix reads versions "
            f"{readable}, and {why}. Nothing was imported."
        )
    try:
        if version in (1, 2):
            old: ExportDocV1 | ExportDocV2 = (
                ExportDocV1 if version == 1 else ExportDocV2
            ).model_validate(data)
            runner = RunnerDoc.model_construct(**dict(old.runner), uid=str(uuid.uuid4()))
            activities = old.activities if isinstance(old, ExportDocV2) else []
            return ExportDoc.model_construct(
                **{
                    **dict(old),
                    "schema_version": SCHEMA_VERSION,
                    "runner": runner,
                    "activities": activities,
                    "outcomes": [],
                }
            )
        if version == 3:
            v3 = ExportDocV3.model_validate(data)
            return ExportDoc.model_construct(
                **{**dict(v3), "schema_version": SCHEMA_VERSION, "outcomes": []}
            )
        if version == 4:
            v4 = ExportDocV4.model_validate(data)
            return ExportDoc.model_construct(**{**dict(v4), "schema_version": SCHEMA_VERSION})
        return ExportDoc.model_validate(data)
    except ValidationError as err:
        raise ImportRejected(f"not a footfix export: {_first_error(err)}") from err


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def import_runner(
    connection: Connection, doc: ExportDoc, owner_id: int, rename: str | None = None
) -> int:
    """Insert everything in ``doc`` for ``owner_id`` inside the caller's transaction; returns
    the runner id. The runner keeps its uid unless this database already uses it (a copy made
    with ``--as``, or a document from before uids), which gets a new one."""
    values = doc.runner.model_dump()
    if rename:
        values["name"] = rename
    runner = runners_repo.add_runner(connection, owner_id=owner_id, **values)
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
    activities_repo.insert_rows(connection, runner.id, [a.model_dump() for a in doc.activities])
    for outcome in doc.outcomes:
        row = {**outcome.model_dump(), "items": [i.model_dump() for i in outcome.items]}
        outcomes_repo.add_outcome(connection, runner.id, outcomes_repo.OutcomeRow(**row))
    return runner.id


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
