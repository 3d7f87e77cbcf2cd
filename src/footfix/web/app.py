"""The app factory: ``create_app(settings)`` builds one FastAPI app with its one store.

Pages are server-rendered (Jinja2, autoescape on) and work without JavaScript; ``/static`` holds
the CSS, a few lines of plain JS, the vendored htmx, the manifest and the icons; ``/api/v1`` is
the REST API with its generated OpenAPI schema at ``/api/v1/openapi.json``.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from footfix import __version__
from footfix.web import errors
from footfix.web.deps import AppState
from footfix.web.headers import BodyLimit, SecurityHeaders
from footfix.web.metrics import RequestMetrics
from footfix.web.settings import WebSettings
from footfix.web.templating import make_environment

if TYPE_CHECKING:
    from footfix.services.store_access import Store

STATIC = Path(__file__).parent / "static"


def create_app(settings: WebSettings | None = None, store: Store | None = None) -> FastAPI:
    """The app. Without ``store`` the app opens (and migrates) its own at start-up and closes
    it at shutdown; a given store is the caller's to close."""
    settings = settings or WebSettings()
    secret = settings.secret()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            yield
            return
        from footfix.services.store_access import open_store_for_server

        own = open_store_for_server(settings.store_settings())
        app.state.footfix.store = own
        from footfix.reports.charts import warm_up

        warm_up()  # before the first request: /readyz answers once the charts are loaded
        jobs_thread = None
        from footfix.services.job_broker import broker_url

        if settings.embedded_jobs and broker_url() is None:  # with a broker, workers run them
            from footfix.services.job_worker import InProcessWorker

            jobs_thread = InProcessWorker(own)
            jobs_thread.start()
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
        # what start-up loaded (matplotlib, the knowledge base, the app) lives as long as the
        # process: out of the collector's sight, a full collection pauses about 10 ms, not 100
        gc.freeze()
        try:
            yield
        finally:
            if jobs_thread is not None:
                jobs_thread.stop()
            own.close()

    app = FastAPI(
        title="footfix",
        version=__version__,
        summary="Assessment, plan and recovery tracking for runners with plantar foot pain.",
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI loads scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    app.state.footfix = AppState(settings, secret, store, make_environment())  # type: ignore[arg-type]
    errors.install(app)
    _routes(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    limit, upload_limit = settings.max_request_kb * 1024, settings.max_upload_mb * 1024**2

    def limit_for(path: str) -> int:
        return upload_limit if is_upload_path(path) else limit

    app.add_middleware(errors.CatchAll)
    app.add_middleware(BodyLimit, limit_for=limit_for)
    app.add_middleware(SecurityHeaders, hsts=lambda scope: _https(settings, scope))
    app.add_middleware(RequestMetrics, access_log=settings.access_log)  # outermost: times all
    return app


def is_upload_path(path: str) -> bool:
    """The routes that take files: the uploads page and the API's runner uploads."""
    if path == "/uploads":
        return True
    parts = path.strip("/").split("/")
    return len(parts) == 5 and parts[:3] == ["api", "v1", "runners"] and parts[4] == "uploads"


def _https(settings: WebSettings, scope: Scope) -> bool:
    return bool(settings.https) if settings.https is not None else scope.get("scheme") == "https"


def _routes(app: FastAPI) -> None:
    from footfix.web import (
        account_pages,
        auth_pages,
        clinician_pages,
        export_pages,
        health,
        metrics,
        outcome_pages,
        pages,
        runner_pages,
        upload_pages,
    )

    for module in (
        pages,
        health,
        metrics,
        auth_pages,
        account_pages,
        clinician_pages,
        runner_pages,
        export_pages,
        outcome_pages,
        upload_pages,
    ):
        app.include_router(module.router)
    from footfix.web import api

    app.include_router(api.router)
