"""Sign-up, sign-in, sign-out and password reset (forms; each works without JavaScript)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from footfix.errors import FootfixError
from footfix.services import accounts, sessions
from footfix.web.deps import BrowserDep, app_state, csrf_protect
from footfix.web.forms import field_errors, safe_next, see_other, timezones
from footfix.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
Text = Annotated[str, Form()]


@router.get("/sign-up", response_class=HTMLResponse)
async def sign_up_form(request: Request, browser: BrowserDep) -> Response:
    if browser.user:
        return see_other("/")
    return _sign_up_page(request, browser, {}, {})


def _sign_up_page(
    request: Request, browser: BrowserDep, values: dict[str, str], errors: dict[str, str]
) -> Response:
    context = {"values": values, "errors": errors, "timezones": timezones()}
    return render(request, browser, "auth/sign_up.html", context, status=422 if errors else 200)


@router.post("/sign-up", response_class=HTMLResponse)
def sign_up(
    request: Request,
    browser: BrowserDep,
    email: Text = "",
    password: Text = "",
    display_name: Text = "",
    role: Text = "runner",
    timezone: Text = "UTC",
    units: Text = "km",
) -> Response:
    state = app_state(request)
    values = {"email": email, "display_name": display_name, "role": role}
    values |= {"timezone": timezone, "units": units}
    try:
        user = accounts.sign_up(
            state.store,
            email=email,
            password=password,
            display_name=display_name,
            role=role,
            timezone=timezone,
            units=units,
        )
    except FootfixError as err:
        return _sign_up_page(request, browser, values, field_errors(err))
    return _signed_in(request, browser, user, "/?done=signed-up")


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_form(request: Request, browser: BrowserDep, next: str = "/") -> Response:
    if browser.user:
        return see_other(safe_next(next))
    context = {"values": {"email": ""}, "errors": {}, "next": safe_next(next)}
    return render(request, browser, "auth/sign_in.html", context)


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    browser: BrowserDep,
    email: Text = "",
    password: Text = "",
    next: Text = "/",
) -> Response:
    state = app_state(request)
    settings = state.settings
    limits = accounts.SignInLimits(
        max_failures=settings.signin_max_failures,
        max_failures_per_client=settings.signin_max_failures_per_client,
        window=dt.timedelta(minutes=settings.signin_window_minutes),
    )
    client = request.client.host if request.client else "unknown"
    try:
        user = accounts.sign_in(
            state.store, email=email, password=password, client=client, limits=limits
        )
    except FootfixError as err:
        context = {"values": {"email": email}, "errors": {"_form": str(err)}, "next": next}
        status = err.http_status
        return render(request, browser, "auth/sign_in.html", context, status=status)
    return _signed_in(request, browser, user, safe_next(next))


def _signed_in(
    request: Request, browser: BrowserDep, user: sessions.SessionUser, target: str
) -> Response:
    state = app_state(request)
    if browser.session_token:  # a session fixed before sign-in never survives it
        sessions.end_session(state.store, browser.session_token)
    token = sessions.start_session(state.store, user.user_id, days=state.settings.session_days)
    browser.signed_in(token, user)
    response = see_other(target)
    from footfix.web.session_cookies import keep_cookies

    keep_cookies(request, browser, response)
    return response


@router.post("/sign-out")
def sign_out(request: Request, browser: BrowserDep) -> Response:
    if browser.session_token:
        sessions.end_session(app_state(request).store, browser.session_token)
    browser.signed_out()
    response = see_other("/?done=signed-out")
    from footfix.web.session_cookies import keep_cookies

    keep_cookies(request, browser, response)
    return response


@router.get("/reset-password", response_class=HTMLResponse)
async def reset_form(request: Request, browser: BrowserDep) -> Response:
    return render(request, browser, "auth/reset.html", {"errors": {}})


@router.post("/reset-password", response_class=HTMLResponse)
def reset(
    request: Request, browser: BrowserDep, token: Text = "", new_password: Text = ""
) -> Response:
    try:
        accounts.reset_password(app_state(request).store, token, new_password)
    except FootfixError as err:
        context = {"errors": field_errors(err)}
        return render(request, browser, "auth/reset.html", context, status=err.http_status)
    return see_other("/sign-in?done=password-reset")
