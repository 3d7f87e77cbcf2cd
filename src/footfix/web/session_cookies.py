"""The two cookies a browser holds: the CSRF nonce and, once signed in, the session token.

Both are HttpOnly and SameSite=Lax, and Secure (with the ``__Host-`` prefix, which pins them to
this host and path) when the request came over HTTPS or ``FOOTFIX_HTTPS=1``. The session token is
random; the database keeps only its hash (see ``services/sessions.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request, Response

from footfix.services.sessions import SessionUser
from footfix.web.csrf import new_nonce

NONCE_NAME = "footfix_csrf"
SESSION_NAME = "footfix_session"


@dataclass
class Browser:
    """What one request knows about the browser that sent it."""

    nonce: str
    user: SessionUser | None = None
    session_token: str | None = None
    new_nonce: bool = False
    set_session: bool = False  # a new session token to send
    end_session: bool = False  # drop the session cookie
    session_days: int = field(default=14)

    def signed_in(self, token: str, user: SessionUser) -> None:
        """A fresh session: a new token and a new nonce (old CSRF tokens stop working)."""
        self.session_token, self.user = token, user
        self.set_session, self.end_session = True, False
        self.renew_nonce()

    def signed_out(self) -> None:
        self.session_token, self.user = None, None
        self.set_session, self.end_session = False, True
        self.renew_nonce()

    def renew_nonce(self) -> None:
        self.nonce, self.new_nonce = new_nonce(), True


def is_secure(request: Request) -> bool:
    forced = request.app.state.footfix.settings.https
    return bool(forced) if forced is not None else request.url.scheme == "https"


def cookie_name(request: Request, base: str) -> str:
    return f"__Host-{base}" if is_secure(request) else base


def read_cookie(request: Request, base: str) -> str | None:
    return request.cookies.get(cookie_name(request, base))


def keep_cookies(request: Request, browser: Browser, response: Response) -> None:
    secure = is_secure(request)
    if browser.new_nonce:
        response.set_cookie(
            cookie_name(request, NONCE_NAME),
            browser.nonce,
            httponly=True,
            samesite="lax",
            secure=secure,
            path="/",
        )
    if browser.set_session and browser.session_token:
        response.set_cookie(
            cookie_name(request, SESSION_NAME),
            browser.session_token,
            max_age=browser.session_days * 86400,
            httponly=True,
            samesite="lax",
            secure=secure,
            path="/",
        )
    elif browser.end_session:
        response.delete_cookie(
            cookie_name(request, SESSION_NAME), path="/", secure=secure, httponly=True
        )
