"""A clinician's patient list: accepting a runner's invitation code, adding a clinic record."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from footfix.errors import FootfixError
from footfix.services import clinic, sessions, sharing
from footfix.web import clinician_patient
from footfix.web.deps import BrowserDep, app_state, csrf_protect, role_in
from footfix.web.forms import field_errors, see_other
from footfix.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
Clinician = Annotated[sessions.SessionUser, role_in("clinician")]


def _page(
    request: Request,
    browser: BrowserDep,
    user: sessions.SessionUser,
    errors: dict[str, str] | None = None,
    status: int = 200,
    name: str = "",
) -> Response:
    patients = clinic.patients(app_state(request).store, user)
    context = {
        "patients": patients,
        "window_days": clinic.WINDOW_DAYS,
        "errors": errors or {},
        "name": name,
    }
    return render(request, browser, "patients.html", context, status=status)


@router.get("/patients", response_class=HTMLResponse)
def patients(request: Request, browser: BrowserDep, user: Clinician) -> Response:
    return _page(request, browser, user)


@router.post("/patients", response_class=HTMLResponse)
def accept(
    request: Request, browser: BrowserDep, user: Clinician, code: Annotated[str, Form()] = ""
) -> Response:
    try:
        sharing.redeem(app_state(request).store, user, code)
    except FootfixError as err:
        return _page(request, browser, user, field_errors(err), err.http_status)
    return see_other("/patients?done=share-accepted")


@router.post("/patients/new", response_class=HTMLResponse)
def add(
    request: Request, browser: BrowserDep, user: Clinician, name: Annotated[str, Form()] = ""
) -> Response:
    try:
        row = clinic.add_patient(app_state(request).store, user, name)
    except FootfixError as err:
        errors = field_errors(err)
        errors = {"name": errors.get("_form", "")} if "_form" in errors else errors
        return _page(request, browser, user, errors, err.http_status, name=name)
    return see_other(f"/patients/{row.uid}/exam?done=patient-added")


router.include_router(clinician_patient.router)
