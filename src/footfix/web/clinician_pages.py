"""A clinician's patient list, and accepting a runner's invitation code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from footfix.errors import FootfixError
from footfix.services import sessions, sharing
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
) -> Response:
    patients = sharing.patients(app_state(request).store, user)
    context = {"patients": patients, "errors": errors or {}}
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
