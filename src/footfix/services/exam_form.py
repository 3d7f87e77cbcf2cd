"""The exam-findings form, read off the case format's ``exam`` section and the knowledge base.

Field names, kinds, sides and the allowed range come from :class:`footfix.intake.case_model.Exam`;
the norms shown beside a measurement are the knowledge base's threshold findings on that field
("Knee-to-wall under 9 cm ..."). Nothing here is clinical logic: a saved form is a new case file,
assessed by the same service as every other case. List fields (palpation sites, reduced
sensation, restricted mobility, squat faults) are checkbox groups per side, one input per choice
(``exam.palpation_tender.left.sesamoids``); the muscle tests (``strength_mmt``) and self-tests
are fields one level down. A checkbox group's "examined: none of these" box (the side's own
input, value ``none``) records an empty list, distinct from not examined (no value). The hop test's
side sits above its two numbers (``exam.hop_test.left.hops``); its inputs are named like the other
sided numbers' (``exam.hop_test.hops.left``).
"""

from __future__ import annotations

import math
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from footfix.intake.case_model import CaseFile, Exam
from footfix.knowledge.case_fields import case_fields
from footfix.knowledge.kb import load_default
from footfix.services.accounts import FieldProblems
from footfix.services.exam_words import choice_label, field_label

Kind = Literal["number", "enum", "bool", "choices"]
SIDES = ("left", "right")
TICKED = ("yes", "on")  # what a ticked checkbox sends
NONE_FOUND = "none"  # a checkbox group's "examined: none of these" box
# the form's sections, in order: (heading, the fields' kind, whether they sit one level down;
# None: in a per-side record, the side above the field)
GROUPS: tuple[tuple[str, str, bool | None], ...] = (
    ("Measurements", "number", False),
    ("Hop test (single leg)", "number", None),
    ("Muscle tests (graded 0 to 5)", "number", True),
    ("Tests", "enum", False),
    ("Self-tests", "enum", True),
    ("Observations", "bool", False),
    ("Where and what was found", "choices", False),
)
_UNITS = {"cm": "cm", "deg": "degrees", "mm": "mm", "s": "seconds", "reps": "repetitions"}


@dataclass(frozen=True)
class ExamField:
    name: str  # the path in the case's exam section: "windlass", "strength_mmt.hip_flexors"
    label: str
    kind: Kind
    sided: bool
    choices: tuple[str, ...] = ()
    low: float | None = None  # the case format's allowed range
    high: float | None = None
    unit: str = ""
    norms: tuple[str, ...] = ()  # the knowledge base's thresholds on this field, in words
    group: str = ""
    choice_labels: tuple[str, ...] = ()  # plain words for each of ``choices``
    side_above: bool = False  # in a per-side record: hop_test.left.hops

    def case_path(self, side: str) -> str:
        """Where one side's value sits in the exam section."""
        if self.side_above:
            record, _, leaf = self.name.rpartition(".")
            return f"{record}.{side}.{leaf}"
        return f"{self.name}.{side}"

    def inputs(self) -> tuple[str, ...]:
        """The form's input names for this field (a checkbox group's: one per side)."""
        if self.sided:
            return tuple(f"exam.{self.name}.{side}" for side in SIDES)
        return (f"exam.{self.name}",)

    def options(self) -> tuple[tuple[str, str], ...]:
        """(value, label) for each choice."""
        return tuple(zip(self.choices, self.choice_labels, strict=True))


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


def _model_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The record a field holds, and whether it is a per-side pair of such records."""
    found: type[BaseModel] | None = None
    sided = False
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            if arg.__name__.startswith("PerSide["):
                sided = True
            else:
                found = arg
    return found, sided


def _annotation(path: str) -> tuple[Any, bool]:
    """The case model's annotation of ``path`` under exam (None: not one the form holds), and
    whether it sits in a per-side record (the hop test's numbers)."""
    model: type[BaseModel] = Exam
    *parents, last = path.split(".")
    side_above = False
    for part in parents:
        inner, sided_record = _model_in(model.model_fields[part].annotation)
        if inner is None or side_above:
            return None, False
        side_above = sided_record
        model = inner
    return model.model_fields[last].annotation, side_above


def _group(kind: str, nested: bool | None) -> str:
    for heading, group_kind, group_nested in GROUPS:
        if (group_kind, group_nested) == (kind, nested):
            return heading
    return ""


@cache
def exam_fields() -> tuple[ExamField, ...]:
    """Grouped as :data:`GROUPS` orders them, each group in the case format's order."""
    kb = load_default()
    out: list[ExamField] = []
    for info in case_fields():
        section, _, name = info.path.partition(".")
        kind = "choices" if info.kind == "enum_list" else info.kind
        if section != "exam" or kind not in ("number", "enum", "bool", "choices"):
            continue
        annotation, side_above = _annotation(name)
        group = _group(kind, None if side_above else "." in name)
        if annotation is None or not group:
            continue
        low, high = _bounds(annotation)
        label, unit = _label(name.rsplit(".", 1)[-1])
        norms = tuple(
            f.title
            for f in kb.numeric_findings.get(info.path, [])
            if any(v is not None for v in (f.match.lt, f.match.le, f.match.gt, f.match.ge))
        )
        out.append(
            ExamField(
                name,
                field_label(name, label),
                kind,
                info.sided,
                info.values,
                low,
                high,
                unit if kind == "number" else "",
                norms,
                group,
                tuple(choice_label(v) for v in info.values) if kind == "choices" else (),
                side_above,
            )
        )
    order = {heading: i for i, (heading, _kind, _nested) in enumerate(GROUPS)}
    return tuple(sorted(out, key=lambda f: order[f.group]))


def _get(exam: Mapping[str, Any], path: str) -> Any:
    value: Any = exam
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _put(exam: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` (None removes it, and an emptied parent record with it)."""
    *parents, last = path.split(".")
    if not parents:
        exam.pop(last, None)
        if value is not None:
            exam[last] = value
        return
    head = parents[0]
    inner = dict(exam.get(head) or {})
    _put(inner, ".".join([*parents[1:], last]), value)
    exam.pop(head, None)
    if inner:
        exam[head] = inner


Key = tuple[ExamField, str]  # a field and its side ("" when it is not sided)


def findings(case: Mapping[str, Any]) -> dict[Key, Any]:
    """The case's exam values per field and side, normalised: a bare value of a sided field is
    the painful foot's (both feet's when the side is not known), a list in the form's order."""
    exam = case.get("exam") or {}
    painful = (case.get("patient") or {}).get("painful_side")
    out: dict[Key, Any] = {}
    for field in exam_fields():
        record, _, leaf = field.name.rpartition(".")
        given = _get(exam, record if field.side_above else field.name)
        if given is None:
            continue
        if not field.sided:
            out[(field, "")] = given
            continue
        if not (isinstance(given, dict) and set(given) <= set(SIDES)):
            sides = (painful,) if painful in SIDES else SIDES
            given = dict.fromkeys(sides, given)
        for side in SIDES:
            found = given.get(side)
            if field.side_above:
                found = _get(found or {}, leaf)
            if found is None:
                continue
            if field.kind == "choices":
                found = [c for c in field.choices if c in found]
            out[(field, side)] = found
    return out


def form_values(case: Mapping[str, Any]) -> dict[str, str]:
    """The form's inputs filled from a case: a bare value is the painful foot's."""
    values: dict[str, str] = {}
    for (field, side), found in findings(case).items():
        name = f"exam.{field.name}.{side}" if side else f"exam.{field.name}"
        if field.kind == "choices" and not found:  # examined: none of these
            values[name] = NONE_FOUND
        elif field.kind == "choices":
            values |= {f"{name}.{v}": "yes" for v in found}
        else:
            values[name] = _text(found)
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


def _ticked(field: ExamField, side_input: str, form: Mapping[str, str]) -> tuple[list[str], str]:
    """The choices ticked in one side's checkbox group, or a message for a box that is wrong."""
    prefix = f"{side_input}."
    ticked: list[str] = []
    for name, raw in form.items():
        if not name.startswith(prefix):
            continue
        value = name.removeprefix(prefix)
        if value not in field.choices:
            return [], "one of the ticked boxes is not on this list"
        if str(raw).strip() not in TICKED:
            return [], "a box is either ticked or left empty"
        ticked.append(value)
    return [c for c in field.choices if c in ticked], ""


def _read(field: ExamField, form: Mapping[str, str], problems: dict[str, str]) -> Any:
    """The field's new value from the form (None: not examined); problems by input name."""
    found: dict[str, Any] = {}
    for name in field.inputs():
        value: Any
        problem: str | None
        if field.kind == "choices":
            value, problem = _ticked(field, name, form)
            none_found = str(form.get(name, "")).strip()
            if none_found and none_found != NONE_FOUND:
                problem = "a box is either ticked or left empty"
            elif none_found and value:
                problem = "a finding is ticked and also 'examined: none of these'"
            elif not value and not problem and not none_found:
                continue
        else:
            raw = str(form.get(name, "")).strip()
            if not raw:
                continue
            value, problem = _parse(field, raw)
        if problem:
            problems[name] = problem
        else:
            found[name.rsplit(".", 1)[-1] if field.sided else "value"] = value
    if not found:
        return None
    return found if field.sided else found["value"]


def _clash(exam: Mapping[str, Any], problems: dict[str, str]) -> None:
    """A spot ticked both tender and not tender on one side, said next to the second list."""
    tender = _get(exam, "palpation_tender") or {}
    calm = _get(exam, "palpation_not_tender") or {}
    if not (isinstance(tender, dict) and isinstance(calm, dict)):
        return  # the form always writes both per side
    for side in SIDES:
        both = set(tender.get(side) or ()) & set(calm.get(side) or ())
        if both:
            where = ", ".join(choice_label(s) for s in sorted(both))
            problems[f"exam.palpation_not_tender.{side}"] = f"also ticked as tender: {where}"


def apply_form(case: Mapping[str, Any], form: Mapping[str, str]) -> CaseFile:
    """The case with the form's exam findings in place of the old ones, validated as a whole.

    Raises :class:`FieldProblems` (a message per input, or for the form) and changes nothing
    when any value is wrong. An empty input (no box ticked) means "not examined" and removes
    the old value; a checkbox group's "examined: none of these" is an empty list.
    """
    problems: dict[str, str] = {}
    exam = dict(case.get("exam") or {})
    fields = exam_fields()
    for record in {f.name.rpartition(".")[0] for f in fields if f.side_above}:
        exam.pop(record, None)  # the form holds all of it, per side
    for field in fields:
        value = _read(field, form, problems)
        if not field.side_above:
            _put(exam, field.name, value)
            continue
        for side in SIDES:
            _put(exam, field.case_path(side), (value or {}).get(side))
    _clash(exam, problems)
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
