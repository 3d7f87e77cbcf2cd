"""Liveness and readiness, for a load balancer or an orchestrator.

``/healthz`` (in ``pages``) says the process answers; ``/readyz`` says it can do its work: the
database reachable and migrated, the broker reachable when one is configured. Neither needs a
session, and neither says anything about anyone's data.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from footfix.services.readiness import readiness
from footfix.web.deps import get_store

router = APIRouter(include_in_schema=False)


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    checks = await run_in_threadpool(readiness, get_store(request))
    ready = all(value == "ok" for value in checks.values())
    body = {"status": "ready" if ready else "not ready", "checks": checks}
    return JSONResponse(body, status_code=200 if ready else 503)
