"""Small helpers for HTML forms: field errors, safe redirects, choices."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from fastapi.responses import RedirectResponse

from footfix.errors import FootfixError


def field_errors(err: FootfixError) -> dict[str, str]:
    """Errors keyed by form field (``_form`` for the form as a whole)."""
    fields = getattr(err, "fields", None)
    if isinstance(fields, dict):
        return {str(k): str(v) for k, v in fields.items()}
    return {"_form": str(err)}


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a path on this site (never ``//host`` or a scheme): no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


@cache
def timezones() -> list[str]:
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
    return ["UTC", *zones]
