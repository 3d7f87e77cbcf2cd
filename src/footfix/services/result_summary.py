"""An assessment's "This week", in plain words: the few things to do now, before any table.

``footfix assess CASE`` opens with it and the web's result page shows the same lines, so a
person reads one summary wherever they look. Every text passes through
:func:`plain_words.plain`: no internal id reaches a reader.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from footfix.domain.result import AssessmentResult, UnknownOut
from footfix.services.plain_words import (
    REFERRAL_WORDS,
    RELATION_WORDS,
    SCREEN_OPEN_WORDS,
    WARNING_SIGN_TEST,
    phase_description,
    phase_title,
    plain,
)

# The phases whose week has no running in it (tracking.allowance says the same, phase by phase).
NO_RUNNING = frozenset({"refer_first", "protect_unload", "rehab_no_running"})
EXERCISES_SHOWN = 3
SHORT_RELATION = {
    "same": "the painful foot's side",
    "opposite": "the other leg",
    "both": "both legs",
    "n/a": "",
}
# The push-off law once, in place of the long relation words on every cause.
PUSH_OFF = "The other leg matters: " + RELATION_WORDS["opposite"].split(": ", 1)[1] + "."
CRITERIA_SHOWN = 3


class ResultSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    headline: str  # the referral (or the open warning-sign screen), first
    screen_unanswered: list[str]  # warning signs not asked yet, in words
    urgent: bool
    most_likely: str | None
    causes: list[str]
    phase_title: str
    phase_meaning: str
    this_week: list[str]  # the few things to do, most important first
    next_step: str | None
    still_to_do: list[str]
    next_test: str | None


def summarise(result: AssessmentResult) -> ResultSummary:
    screen_open = result.referral == "none" and bool(result.red_flag_screen_unanswered)
    headline = SCREEN_OPEN_WORDS if screen_open else REFERRAL_WORDS[result.referral]
    top = result.tissues[0] if result.tissues else None
    causes = [
        plain(c.title)
        + ("" if c.side == "n/a" else f" ({c.side} side, {SHORT_RELATION[c.relation]})")
        for c in result.root_causes[:3]
    ]
    if any(c.relation == "opposite" for c in result.root_causes[:3]):
        causes.append(PUSH_OFF)
    week: list[str] = []
    if result.referral in ("urgent", "emergency"):
        week.append(plain(result.red_flags[0].action) if result.red_flags else headline)
    focus = [p for p in result.plan if p.session == "focus"] or list(result.plan)
    if focus:
        names = ", ".join(plain(p.title) for p in focus[:EXERCISES_SHOWN])
        more = len(focus) - EXERCISES_SHOWN
        week.append(f"Exercises: {names}" + (f" and {more} more." if more > 0 else "."))
    if result.assessed:
        week.append(
            "No running this week."
            if result.phase in NO_RUNNING
            else f"Running as this phase allows: {phase_description(result.phase)}"
        )
    if result.avoid:
        week.append(
            "Leave out for now: " + ", ".join(plain(a.title) for a in result.avoid[:3]) + "."
        )
    gate = result.next_gate
    unmet = [c for c in gate.criteria if c not in gate.met]
    next_test = result.unknowns[0] if result.unknowns else None
    return ResultSummary(
        headline=headline,
        screen_unanswered=[plain(i) for i in result.red_flag_screen_unanswered]
        if screen_open
        else [],
        urgent=result.referral in ("urgent", "emergency"),
        most_likely=f"{plain(top.title)} ({top.likelihood})" if top else None,
        causes=causes,
        phase_title=phase_title(result.phase),
        phase_meaning=phase_description(result.phase),
        this_week=week,
        next_step=phase_title(gate.phase) if gate.phase else None,
        still_to_do=[plain(c) for c in unmet[:CRITERIA_SHOWN]],
        next_test=_next_test(next_test) if next_test else None,
    )


def _next_test(unknown: UnknownOut) -> str:
    text = plain(unknown.question)
    if unknown.kind == "red_flag_screen":  # never read as one more optional test
        text += f" ({WARNING_SIGN_TEST})"
    return text
