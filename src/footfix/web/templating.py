"""Jinja2 with autoescape always on: outside text (names, notes, case ids) is shown literally."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from footfix import __version__
from footfix.services.plain_words import sentence
from footfix.web.csrf import CSRF_FIELD, token_for
from footfix.web.session_cookies import Browser, keep_cookies

TEMPLATES = Path(__file__).parent / "templates"

# Messages after a redirect (``?done=KEY``): only these fixed texts are ever shown, so a link
# cannot make footfix display words of its own choosing.
DONE_MESSAGES: dict[str, str] = {
    "signed-up": "Welcome to footfix: your account is ready.",
    "signed-in": "You are signed in.",
    "signed-out": "You are signed out.",
    "password-changed": "Your password is changed; other devices were signed out.",
    "password-reset": "Your password is set: sign in with it now.",
    "account-deleted": "Your account and all its data are deleted.",
    "token-created": "Token created: copy it now, it is shown only once.",
    "token-revoked": "The token is revoked.",
    "share-accepted": "The runner's record is now on your patient list.",
    "share-withdrawn": "The clinician no longer sees your record.",
    "record-claimed": "The clinic's record is yours now, and still shared with your clinician.",
    "logged": "Saved: your day is logged.",
    "reassessed": "Saved and re-assessed with your new result.",
    "outcome-saved": "Saved: the outcome measures are recorded.",
}


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name: nothing outside is markup
        undefined=StrictUndefined,  # a misspelt variable is a bug, not an empty string
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(version=__version__, csrf_field=CSRF_FIELD)
    env.filters["sentence"] = sentence  # a message shown on its own starts with a capital
    return env


def render(
    request: Request,
    browser: Browser,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> HTMLResponse:
    """A page for this browser: its CSRF token in the context, its cookies kept up to date."""
    state = request.app.state.footfix
    values = {
        "request": request,
        "user": browser.user,
        "csrf_token": token_for(state.secret, browser.nonce),
        "flash": DONE_MESSAGES.get(request.query_params.get("done", ""), ""),
        **(context or {}),
    }
    html = state.templates.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status)
    keep_cookies(request, browser, response)
    return response
