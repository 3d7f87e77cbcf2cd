"""The signed-in user's account: password, API tokens, sharing, download everything, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from footfix.errors import FootfixError
from footfix.services import accounts, api_tokens, claims, sessions, sharing, uploads
from footfix.web.deps import BrowserDep, UserDep, app_state, csrf_protect
from footfix.web.forms import field_errors, see_other
from footfix.web.session_cookies import keep_cookies
from footfix.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
Text = Annotated[str, Form()]


def _page(
    request: Request,
    browser: BrowserDep,
    user: sessions.SessionUser,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
    **extra: Any,
) -> Response:
    store = app_state(request).store
    runners = sharing.own_runners(store, user)
    context = {
        "errors": errors or {},
        "tokens": api_tokens.list_tokens(store, user.user_id),
        "runners": runners,
        "shares": {r.uid: sharing.shares(store, user, r.uid) for r in runners},
        "new_token": None,
        "new_code": None,
        **extra,
    }
    return render(request, browser, "account.html", context, status=status)


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, browser: BrowserDep, user: UserDep) -> Response:
    return _page(request, browser, user)


@router.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request,
    browser: BrowserDep,
    user: UserDep,
    current_password: Text = "",
    new_password: Text = "",
) -> Response:
    store = app_state(request).store
    try:
        accounts.change_password(store, user.user_id, current_password, new_password)
    except FootfixError as err:
        return _page(request, browser, user, errors=field_errors(err), status=err.http_status)
    sessions.end_other_sessions(store, user.user_id, browser.session_token)
    return see_other("/account?done=password-changed")


@router.post("/account/tokens", response_class=HTMLResponse)
def create_token(request: Request, browser: BrowserDep, user: UserDep, name: Text = "") -> Response:
    try:
        token, _row = api_tokens.create_token(app_state(request).store, user.user_id, name)
    except FootfixError as err:
        return _page(request, browser, user, errors=field_errors(err), status=err.http_status)
    return _page(request, browser, user, new_token=token)  # shown once, on this page only


@router.post("/account/tokens/{uid}/revoke")
def revoke_token(request: Request, user: UserDep, uid: str) -> Response:
    api_tokens.revoke_token(app_state(request).store, user.user_id, uid)
    return see_other("/account?done=token-revoked")


@router.post("/account/shares", response_class=HTMLResponse)
def invite(request: Request, browser: BrowserDep, user: UserDep, runner: Text = "") -> Response:
    code = sharing.invite(app_state(request).store, user, runner)
    return _page(request, browser, user, new_code=code)


@router.post("/account/claim", response_class=HTMLResponse)
def claim(request: Request, browser: BrowserDep, user: UserDep, claim_code: Text = "") -> Response:
    """A clinic record moves into this runner's account by the code its clinician gave."""
    try:
        claims.claim(app_state(request).store, user, claim_code)
    except FootfixError as err:
        errors = field_errors(err)
        errors = {claims.FIELD: errors["_form"]} if "_form" in errors else errors
        return _page(request, browser, user, errors=errors, status=err.http_status)
    return see_other("/account?done=record-claimed")


@router.post("/account/shares/{runner_uid}/{share_uid}/withdraw")
def withdraw(request: Request, user: UserDep, runner_uid: str, share_uid: str) -> Response:
    sharing.withdraw(app_state(request).store, user, runner_uid, share_uid)
    return see_other("/account?done=share-withdrawn")


@router.get("/account/export/{runner_uid}")
def export(request: Request, user: UserDep, runner_uid: str) -> Response:
    """Everything stored about one of the user's runners, as ``footfix export`` writes it."""
    from footfix.services.identity import RunnerUid
    from footfix.services.tracking import export_runner_text

    store = app_state(request).store
    runner = sharing.own_runner(store, user, runner_uid)  # a clinician's patients: not theirs
    text = export_runner_text(store, user.actor, RunnerUid(runner.uid))
    name = f"footfix-export-{runner.uid[:8]}.json"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(text, media_type="application/json", headers=headers)


@router.post("/account/delete", response_class=HTMLResponse)
def delete(
    request: Request, browser: BrowserDep, user: UserDep, delete_password: Text = ""
) -> Response:
    try:
        state = app_state(request)
        files = uploads.upload_store_from_env(state.settings.data_folder())
        accounts.delete_account(state.store, user.user_id, delete_password, files)
    except FootfixError as err:
        errors = {"delete_password": field_errors(err).get("password", str(err))}
        return _page(request, browser, user, errors=errors, status=err.http_status)
    browser.signed_out()
    response = see_other("/?done=account-deleted")
    keep_cookies(request, browser, response)
    return response
