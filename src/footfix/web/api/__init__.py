"""The REST API under ``/api/v1``: personal access tokens, one error shape, paginated lists."""

from __future__ import annotations

from fastapi import APIRouter

from footfix.web.api import assess, exports, records, runners, tokens, uploads

router = APIRouter(prefix="/api/v1")
for module in (runners, assess, records, exports, tokens, uploads):
    router.include_router(module.router)
