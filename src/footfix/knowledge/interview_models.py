"""Schema of ``kb/interview.yaml``: the questions footfix asks a runner, in order.

The conditions of ``ask_if`` / ``skip_if`` are short strings (``FIELD OP VALUE``) parsed here
once; ``footfix kb check`` (see :mod:`footfix.knowledge.interview_check`) makes sure every field
and every enumerated value exists in the case format.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
AnswerKind = Literal["choice", "choices", "yesno", "present", "number", "pair", "distance", "text"]
Op = Literal["==", "!=", "<", ">", "in", "known"]
_COND = re.compile(r"^\s*([a-z0-9_.]+)\s+(==|!=|<|>|in|known)\s*(.*?)\s*$")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Entry):
    value: str
    label: str


class Condition(_Entry):
    """``history.currently_running.running == yes``, ``history.weight_bearing in painful,unable``,
    ``history.walk_stand_tolerance_min < 30`` or ``history.training_changes known``."""

    field: str
    op: Op
    values: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Condition:
        match = _COND.match(text)
        if match is None:
            raise ValueError(f"condition '{text}' is not 'FIELD OP VALUE'")
        path, op, rest = match.groups()
        values = tuple(v.strip() for v in rest.split(",") if v.strip())
        if (op == "known") != (not values) or (op not in ("in", "known") and len(values) != 1):
            raise ValueError(
                f"condition '{text}': '{op}' takes {'no' if op == 'known' else 'a'} value"
            )
        if op in ("<", ">"):
            float(values[0])  # a number, or the schema refuses the file
        return cls(field=path, op=op, values=values)


def _conditions(raw: Any) -> Any:
    if isinstance(raw, list):
        return [Condition.parse(c) if isinstance(c, str) else c for c in raw]
    return raw


def _options(raw: Any) -> Any:
    if isinstance(raw, list):
        return [
            {"value": o, "label": o.replace("_", " ")} if isinstance(o, str) else o for o in raw
        ]
    return raw


class Question(_Entry):
    id: Id
    section: Id
    field: str  # dotted case-file path
    kind: AnswerKind
    prompt: str
    why: str
    value: str | None = None  # kind present: the enumerated value asked about
    options: list[Option] = Field(default_factory=list)
    allow_none: bool = False  # kind choices: `none` is an answer (an empty list)
    low: float = 0
    high: float = 1000
    help: str | None = None  # what the question's words mean
    how_to: str | None = None  # how to do a self-test
    ask_if: list[Condition] = Field(default_factory=list)  # all must hold
    skip_if: list[Condition] = Field(default_factory=list)  # any one skips
    screen: bool = False  # part of the red-flag screen

    _conds = field_validator("ask_if", "skip_if", mode="before")(_conditions)
    _opts = field_validator("options", mode="before")(_options)


class Section(_Entry):
    id: Id
    title: str
    intro: str | None = None


class Interview(_Entry):
    intro: str
    sections: list[Section]
    questions: list[Question] = Field(min_length=1)
    clinician_only: list[str] = Field(default_factory=list)  # unknowns a runner cannot answer
