"""The exam-findings form, read off the case format's ``exam`` section and the knowledge base.

Field names, kinds, sides and the allowed range come from :class:`footfix.intake.case_model.Exam`;
the norms shown beside a measurement are the knowledge base's threshold findings on that field
("Knee-to-wall under 9 cm ..."). Nothing here is clinical logic: a saved form is a new case file,
assessed by the same service as every other case. Lists (palpation sites, squat faults) and the
muscle tests are not on the form; a saved form keeps whatever the case already had for them.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import ValidationError

from footfix.intake.case_model import CaseFile, Exam
from footfix.knowledge.case_fields import case_fields
from footfix.knowledge.kb import load_default
from footfix.services.accounts import FieldProblems

Kind = Literal["number", "enum", "bool"]
SIDES = ("left", "right")
_UNITS = {"cm": "cm", "deg": "degrees", "mm": "mm", "s": "seconds", "reps": "repetitions"}


@dataclass(frozen=True)
class ExamField:
    name: str  # the key in the case's exam section
    label: str
    kind: Kind
    sided: bool
    choices: tuple[str, ...] = ()
    low: float | None = None  # the case format's allowed range
    high: float | None = None
    unit: str = ""
    norms: tuple[str, ...] = ()  # the knowledge base's thresholds on this field, in words

    def inputs(self) -> tuple[str, ...]:
        """The form's input names for this field."""
        if self.sided:
            return tuple(f"exam.{self.name}.{side}" for side in SIDES)
        return (f"exam.{self.name}",)


def _bounds(annotation: Any) -> tuple[float | None, float | None]:
    low: float | None = None
    high: float | None = None
    for outer in getattr(annotation, "__metadata__", ()):
        for meta in (outer, *getattr(outer, "metadata", ())):  # a pydantic Field holds Ge/Le
            for attr in ("ge", "gt"):
                low = getattr(meta, attr, None) if hasattr(meta, attr) else low
            for attr in ("le", "lt"):
                high = getattr(meta, attr, None) if hasattr(meta, attr) else high
    for arg in typing.get_args(annotation):
        inner_low, inner_high = _bounds(arg)
        low = inner_low if inner_low is not None else low
        high = inner_high if inner_high is not None else high
    return low, high


def _label(name: str) -> tuple[str, str]:
    words = name.split("_")
    unit = _UNITS.get(words[-1], "")
    if unit and len(words) > 1:
        words = words[:-1]
    text = " ".join(words).replace("mmt", "muscle test")
    return text[:1].upper() + text[1:], unit


@cache
def exam_fields() -> tuple[ExamField, ...]:
    """Measurements first, then tests with named results, then yes/no observations."""
    kb = load_default()
    out: list[ExamField] = []
    for info in case_fields():
        section, _, name = info.path.partition(".")
        if section != "exam" or "." in name or info.kind not in ("number", "enum", "bool"):
            continue
        low, high = _bounds(Exam.model_fields[name].annotation)
        label, unit = _label(name)
        norms = tuple(
            f.title
            for f in kb.numeric_findings.get(info.path, [])
            if any(v is not None for v in (f.match.lt, f.match.le, f.match.gt, f.match.ge))
        )
        out.append(
            ExamField(
                name,
                label,
                info.kind,
                info.sided,
                info.values,
                low,
                high,
                unit if info.kind == "number" else "",
                norms,
            )
        )
    order = {"number": 0, "enum": 1, "bool": 2}
    return tuple(sorted(out, key=lambda f: order[f.kind]))


def form_values(case: Mapping[str, Any]) -> dict[str, str]:
    """The form's inputs filled from a case: a bare value is the painful foot's."""
    exam = case.get("exam") or {}
    painful = (case.get("patient") or {}).get("painful_side")
    values: dict[str, str] = {}
    for field in exam_fields():
        given = exam.get(field.name)
        if given is None:
            continue
        if not field.sided:
            values[f"exam.{field.name}"] = _text(given)
            continue
        if not isinstance(given, dict):
            sides = (painful,) if painful in SIDES else SIDES
            given = dict.fromkeys(sides, given)
        for side in SIDES:
            if given.get(side) is not None:
                values[f"exam.{field.name}.{side}"] = _text(given[side])
    return values


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parse(field: ExamField, raw: str) -> tuple[Any, str | None]:
    """The value of one input, or a message saying what is wrong with it."""
    text = raw.strip()
    if field.kind == "bool":
        if text not in ("yes", "no"):
            return None, "choose yes, no or not examined"
        return text == "yes", None
    if field.kind == "enum":
        if text not in field.choices:
            return None, f"choose one of: {', '.join(field.choices)}"
        return text, None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None, f"{text[:40]!r} is not a number"
    unit = f" {field.unit}" if field.unit else ""
    if not math.isfinite(number):
        return None, "must be a finite number"
    if (field.low is not None and number < field.low) or (
        field.high is not None and number > field.high
    ):
        return None, f"must be between {_text(field.low)} and {_text(field.high)}{unit}"
    return number, None


def apply_form(case: Mapping[str, Any], form: Mapping[str, str]) -> CaseFile:
    """The case with the form's exam findings in place of the old ones, validated as a whole.

    Raises :class:`FieldProblems` (a message per input, or for the form) and changes nothing
    when any value is wrong. An empty input means "not examined" and removes the old value.
    """
    problems: dict[str, str] = {}
    exam = dict(case.get("exam") or {})
    for field in exam_fields():
        found: dict[str, Any] = {}
        for name in field.inputs():
            raw = str(form.get(name, "")).strip()
            if not raw:
                continue
            value, problem = _parse(field, raw)
            if problem:
                problems[name] = problem
            else:
                found[name.rsplit(".", 1)[-1] if field.sided else "value"] = value
        exam.pop(field.name, None)
        if found:
            exam[field.name] = found if field.sided else found["value"]
    if problems:
        raise FieldProblems(problems)
    merged = {**case, "exam": exam or None}
    try:
        return CaseFile.model_validate({k: v for k, v in merged.items() if v is not None})
    except ValidationError as err:
        raise FieldProblems({"_form": _first(err)}) from err


def _first(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"the findings do not fit together: {message}" + (f" ({where})" if where else "")
