"""What every route may depend on: the app's state, the store, the browser and its user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from jinja2 import Environment

from footfix.errors import FootfixError, Forbidden
from footfix.services.sessions import Role, SessionUser
from footfix.web import csrf
from footfix.web.session_cookies import NONCE_NAME, SESSION_NAME, Browser, read_cookie
from footfix.web.settings import WebSettings

if TYPE_CHECKING:
    from footfix.services.store_access import Store


@dataclass
class AppState:
    settings: WebSettings
    secret: str
    store: Store
    templates: Environment


class SignInNeeded(FootfixError):
    """A page for signed-in users only, asked for without a session (a redirect to sign in)."""


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.footfix
    return state


def get_store(request: Request) -> Store:
    return app_state(request).store


def browser(request: Request) -> Browser:
    """The browser's nonce (a new one when it has none) and its signed-in user, if any.

    A plain function, so FastAPI runs it in a worker thread: the session lookup may wait for
    the database, and must not hold up the event loop while it does.
    """
    state = app_state(request)
    nonce = read_cookie(request, NONCE_NAME)
    current = Browser(nonce=nonce or "", session_days=state.settings.session_days)
    if not nonce:
        current.renew_nonce()
    token = read_cookie(request, SESSION_NAME)
    if token:
        from footfix.services.sessions import session_user

        current.user = session_user(
            state.store, token, idle_hours=state.settings.session_idle_hours
        )
        current.session_token = token if current.user else None
        current.end_session = current.user is None  # an expired or unknown token: drop it
    return current


BrowserDep = Annotated[Browser, Depends(browser)]


async def csrf_protect(request: Request, current: BrowserDep) -> None:
    """Every unsafe request from a browser carries the token of its own nonce."""
    await csrf.verify(
        request, app_state(request).secret, None if current.new_nonce else current.nonce
    )


def signed_in(current: BrowserDep) -> SessionUser:
    if current.user is None:
        raise SignInNeeded("sign in to see this page")
    return current.user


def role_in(*roles: Role) -> object:
    """A dependency that lets only users with one of ``roles`` through."""

    def check(user: Annotated[SessionUser, Depends(signed_in)]) -> SessionUser:
        if user.role not in roles:
            raise Forbidden("your account's role does not allow this page")
        return user

    return Depends(check)


UserDep = Annotated[SessionUser, Depends(signed_in)]
