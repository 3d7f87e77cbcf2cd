"""Hypothesis strategies that build case files straight from the case-file model, so that every
field, range and enumeration of the contract is exercised without a hand-kept copy of it."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

from annotated_types import Ge, Le
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from footfix.intake.case_model import CaseFile

SKIP = {"case_format", "expected", "extensions"}


def _bounds(meta: list[Any]) -> tuple[float, float]:
    lo, hi = -1e6, 1e6
    for m in meta:
        items = m.metadata if isinstance(m, FieldInfo) else [m]
        for item in items:
            if isinstance(item, Ge):
                lo = float(item.ge)  # type: ignore[arg-type]
            if isinstance(item, Le):
                hi = float(item.le)  # type: ignore[arg-type]
    return lo, hi


def strategy(ann: Any, meta: list[Any] | None = None) -> st.SearchStrategy[Any]:
    meta = meta or []
    origin = get_origin(ann)
    if origin is typing.Annotated:
        base, *more = get_args(ann)
        return strategy(base, meta + more)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(ann) if a is not type(None)]
        return st.one_of([strategy(a, meta) for a in options])
    if ann is bool:
        return st.booleans()
    if ann in (int, float):
        lo, hi = _bounds(meta)
        return (
            st.floats(min_value=lo, max_value=min(hi, 1e4), allow_nan=False)
            .map(lambda x: round(x, 1))
            .filter(lambda x: lo <= x <= hi)
        )
    if ann is str:
        return st.text(max_size=30)
    if origin is Literal:
        return st.sampled_from(get_args(ann))
    if origin is list:
        (inner,) = get_args(ann)
        unique = get_origin(inner) is Literal
        return st.lists(strategy(inner), max_size=4, unique=unique)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        optional = {
            name: strategy(f.annotation, list(f.metadata))
            for name, f in ann.model_fields.items()
            if name not in SKIP
        }
        return st.fixed_dictionaries({}, optional=optional)
    raise TypeError(f"no strategy for {ann!r}")


def any_case() -> st.SearchStrategy[dict[str, Any]]:
    return strategy(CaseFile).map(lambda d: {"case_format": 1, **d})


def leaf_paths() -> list[tuple[str, Any, tuple[float, float] | None]]:
    """(dotted path, annotation, numeric bounds) for every scalar leaf of the model."""
    out: list[tuple[str, Any, tuple[float, float] | None]] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, f in model.model_fields.items():
            if name in SKIP:
                continue
            path = f"{prefix}.{name}" if prefix else name
            options = [a for a in get_args(f.annotation) or (f.annotation,) if a is not type(None)]
            first = options[0]
            inner = get_args(first)[0] if get_origin(first) is typing.Annotated else first
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                if not inner.__name__.startswith("PerSide"):
                    walk(inner, path)
                continue
            bounds = _bounds(list(get_args(first)[1:])) if inner in (int, float) else None
            out.append((path, inner, bounds))

    walk(CaseFile, "")
    return out
