"""One error shape for the API, one error page for browsers; never a traceback, never a 500 for
bad input.

The API answers ``{"error": {"kind", "message", "details"}}`` (``FootfixError.to_json``) with the
status its kind maps to (``footfix.errors.HTTP_STATUS``). Pages show the same message on an
error page, and a page that needs a signed-in user redirects to the sign-in form instead.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from footfix.errors import ErrorKind, FootfixError
from footfix.services.errors import as_footfix_error
from footfix.web.deps import SignInNeeded, browser
from footfix.web.templating import render

log = logging.getLogger("footfix.web")

API_PREFIX = "/api/"
_HTTP_KINDS = {
    400: ErrorKind.INVALID_INPUT,
    401: ErrorKind.UNAUTHORIZED,
    403: ErrorKind.FORBIDDEN,
    404: ErrorKind.NOT_FOUND,
    405: ErrorKind.INVALID_INPUT,
    409: ErrorKind.CONFLICT,
    413: ErrorKind.TOO_LARGE,
    415: ErrorKind.UNSUPPORTED_FILE,
    422: ErrorKind.INVALID_INPUT,
    429: ErrorKind.RATE_LIMITED,
}
_HTTP_MESSAGES = {404: "not found", 405: "this method is not allowed here"}


def is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def error_body(
    kind: ErrorKind, message: str, details: list[str] | None = None
) -> dict[str, object]:
    return {"error": {"kind": kind.value, "message": message, "details": list(details or [])}}


async def _answer(
    request: Request, status: int, body: dict[str, object], headers: dict[str, str] | None = None
) -> Response:
    headers = dict(headers or {})  # e.g. Allow on a 405
    if status == 401 and is_api(request):
        headers["WWW-Authenticate"] = "Bearer"
    if is_api(request):
        return JSONResponse(body, status_code=status, headers=headers)
    error = body["error"]
    assert isinstance(error, dict)
    from starlette.concurrency import run_in_threadpool

    current = await run_in_threadpool(browser, request)
    page = render(request, current, "error.html", {"error": error, "status": status}, status=status)
    page.headers.update(headers)
    return page


async def footfix_error(request: Request, err: Exception) -> Response:
    if isinstance(err, SignInNeeded) and not is_api(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/sign-in?next={quote(target, safe='/')}", status_code=303)
    known = as_footfix_error(err)
    if known is None:
        return await unexpected(request, err)
    return await _answer(request, known.http_status, known.to_json())


async def validation_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, RequestValidationError)
    details = []
    for problem in err.errors()[:20]:
        where = ".".join(str(part) for part in problem.get("loc", ()))
        details.append(f"{where}: {problem.get('msg', 'not valid')}")
    body = error_body(ErrorKind.INVALID_INPUT, "the request is not valid", details)
    return await _answer(request, 422, body)


async def http_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, HTTPException)
    kind = _HTTP_KINDS.get(err.status_code, ErrorKind.INVALID_INPUT)
    message = _HTTP_MESSAGES.get(err.status_code) or str(err.detail or kind.value)
    headers = dict(err.headers or {})
    if err.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return await _answer(request, err.status_code, error_body(kind, message), headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    from fastapi.routing import iter_route_contexts
    from starlette.routing import Match

    methods: set[str] = set()
    # FastAPI keeps an included router as one entry: its contexts are the real routes
    for route in iter_route_contexts(request.app.router.routes):
        match, _child = route.matches(request.scope)
        if match != Match.NONE:
            methods |= set(route.methods or ())
    return sorted(methods)


UNEXPECTED = "something went wrong on our side; nothing was saved"


async def unexpected(request: Request, err: Exception) -> Response:
    log_unexpected(request.method, request.url.path, err)
    return _internal_response(is_api(request))


def log_unexpected(method: str, path: str, err: BaseException) -> None:
    # the type only, never the message or a traceback: either may quote health data
    log.error("unexpected %s on %s %s", type(err).__name__, method, path)


def _internal_response(api: bool) -> Response:
    if api:
        return JSONResponse(
            {"error": {"kind": "internal", "message": UNEXPECTED, "details": []}}, status_code=500
        )
    from fastapi.responses import HTMLResponse

    return HTMLResponse(
        "<!doctype html><html lang=en><title>footfix: error</title>"
        f"<h1>Sorry</h1><p>{UNEXPECTED.capitalize()}.</p><p><a href=/>Home</a></p></html>",
        status_code=500,
    )


class CatchAll:
    """The last net inside the app: a bug answers 500 with no detail and logs only its type
    (Starlette's own handler would hand the exception, traceback and all, to the server log)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as err:
            path = str(scope.get("path", ""))
            log_unexpected(str(scope.get("method", "")), path, err)
            if not started:
                await _internal_response(path.startswith(API_PREFIX))(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(FootfixError, footfix_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    for store_error in _store_errors():
        app.add_exception_handler(store_error, footfix_error)


def _store_errors() -> list[type[Exception]]:
    from footfix.services.errors import store_error_types

    return store_error_types()
