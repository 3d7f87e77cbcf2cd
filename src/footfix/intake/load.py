"""Read case files (YAML or JSON) into validated ``CaseFile`` objects."""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from footfix.intake.case_model import CaseFile
from footfix.intake.errors import IntakeError, describe_validation_error

MAX_CASE_BYTES = 2_000_000


@cache
def allowed_fields() -> dict[str, list[str]]:
    """Field names allowed under each dotted parent path, for 'did you mean' hints."""
    out: dict[str, list[str]] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        out[prefix] = list(model.model_fields)
        for name, field in model.model_fields.items():
            ann = field.annotation
            for candidate in getattr(ann, "__args__", (ann,)):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    if candidate.__name__.startswith("PerSide"):
                        inner = candidate.model_fields["left"].annotation
                        candidate = next(
                            (
                                a
                                for a in getattr(inner, "__args__", ())
                                if isinstance(a, type) and issubclass(a, BaseModel)
                            ),
                            None,
                        )
                        if candidate is None:
                            continue
                    walk(candidate, f"{prefix}.{name}" if prefix else name)

    walk(CaseFile, "")
    return out


def _set_aside_metadata(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Unknown top-level entries are metadata (a source, a title): keep them aside, unread.

    One that looks like a misspelt section (``histroy``) is an error instead, so that a typo
    never silently drops a runner's answers.
    """
    known = set(CaseFile.model_fields)
    unknown = [k for k in data if k not in known]
    if not unknown:
        return data
    typos = []
    for key in unknown:
        close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.75)
        if close:
            typos.append(f"{key}: unknown section (did you mean '{close[0]}'?)")
    if typos:
        raise IntakeError(source, typos)
    kept = {k: v for k, v in data.items() if k in known}
    kept["extensions"] = {**(data.get("extensions") or {}), **{k: data[k] for k in unknown}}
    return kept


def parse_case(data: Any, source: str = "case") -> CaseFile:
    """Validate an already-parsed mapping."""
    if not isinstance(data, dict):
        raise IntakeError(
            source, [f"the file should hold a mapping of fields, not {type(data).__name__}"]
        )
    if "case_format" not in data:
        raise IntakeError(source, ["case_format: required field is missing (use case_format: 1)"])
    if data.get("case_format") != 1:
        raise IntakeError(
            source, [f"case_format: {data.get('case_format')!r} is not supported (allowed: 1)"]
        )
    data = _set_aside_metadata(data, source)
    try:
        return CaseFile.model_validate(data)
    except ValidationError as err:
        raise IntakeError(source, describe_validation_error(err, allowed_fields())) from None


def parse_case_text(text: str, source: str = "case") -> CaseFile:
    """Parse YAML or JSON text (JSON is valid YAML, but try it first for clearer errors)."""
    stripped = text.lstrip()
    try:
        data = json.loads(text) if stripped.startswith("{") else yaml.safe_load(text)
    except json.JSONDecodeError as err:
        raise IntakeError(source, [f"not valid JSON: {err.msg} at line {err.lineno}"]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "syntax error"
        raise IntakeError(source, [f"not valid YAML: {problem}{where}"]) from None
    return parse_case(data, source)


def load_case(path: Path | str) -> CaseFile:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_CASE_BYTES:
            raise IntakeError(str(p), [f"file is {size} bytes; a case file is at most 2 MB"])
        raw = p.read_bytes()
    except FileNotFoundError:
        raise IntakeError(str(p), ["file not found"]) from None
    except IsADirectoryError:
        raise IntakeError(str(p), ["is a folder, not a case file"]) from None
    except PermissionError:
        raise IntakeError(str(p), ["cannot be read (permission denied)"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IntakeError(str(p), ["is not a text file (expected YAML or JSON in UTF-8)"]) from None
    return parse_case_text(text, str(p))
