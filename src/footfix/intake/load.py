"""Read case files (YAML or JSON) into validated ``CaseFile`` objects."""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from footfix.domain.limits import DEFAULT_LIMITS
from footfix.intake.case_model import CaseFile
from footfix.intake.errors import IntakeError, describe_validation_error

MAX_CASE_BYTES = DEFAULT_LIMITS.case_max_bytes


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
    version = data.get("case_format")
    if type(version) is not int or version != 1:  # true and 1.0 equal 1 in Python: not here
        raise IntakeError(source, [f"case_format: {version!r} is not supported (allowed: 1)"])
    data = _set_aside_metadata(data, source)
    try:
        return CaseFile.model_validate(data)
    except ValidationError as err:
        raise IntakeError(source, describe_validation_error(err, allowed_fields())) from None


class _CaseLoader(yaml.SafeLoader):
    """Safe YAML that refuses duplicate keys and bounds alias use and nesting (see the limits)."""

    aliases = 0
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > DEFAULT_LIMITS.yaml_max_aliases:
                raise _Refused(f"more than {DEFAULT_LIMITS.yaml_max_aliases} aliases (*name)")
        self.depth += 1
        try:
            if self.depth > DEFAULT_LIMITS.document_max_depth:
                raise _Refused(f"nested deeper than {DEFAULT_LIMITS.document_max_depth} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, list | dict) or key in seen:
                line = key_node.start_mark.line + 1
                raise _Refused(f"the key {str(key)[:60]!r} appears twice (line {line})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _Refused(ValueError):
    """A case document past a limit, or ambiguous (a duplicate key)."""


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"the key {key[:60]!r} appears twice")
        out[key] = value
    return out


MAX_VALUES = 200_000  # values in a case once aliases are expanded (a real case has a few hundred)


def _check_tree(data: Any) -> None:
    """Nesting, size once aliases are expanded, text sizes and lone surrogates (JSON can carry
    ``\\ud800``; text cannot)."""
    limits = DEFAULT_LIMITS
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while stack:
        value, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise _Refused(f"it expands to more than {MAX_VALUES} values (an alias bomb?)")
        if depth > limits.document_max_depth:
            raise _Refused(f"nested deeper than {limits.document_max_depth} levels")
        if isinstance(value, str):
            if len(value) > limits.text_max_chars:
                raise _Refused(
                    f"a text of {len(value)} characters (at most {limits.text_max_chars})"
                )
            if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
                raise _Refused("a text holding a lone surrogate (not valid Unicode)")
        elif isinstance(value, dict):
            stack.extend((k, depth + 1) for k in value)
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def parse_case_text(text: str, source: str = "case") -> CaseFile:
    """Parse YAML or JSON text (JSON is valid YAML, but try it first for clearer errors)."""
    stripped = text.lstrip()
    try:
        if stripped.startswith("{"):
            data = json.loads(text, object_pairs_hook=_json_object)
        else:
            data = yaml.load(text, Loader=_CaseLoader)
        _check_tree(data)
    except json.JSONDecodeError as err:
        raise IntakeError(source, [f"not valid JSON: {err.msg} at line {err.lineno}"]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "syntax error"
        raise IntakeError(source, [f"not valid YAML: {problem}{where}"]) from None
    except _Refused as err:
        raise IntakeError(source, [f"refused: {err}"]) from None
    except RecursionError:
        raise IntakeError(source, ["refused: nested too deeply to read"]) from None
    except (ValueError, OverflowError) as err:  # e.g. an integer of more than 4,300 digits
        raise IntakeError(source, [f"a value cannot be read: {str(err)[:200]}"]) from None
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
