"""Errors of the intake package: each message names the field, the value and what is allowed."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from footfix.errors import FootfixError


class IntakeError(FootfixError):
    """A case file could not be read; ``problems`` lists one line per issue."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems), problems)


def _path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        text = str(item)
        # pydantic names union branches and generics in the location; users never wrote them
        if text.startswith(("PerSide[", "function-", "constrained-")) or text in {
            "float",
            "bool",
            "str",
            "list[str]",
            "int",
        }:
            continue
        if text.startswith(("literal[", "list[")) or text[:1].isupper():
            continue  # union branches are named after types; users never wrote them
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + text)
    return "".join(parts)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _suggest(field: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(field, allowed, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def describe_validation_error(
    err: ValidationError, allowed_fields: dict[str, list[str]]
) -> list[str]:
    """Turn pydantic's errors into one readable line each, without duplicates."""
    lines: list[str] = []
    seen: set[str] = set()
    items = err.errors(include_url=False)
    locs = [_path(tuple(item["loc"])) for item in items]
    for item, loc in zip(items, locs, strict=True):
        deeper = any(o != loc and o.startswith((loc + ".", loc + "[")) for o in locs)
        if deeper and isinstance(item.get("input"), (dict, list)):
            continue  # the per-side branch below says exactly what is wrong
        kind = item["type"]
        value = item.get("input")
        if kind == "extra_forbidden":
            parent, _, name = loc.rpartition(".")
            parent = parent.removesuffix(".left").removesuffix(".right")
            hint = _suggest(name, allowed_fields.get(parent, []))
            allowed = ", ".join(allowed_fields.get(parent, [])[:40])
            msg = f"{loc}: unknown field '{name}'{hint}; allowed here: {allowed}"
        elif kind == "value_error":
            msg = str(item["msg"]).removeprefix("Value error, ")
        elif kind in {"model_type", "dict_type"} and isinstance(value, (int, float, str, bool)):
            msg = f"{loc}: {_short(value)} should be a mapping of fields"
        elif kind == "missing":
            msg = f"{loc}: required field is missing"
        else:
            msg = f"{loc or '(top level)'}: {_short(value)} is not allowed: {item['msg']}"
        key = loc + "|" + kind
        # a sided field tries the bare and the per-side form: keep the first message per field
        if loc in seen and kind not in {"extra_forbidden"}:
            continue
        seen.add(loc)
        if key not in lines:
            lines.append(msg)
    return lines
