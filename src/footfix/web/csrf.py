"""CSRF protection for every form: a token tied to a random per-browser nonce cookie.

The nonce cookie is HttpOnly and SameSite=Lax; a form carries ``HMAC(secret, nonce)``. A page
on another site can neither read the nonce nor compute the token, and a cross-site POST that
names another origin is refused before the token is even looked at. The nonce is renewed at
sign-in and sign-out, so a token seen before sign-in is worth nothing after it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request

from footfix.errors import Forbidden

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"  # for fetch/HTMX requests that send no form
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfRefused(Forbidden):
    """A form post without a valid token (reported as 403, never as the form's own error)."""


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def token_for(secret: str, nonce: str) -> str:
    return hmac.new(secret.encode(), b"csrf:" + nonce.encode(), hashlib.sha256).hexdigest()


def check_origin(request: Request) -> None:
    """A browser names the page a POST came from; one from another origin is refused."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        if origin == "null":
            raise CsrfRefused("this form was sent from a page that is not footfix's")
        return
    expected = f"{request.url.scheme}://{request.url.netloc}"
    if origin.rstrip("/") != expected:
        raise CsrfRefused("this form was sent from another site")


async def verify(request: Request, secret: str, nonce: str | None) -> None:
    """Raise :class:`CsrfRefused` unless an unsafe request carries the right token."""
    if request.method in SAFE_METHODS:
        return
    check_origin(request)
    supplied = request.headers.get(CSRF_HEADER)
    if supplied is None and _is_form(request):
        form = await request.form()  # parsed once; the route's Form() fields reuse it
        value = form.get(CSRF_FIELD)
        supplied = value if isinstance(value, str) else None
    if not nonce or not supplied or not hmac.compare_digest(supplied, token_for(secret, nonce)):
        raise CsrfRefused(
            "this form has expired or did not come from footfix: go back, reload the page and "
            "send it again"
        )


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))
