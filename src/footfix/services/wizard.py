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
from footfix.services.plain_words import plain, sentence

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
    current: str | None  # the stored answer, in words (after back: the answer given earlier)
    boxes: dict[str, str]  # what the form's boxes hold: answer, left, right, unit
    chosen: list[str]  # the options ticked
    number: int  # this question's place, 1-based
    total: int  # questions answered plus those still to come that apply now
    can_go_back: bool

    @property
    def percent(self) -> int:
        return round(100 * (self.number - 1) / max(self.total, 1))


def new_draft() -> dict[str, Any]:
    return InterviewSession().state()


Form = Mapping[str, Sequence[str]]
EARLIER = "earlier"  # the draft's answers undone by Back, shown when their question is again


def current_step(
    draft: Mapping[str, Any], units: str = "km", length: str = "cm", typed: Form | None = None
) -> WizardStep | None:
    """The draft's next question; ``typed``: the form just refused, its boxes kept as typed."""
    earlier = draft.get(EARLIER)
    earlier = earlier if isinstance(earlier, dict) else {}
    return step_of(InterviewSession.resume(draft), units, length, typed=typed, earlier=earlier)


def step_of(
    session: InterviewSession,
    units: str = "km",
    length: str = "cm",
    *,
    typed: Form | None = None,
    earlier: Mapping[str, str] | None = None,
) -> WizardStep | None:
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
    current = session.shown_value(q.id) or (earlier or {}).get(q.id)
    boxes, chosen = _entered(q.kind, current, typed)
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
        current=current,
        boxes=boxes,
        chosen=chosen,
        number=step.asked + 1,
        total=step.asked + step.remaining,
        can_go_back=bool(session.asked),
    )


def _entered(
    kind: str, current: str | None, typed: Form | None
) -> tuple[dict[str, str], list[str]]:
    """The boxes' text and the ticked options: as typed when refused, else the stored answer."""
    if typed is not None:
        boxes = {k: str(typed[k][0]) for k in ("answer", "left", "right", "unit") if typed.get(k)}
        return boxes, [str(v) for v in typed.get("answer", [])]
    if current is None:
        return {}, []
    if kind == "distance":
        amount, _, unit = current.partition(" ")
        return {"answer": amount, "unit": unit}, []
    if kind == "pair":  # stored in cm
        left, _, right = (v if v != "None" else "" for v in current.partition(" "))
        return {"left": left, "right": right, "unit": "cm"}, []
    if kind in ("number", "text"):
        return {"answer": current}, []
    return {}, current.split(", ")


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
        raise InvalidAnswer(f"Unknown action '{action}'.")
    session = InterviewSession.resume(draft)
    step = session.next_step()
    kept = draft.get(EARLIER)
    earlier = dict(kept) if isinstance(kept, dict) else {}
    if action == "back":
        was = session.shown_value(session.asked[-1]) if session.asked else None
        undone = session.back()
        if undone is not None and was is not None:
            earlier[undone.id] = was  # shown again, ticked or typed, when it is asked again
        return _with(session.state(), earlier)
    if step is None or step.question.id != question_id:
        # an old tab or a double post: show the current question again, change nothing
        return _with(session.state(), earlier)
    try:
        if action == "dont_know":
            session.dont_know(question_id)
        elif action == "skip":
            session.skip(question_id)
        elif action == "none_of_these":
            session.none_of_these(question_id)
        else:
            q = step.question
            session.answer(question_id, typed_answer(q.kind, form, q.field))
    except InvalidAnswer as err:
        raise InvalidAnswer(sentence(str(err))) from None
    if action != "skip":
        earlier.pop(question_id, None)
    return _with(session.state(), earlier)


def _with(state: dict[str, Any], earlier: Mapping[str, str]) -> dict[str, Any]:
    return {**state, EARLIER: dict(earlier)} if earlier else state


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
