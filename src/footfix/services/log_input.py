"""Turn raw log fields into a validated :class:`DayLog`, with messages that name the problem."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from footfix.services.errors import InvalidLogEntry
from footfix.tracking.log_entry import DayLog

_ALLOWED_HINTS = {
    "less_than_equal": "allowed: up to {le}",
    "greater_than_equal": "allowed: {ge} or more",
    "greater_than": "allowed: more than {gt}",
    "less_than": "allowed: less than {lt}",
}


def validate_log(fields: dict[str, Any]) -> DayLog:
    try:
        return DayLog.model_validate(fields)
    except ValidationError as err:
        raise InvalidLogEntry(
            "the log entry was not saved: fix these and try again",
            [_describe(e) for e in err.errors()],
        ) from err


def merge_correction(previous: DayLog, changes: dict[str, Any]) -> DayLog:
    """A correction keeps what it does not mention; lists given replace the old lists."""
    merged = previous.model_dump()
    merged.update({k: v for k, v in changes.items() if v is not None and v != ()})
    return validate_log(merged)


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "entry"
    value = error.get("input")
    hint = _ALLOWED_HINTS.get(error["type"], "")
    context = error.get("ctx") or {}
    try:
        hint = hint.format(**context)
    except (KeyError, IndexError):
        hint = ""
    shown = "" if isinstance(value, dict) else f" (got {value!r})"
    return f"{where}{shown}: {error['msg']}" + (f"; {hint}" if hint else "")
