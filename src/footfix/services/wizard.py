"""Use case: the guided assessment in a browser, one question per screen.

The same interview as ``footfix interview`` (``kb/interview.yaml`` walked by
:class:`services.interview.InterviewSession`); a page posts one form per step and this module
turns the form's fields into the typed answer the session reads, so the web layer only parses
and shows. The session's ``state()`` is the draft an interface keeps after every step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from footfix.services.interview import InterviewSession, InvalidAnswer
from footfix.services.plain_words import plain

Action = Literal["answer", "dont_know", "skip", "back", "none_of_these"]
ACTIONS: tuple[str, ...] = Action.__args__  # type: ignore[attr-defined]
CM_PER_INCH = 2.54
# The terminal's section intros name keys to type (`?`, `dk`, `none`): a page has buttons.
_TYPING = re.compile(r"[^.]*\b(type|typed?)\b[^.]*\.\s*", re.IGNORECASE)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Choice(_Model):
    value: str
    label: str


class WizardStep(_Model):
    question_id: str
    kind: str  # choice, choices, yesno, present, number, pair, distance, text
    section: str
    section_intro: str | None  # shown on the first question of a section
    prompt: str
    help: str | None
    why: str
    how_to: str | None
    options: list[Choice]
    allow_none: bool
    low: float
    high: float
    unit: str | None  # distance: km or mi; a pair in cm: cm or in
    screen: bool  # a warning sign: "none of these" offers the whole list
    current: str | None  # the stored answer, in words (after back)
    number: int  # this question's place, 1-based
    total: int  # questions answered plus those still to come that apply now
    can_go_back: bool

    @property
    def percent(self) -> int:
        return round(100 * (self.number - 1) / max(self.total, 1))


def new_draft() -> dict[str, Any]:
    return InterviewSession().state()


def current_step(
    draft: Mapping[str, Any], units: str = "km", length: str = "cm"
) -> WizardStep | None:
    return step_of(InterviewSession.resume(draft), units, length)


def step_of(session: InterviewSession, units: str = "km", length: str = "cm") -> WizardStep | None:
    """The session's next question as a page shows it; ``None`` when nothing is left."""
    step = session.next_step()
    if step is None:
        return None
    q = step.question
    unit: str | None = None
    if q.kind == "distance":
        unit = units
    elif q.kind == "pair" and q.field.endswith("_cm"):
        unit = length
    intro = _TYPING.sub("", step.section.intro or "").strip() or None
    return WizardStep(
        question_id=q.id,
        kind=q.kind,
        section=step.section.title,
        section_intro=intro if step.asked == 0 or _first_of_section(session, q.id) else None,
        prompt=_web_prompt(q.prompt),
        help=q.help,
        why=q.why,
        how_to=q.how_to,
        options=[Choice(value=o.value, label=plain(o.label)) for o in q.options],
        allow_none=q.allow_none,
        low=q.low,
        high=q.high,
        unit=unit,
        screen=q.screen,
        current=session.shown_value(q.id),
        number=step.asked + 1,
        total=step.asked + step.remaining,
        can_go_back=bool(session.asked),
    )


def _first_of_section(session: InterviewSession, question_id: str) -> bool:
    section = session.question(question_id).section
    return not any(session.question(a).section == section for a in session.asked)


def _web_prompt(prompt: str) -> str:
    # "(e.g. '10 8')", "(e.g. '30 km' or '20 mi')": the page has a box per side and a unit
    prompt = re.sub(r"\s*\(e\.g\. '[^)]*\)", "", prompt)
    return re.sub(r"\s*\([^)]*comma-separated[^)]*\)", "", prompt)  # boxes to tick instead


def submit(
    draft: Mapping[str, Any],
    question_id: str,
    action: str,
    form: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    """The draft after one step; :class:`InvalidAnswer` (nothing changed) when the answer does
    not fit, its message phrased for the field."""
    if action not in ACTIONS:
        raise InvalidAnswer(f"unknown action '{action}'")
    session = InterviewSession.resume(draft)
    step = session.next_step()
    if action == "back":
        session.back()
        return session.state()
    if step is None or step.question.id != question_id:
        # an old tab or a double post: show the current question again, change nothing
        return session.state()
    if action == "dont_know":
        session.dont_know(question_id)
    elif action == "skip":
        session.skip(question_id)
    elif action == "none_of_these":
        session.none_of_these(question_id)
    else:
        session.answer(question_id, typed_answer(step.question.kind, form, step.question.field))
    return session.state()


def typed_answer(kind: str, form: Mapping[str, Sequence[str]], field: str = "") -> str:
    """A form's fields as the text a runner would type in the terminal."""

    def one(name: str) -> str:
        values = form.get(name) or [""]
        return str(values[0]).strip()

    if kind == "choices":
        chosen = [str(v) for v in form.get("answer", []) if str(v).strip()]
        return ", ".join(chosen) if chosen else "none"
    if kind == "pair":
        left, right = one("left"), one("right")
        if not left or not right:
            raise InvalidAnswer("give a number for each side, left and right")
        if one("unit") == "in" and field.endswith("_cm"):
            left, right = (_inches_to_cm(v) for v in (left, right))
        return f"{left} {right}"
    if kind == "distance":
        amount, unit = one("answer"), one("unit") or "km"
        if not amount:
            raise InvalidAnswer("give a distance, or press Don't know")
        return f"{amount} {unit}"
    answer = one("answer")
    if not answer and kind != "text":
        raise InvalidAnswer("choose an answer, or press Don't know or Skip")
    return answer


def _inches_to_cm(text: str) -> str:
    try:
        return f"{float(text.replace(',', '.')) * CM_PER_INCH:.1f}"
    except ValueError:
        raise InvalidAnswer("give a number for each side") from None


def answered(draft: Mapping[str, Any]) -> int:
    return len(draft.get("asked", []))


def finished_case(draft: Mapping[str, Any], case_id: str) -> dict[str, Any]:
    return InterviewSession.resume(draft).finished_case(case_id)
