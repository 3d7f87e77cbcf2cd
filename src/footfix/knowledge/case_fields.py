"""The leaves of the case-file model: which fields exist, which are sided, which values."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from footfix.intake.case_model import CaseFile, Distance

# Values computed from the case rather than typed into it (see findings/extract.py).
VIRTUAL_FIELDS = frozenset({"patient.bmi", "training.max_weekly_rise_pct"})


@dataclass(frozen=True)
class FieldInfo:
    path: str
    kind: Literal["bool", "enum", "enum_list", "number", "distance", "text", "text_list"]
    sided: bool
    values: tuple[str, ...] = ()


def _strip_optional(ann: Any) -> tuple[Any, ...]:
    origin = get_origin(ann)
    if origin in (typing.Union, types.UnionType):
        return tuple(a for a in get_args(ann) if a is not type(None))
    return (ann,)


def _is_per_side(ann: Any) -> bool:
    return isinstance(ann, type) and ann.__name__.startswith("PerSide[")


def _base(ann: Any) -> Any:
    while get_origin(ann) is typing.Annotated:
        ann = get_args(ann)[0]
    return ann


def _classify(ann: Any) -> tuple[str, tuple[str, ...], Any]:
    ann = _base(ann)
    origin = get_origin(ann)
    if ann is bool:
        return "bool", (), None
    if ann in (int, float):
        return "number", (), None
    if ann is str:
        return "text", (), None
    if origin is Literal:
        return "enum", tuple(str(a) for a in get_args(ann)), None
    if origin is list:
        (inner,) = get_args(ann)
        inner = _base(inner)
        if get_origin(inner) is Literal:
            return "enum_list", tuple(str(a) for a in get_args(inner)), None
        if inner is str:
            return "text_list", (), None
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return "model_list", (), inner
    if isinstance(ann, type) and issubclass(ann, Distance):
        return "distance", (), None
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return "model", (), ann
    return "other", (), None


@cache
def case_fields() -> tuple[FieldInfo, ...]:
    out: list[FieldInfo] = []

    def walk(model: type[BaseModel], prefix: str, sided_parent: bool) -> None:
        for name, field in model.model_fields.items():
            if name in {"case_format", "expected", "id", "extensions"}:
                continue
            path = f"{prefix}.{name}" if prefix else name
            options = _strip_optional(field.annotation)
            sided = sided_parent or any(_is_per_side(a) for a in options)
            plain = [a for a in options if not _is_per_side(a)]
            kinds = [_classify(a) for a in plain]
            kind, values, inner = kinds[0]
            if kind == "enum" and len(kinds) > 1 and kinds[1][0] == "enum_list":
                kind = "enum_list"  # e.g. trunk: one value or a list
            if kind in {"model", "model_list"}:
                if inner is Distance:
                    out.append(FieldInfo(path, "distance", sided))
                else:
                    walk(inner, path, sided)
                continue
            if kind == "other":
                continue
            out.append(FieldInfo(path, kind, sided, values))  # type: ignore[arg-type]

    walk(CaseFile, "", False)
    return tuple(out)


@cache
def sided_paths() -> frozenset[str]:
    return frozenset(f.path for f in case_fields() if f.sided)


@cache
def model_list_paths() -> frozenset[str]:
    """Fields holding a list of records (``history.training_changes``): leaves are per item."""
    out: set[str] = set()

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            path = f"{prefix}.{name}" if prefix else name
            for ann in _strip_optional(field.annotation):
                kind, _, inner = _classify(ann)
                if kind == "model_list":
                    out.add(path)
                if kind in {"model", "model_list"} and inner is not Distance:
                    walk(inner, path)

    walk(CaseFile, "")
    return frozenset(out)
