"""Assessment through the API: a case document in, result format 1 out (as ``footfix assess
--json`` prints it, from the same service), stored for a runner or not."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from footfix.domain.result import AssessmentResult
from footfix.errors import InvalidInput
from footfix.services import records, sharing
from footfix.services.identity import RunnerUid
from footfix.web.api.auth import ApiUser
from footfix.web.api.models import ERRORS, AssessmentSummary, Page, PageParams, page_of, page_params
from footfix.web.deps import app_state

router = APIRouter(tags=["assessments"], responses=ERRORS)

CASE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A case file of format 1 (JSON, or YAML as application/yaml); its JSON "
        "Schema is GET /api/v1/case-schema",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}
RESULT: dict[int | str, dict[str, Any]] = {
    200: {"model": AssessmentResult, "description": "result format 1"}
}


async def case_text(request: Request) -> str:
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip()
    if kind not in ("application/json", "application/yaml", "text/yaml", "application/x-yaml"):
        raise InvalidInput(f"send the case as application/json or application/yaml, not {kind}")
    raw = await request.body()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("the case document is not UTF-8 text") from None


CaseText = Annotated[str, Depends(case_text)]


def result_response(result: AssessmentResult, status: int = 200, **headers: str) -> Response:
    return Response(
        result.model_dump_json(indent=2), status, headers, media_type="application/json"
    )


@router.get("/case-schema", response_model=dict[str, Any])
def case_schema(user: ApiUser) -> dict[str, Any]:
    """The JSON Schema of case files (format 1), as ``footfix schema`` prints it."""
    from footfix.intake.case_model import CaseFile

    return CaseFile.model_json_schema()


@router.post("/assess", openapi_extra=CASE_BODY, responses=RESULT)
def assess(user: ApiUser, text: CaseText) -> Response:
    """Assess a case without storing anything."""
    from footfix.services.assessment import assess_case

    return result_response(assess_case(records.parse_case(text)))


@router.post(
    "/runners/{runner_uid}/assessments",
    openapi_extra=CASE_BODY,
    responses={201: RESULT[200]},
    status_code=201,
)
def assess_and_save(request: Request, user: ApiUser, runner_uid: str, text: CaseText) -> Response:
    """Assess a case and store it (with its plan and any phase change) for one of your runners."""
    from footfix.services.assessment import assess_case
    from footfix.services.assessments import save_assessment

    store = app_state(request).store
    actor, runner = sharing.acting_for(store, user, runner_uid)
    case = records.parse_case(text)
    result = assess_case(case)
    saved = save_assessment(store, actor, RunnerUid(runner.uid), case, result)
    row = next(r for r in records.assessments(store, actor, RunnerUid(runner.uid)) if r.id == saved)
    where = f"/api/v1/runners/{runner.uid}/assessments/{row.uid}"
    return result_response(result, 201, Location=where)


@router.get("/runners/{runner_uid}/assessments", response_model=Page[AssessmentSummary])
def list_assessments(
    request: Request,
    user: ApiUser,
    runner_uid: str,
    page: Annotated[PageParams, Depends(page_params)],
) -> Page[AssessmentSummary]:
    """The runner's assessments, newest first."""
    store = app_state(request).store
    actor, runner = sharing.acting_for(store, user, runner_uid)
    rows = records.assessments(store, actor, RunnerUid(runner.uid))
    summaries = [
        AssessmentSummary(
            uid=r.uid, created_at=r.created_at, phase=r.phase, knowledge_version=r.knowledge_version
        )
        for r in rows
    ]
    return page_of(summaries, page)


@router.get("/runners/{runner_uid}/assessments/{assessment_uid}", responses=RESULT)
def get_assessment(
    request: Request, user: ApiUser, runner_uid: str, assessment_uid: str
) -> Response:
    """A stored assessment's result, as it was when it was made."""
    store = app_state(request).store
    actor, runner = sharing.acting_for(store, user, runner_uid)
    row = records.assessment(store, actor, RunnerUid(runner.uid), assessment_uid)
    return Response(row.result_json, media_type="application/json")
