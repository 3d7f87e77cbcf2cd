"""A runner's exports through the API: FHIR R4B, the calendar, the report PDF, outcome measures.

Scoped like every runner route (:func:`sharing.acting_for`): the owner, or a clinician the
record is shared with; anyone else gets the same 404 as for an id that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from footfix.services import audit, outcomes, sharing
from footfix.services.identity import Actor, RunnerUid
from footfix.services.sessions import SessionUser
from footfix.web.api.auth import ApiUser
from footfix.web.api.models import ERRORS, Page, PageParams, page_of, page_params
from footfix.web.deps import app_state

router = APIRouter(tags=["exports"], responses=ERRORS)


def _access(request: Request, user: SessionUser, runner_uid: str) -> tuple[Actor, RunnerUid]:
    actor, runner = sharing.acting_for(app_state(request).store, user, runner_uid)
    return actor, RunnerUid(runner.uid)


def _audit(request: Request, user: SessionUser, runner: RunnerUid, what: str) -> None:
    audit.record(app_state(request).store, user.actor, "export", runner_uid=runner.uid, detail=what)


def _body(media_type: str, description: str, binary: bool = False) -> dict[int | str, Any]:
    schema = {"type": "string", "format": "binary"} if binary else {"type": "string"}
    return {200: {"description": description, "content": {media_type: {"schema": schema}}}}


@router.get(
    "/runners/{runner_uid}/fhir",
    response_class=Response,
    responses={
        200: {
            "description": "a FHIR R4B Bundle (collection): Patient, Condition, Observation, "
            "Goal, CarePlan and QuestionnaireResponse resources",
            "content": {"application/fhir+json": {"schema": {"type": "object"}}},
        }
    },
)
def fhir(request: Request, user: ApiUser, runner_uid: str) -> Response:
    """The runner's record as a FHIR R4B Bundle, as ``footfix export --fhir`` writes it."""
    from footfix.services.fhir_export import fhir_bundle_text

    actor, runner = _access(request, user, runner_uid)
    text = fhir_bundle_text(app_state(request).store, actor, runner)
    _audit(request, user, runner, "fhir (api)")
    return Response(text, media_type="application/fhir+json")


@router.get(
    "/runners/{runner_uid}/calendar",
    response_class=Response,
    responses=_body("text/calendar", "an iCalendar file: one event per planned session"),
)
def calendar(
    request: Request,
    user: ApiUser,
    runner_uid: str,
    weeks: Annotated[int | None, Query(ge=1, le=52, description="how many weeks ahead")] = None,
) -> Response:
    """The coming weeks' sessions (exercise days, run days with their allowance) as iCalendar."""
    from footfix.services.calendar_export import calendar_export

    actor, runner = _access(request, user, runner_uid)
    found = calendar_export(app_state(request).store, actor, runner, weeks=weeks)
    _audit(request, user, runner, "calendar (api)")
    return Response(found.text, media_type="text/calendar")


@router.get(
    "/runners/{runner_uid}/report.pdf",
    response_class=Response,
    responses=_body("application/pdf", "the report as a PDF", binary=True),
)
def report_pdf(
    request: Request, user: ApiUser, runner_uid: str, paper: Literal["a4", "letter"] = "a4"
) -> Response:
    """The printable report: assessment, plan with pictures, ladder, progress, outcomes."""
    from footfix.reports.render import render_pdf
    from footfix.services.report import report_for_runner

    actor, runner = _access(request, user, runner_uid)
    content = report_for_runner(app_state(request).store, actor, runner)
    pdf = render_pdf(content, paper=paper)
    _audit(request, user, runner, f"report pdf ({paper}, api)")
    return Response(pdf, media_type="application/pdf")


class OutcomeItem(BaseModel):
    item: Annotated[str, Field(min_length=1, max_length=80)] = Field(
        description="PSFS: the activity in the runner's words; SANE: overall"
    )
    value: float


class NewOutcome(BaseModel):
    measure: Annotated[str, Field(min_length=1, max_length=40)] = Field(
        description="psfs (three to five activities, 0–10) or sane (one item, 0–100)"
    )
    items: Annotated[list[OutcomeItem], Field(min_length=1, max_length=10)]
    day: dt.date | None = Field(None, description="default: today in the runner's time zone")
    replace: bool = False


class Outcome(BaseModel):
    uid: str
    measure: str
    recorded_on: dt.date
    context: str = Field(description="assessment or interval")
    score: float
    items: list[OutcomeItem]


class RecordedOutcome(Outcome):
    change: str | None = Field(description="the change from the first record against the MCID")
    meaningful: bool | None = Field(description="whether the change reaches the MCID")


def _outcome(row: Any) -> dict[str, Any]:
    return {
        "uid": row.uid,
        "measure": row.measure,
        "recorded_on": row.recorded_on,
        "context": row.context,
        "score": row.score,
        "items": [{"item": str(i["item"]), "value": float(i["value"])} for i in row.items],
    }


@router.get("/runners/{runner_uid}/outcomes", response_model=Page[Outcome])
def list_outcomes(
    request: Request,
    user: ApiUser,
    runner_uid: str,
    page: Annotated[PageParams, Depends(page_params)],
) -> Page[Outcome]:
    """Every recorded outcome measure (PSFS, SANE), newest first."""
    actor, runner = _access(request, user, runner_uid)
    rows = outcomes.records(app_state(request).store, actor, runner)
    items = [Outcome.model_validate(_outcome(r)) for r in reversed(rows)]
    return page_of(items, page)


@router.post("/runners/{runner_uid}/outcomes", response_model=RecordedOutcome, status_code=201)
def add_outcome(
    request: Request, user: ApiUser, runner_uid: str, body: NewOutcome
) -> RecordedOutcome:
    """Record one administration of a measure; answers with the change against its MCID."""
    actor, runner = _access(request, user, runner_uid)
    values = [(i.item, i.value) for i in body.items]
    done = outcomes.record_outcome(
        app_state(request).store,
        actor,
        runner,
        body.measure,
        values,
        day=body.day,
        replace=body.replace,
    )
    change = done.change
    return RecordedOutcome.model_validate(
        _outcome(done.row)
        | {
            "change": change.sentence if change else None,
            "meaningful": change.verdict in {"improved", "worse"} if change else None,
        }
    )
