"""One patient for a clinician: assessment history, the exam-findings form, a comparison."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from footfix.errors import FootfixError
from footfix.services import claims, clinic, exam_form, sessions, sharing
from footfix.services.assessment import assess_case
from footfix.services.assessment_compare import compare
from footfix.services.assessments import save_assessment
from footfix.services.identity import RunnerUid
from footfix.web.deps import BrowserDep, app_state, csrf_protect, role_in
from footfix.web.forms import field_errors, see_other
from footfix.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
Clinician = Annotated[sessions.SessionUser, role_in("clinician")]
FLASH = {
    "reassessed": "Saved: the exam findings are in and the patient is re-assessed.",
    "patient-added": "The patient's record is added: enter the exam findings next.",
}


def _flash(request: Request) -> str:
    return FLASH.get(request.query_params.get("done", ""), "")


def _patient_page(
    request: Request, user: sessions.SessionUser, runner_uid: str, claim_code: str = ""
) -> dict[str, object]:
    store = app_state(request).store
    return {
        "patient": clinic.patient(store, user, runner_uid),
        "glance": clinic.glance(store, user, runner_uid),
        "history": clinic.assessment_history(store, user, runner_uid),
        "flash": _flash(request),
        "claim_code": claim_code,
        "claim_days": claims.CLAIM_DAYS,
    }


@router.get("/patients/{runner_uid}", response_class=HTMLResponse)
def patient(request: Request, browser: BrowserDep, user: Clinician, runner_uid: str) -> Response:
    return render(request, browser, "patient.html", _patient_page(request, user, runner_uid))


@router.post("/patients/{runner_uid}/claim-code", response_class=HTMLResponse)
def claim_code(request: Request, browser: BrowserDep, user: Clinician, runner_uid: str) -> Response:
    """A one-time code for the patient of a clinic record, shown on this page only."""
    code = claims.issue(app_state(request).store, user, runner_uid)
    context = _patient_page(request, user, runner_uid, claim_code=code)
    return render(request, browser, "patient.html", context)


def _exam_page(
    request: Request,
    browser: BrowserDep,
    row: object,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    context = {
        "patient": row,
        "fields": exam_form.exam_fields(),
        "values": values,
        "errors": errors or {},
        "flash": _flash(request),
    }
    return render(request, browser, "exam.html", context, status=status)


@router.get("/patients/{runner_uid}/exam", response_class=HTMLResponse)
def exam(request: Request, browser: BrowserDep, user: Clinician, runner_uid: str) -> Response:
    store = app_state(request).store
    row = clinic.patient(store, user, runner_uid)
    values = exam_form.form_values(clinic.latest_case(store, user, runner_uid))
    return _exam_page(request, browser, row, values)


@router.post("/patients/{runner_uid}/exam", response_class=HTMLResponse)
async def save_exam(
    request: Request, browser: BrowserDep, user: Clinician, runner_uid: str
) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    return await run_in_threadpool(_save_exam, request, browser, user, runner_uid, form)


def _save_exam(
    request: Request,
    browser: BrowserDep,
    user: sessions.SessionUser,
    runner_uid: str,
    form: dict[str, str],
) -> Response:
    """Nothing is saved unless every value is valid and the case as a whole is consistent."""
    store = app_state(request).store
    actor, row = sharing.acting_for(store, user, runner_uid)
    try:
        case = exam_form.apply_form(clinic.latest_case(store, user, runner_uid), form)
        save_assessment(store, actor, RunnerUid(row.uid), case, assess_case(case))
    except FootfixError as err:
        return _exam_page(request, browser, row, form, field_errors(err), err.http_status)
    return see_other(f"/patients/{row.uid}?done=reassessed")


@router.get("/patients/{runner_uid}/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    browser: BrowserDep,
    user: Clinician,
    runner_uid: str,
    a: str = "",
    b: str = "",
) -> Response:
    store = app_state(request).store
    row = clinic.patient(store, user, runner_uid)
    found = compare(store, user, runner_uid, a, b)
    return render(request, browser, "compare.html", {"patient": row, "cmp": found})
