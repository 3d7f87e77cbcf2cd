"""Use cases behind the runner's pages: finish the wizard into a saved assessment, the latest
result with "the next test to do", a test result entered and re-assessed, the plan as cards
grouped by the method's steps, the assessment history, and the day log form's values.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from footfix.domain.result import AssessmentResult, PlanItemOut
from footfix.errors import NotFound
from footfix.intake.case_model import CaseFile
from footfix.knowledge.kb import load_default
from footfix.services import wizard
from footfix.services.assessment import assess_case
from footfix.services.assessments import save_assessment
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.interview import InterviewSession, questions_for_fields
from footfix.services.log_input import LogInput
from footfix.services.plain_words import category_title, phase_title, plain
from footfix.services.tracking import runner_today
from footfix.store import assessments_repo, logs_repo
from footfix.store.store import Store
from footfix.tracking.log_entry import DayLog

# The method's steps, in the order the plan page shows them; other kinds of item follow.
METHOD_STEPS = ("mobility", "strength", "efficiency", "unloading", "return_to_run")
OTHER_STEPS = ("referral", "education", "plyometrics", "load")
# An exercise is a movement done on its own, logged as sets and repetitions: an item of the
# method's movement steps, unless it is done within a run, worn, or is care (a clinician,
# reading). The rest of the plan (rest, shoes, taping, running cues, referral) is advice.
EXERCISE_STEPS = frozenset({"mobility", "strength", "plyometrics", "efficiency"})
NOT_EXERCISE_REGIONS = frozenset({"running", "footwear", "care"})


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class NextTest(_Model):
    """An unknown of the result as a test the runner can do and enter."""

    question_id: str
    title: str  # the question
    why: str
    how_to: str
    step: wizard.WizardStep  # the form to show (kind, options, limits, unit)
    warning_sign: bool = False  # its answer can change the referral (a red-flag screen)


class ExerciseCard(_Model):
    id: str
    title: str
    dose: str
    side: str | None
    why: list[str]
    purpose: str
    steps: list[str]
    progression: str
    regression: str
    later: bool  # not in today's focused session
    exercise: bool  # done as sets and repetitions (else advice: nothing to log as sets)


class PlanGroup(_Model):
    title: str
    cards: list[ExerciseCard]
    advice: bool  # its cards are advice, not exercises


class HistoryRow(_Model):
    uid: str
    created_at: dt.datetime
    phase_title: str
    referral: str
    top_tissue: str | None


Ref = RunnerRef | None  # None: the actor's own (only) runner


def _latest_row(store: Store, actor: Actor, ref: Ref) -> assessments_repo.AssessmentRow | None:
    with store.read() as conn:
        runner = find_runner(conn, actor, ref)
        rows = assessments_repo.list_assessments(conn, runner.id)
    return rows[-1] if rows else None


def finish_wizard(
    store: Store, actor: Actor, ref: Ref, draft: Mapping[str, Any], case_id: str
) -> tuple[CaseFile, AssessmentResult]:
    """The wizard's answers as a case file (format 1), assessed and saved for the runner."""
    case = CaseFile.model_validate(wizard.finished_case(draft, case_id))
    result = assess_case(case)
    save_assessment(store, actor, _ref(store, actor, ref), case, result)
    return case, result


def _ref(store: Store, actor: Actor, ref: Ref) -> RunnerRef:
    """A concrete reference (the services that write take one)."""
    if ref is not None:
        return ref
    from footfix.services.identity import RunnerUid

    with store.read() as conn:
        return RunnerUid(find_runner(conn, actor, None).uid)


def latest(store: Store, actor: Actor, ref: Ref) -> tuple[CaseFile, AssessmentResult] | None:
    row = _latest_row(store, actor, ref)
    if row is None:
        return None
    case = CaseFile.model_validate_json(row.case_json)
    return case, AssessmentResult.model_validate_json(row.result_json)


def case_text(store: Store, actor: Actor, ref: Ref) -> str:
    """The latest case file as YAML, for the runner to download and keep."""
    import yaml

    found = latest(store, actor, ref)
    if found is None:
        raise NotFound("no assessment yet: answer the questions first")
    data = found[0].model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def next_tests(
    case: CaseFile, result: AssessmentResult, units: str = "km", limit: int = 3
) -> list[NextTest]:
    """The result's unknowns a runner can settle alone, most useful first, with their form."""
    clinician_only = set(load_default().interview.clinician_only)
    data = case.model_dump(mode="json", exclude_none=True)
    out: list[NextTest] = []
    for unknown in result.unknowns:
        if unknown.id in clinician_only:
            continue
        for q in questions_for_fields([unknown.id]):
            session = InterviewSession(data, only=[q.id])
            step = wizard.step_of(session, units)
            if step is None or any(t.question_id == q.id for t in out):
                continue
            out.append(
                NextTest(
                    question_id=q.id,
                    title=step.prompt,
                    why=unknown.why,
                    how_to=q.how_to or unknown.how_to or "",
                    step=step,
                    warning_sign=unknown.kind == "red_flag_screen",
                )
            )
            break
        if len(out) >= limit:
            break
    return out


def record_test(
    store: Store,
    actor: Actor,
    ref: Ref,
    question_id: str,
    action: str,
    form: Mapping[str, Sequence[str]],
) -> AssessmentResult:
    """Enter one result (or "don't know") into the latest case and re-assess; saved."""
    found = latest(store, actor, ref)
    if found is None:
        raise NotFound("no assessment yet: answer the questions first")
    case, _old = found
    data = case.model_dump(mode="json", exclude_none=True)
    session = InterviewSession(data, only=[question_id])
    step = session.next_step()
    if step is None:
        raise NotFound("that question is already answered: re-assess from the start instead")
    if action == "dont_know":
        session.dont_know(question_id)
    else:
        q = step.question
        session.answer(question_id, wizard.typed_answer(q.kind, form, q.field))
    updated = CaseFile.model_validate(session.finished_case())
    result = assess_case(updated)
    save_assessment(store, actor, _ref(store, actor, ref), updated, result)
    return result


def is_exercise(item: PlanItemOut) -> bool:
    """Whether the runner does this item as sets and repetitions (else it is advice)."""
    known = load_default().exercises.get(item.id)
    region = known.region if known else "care"
    return bool(EXERCISE_STEPS & set(item.categories)) and region not in NOT_EXERCISE_REGIONS


def plan_groups(plan: Sequence[PlanItemOut]) -> list[PlanGroup]:
    """The plan's items as cards, under the first method step each belongs to, the exercises
    apart from the advice (a step can hold both: a drill and a cue for the run)."""
    exercises = load_default().exercises
    groups: dict[tuple[bool, str], list[ExerciseCard]] = {}
    for item in plan:
        step = next((s for s in (*METHOD_STEPS, *OTHER_STEPS) if s in item.categories), None)
        exercise = is_exercise(item)
        key = (not exercise, step or (item.categories[0] if item.categories else "other"))
        known = exercises.get(item.id)
        groups.setdefault(key, []).append(
            ExerciseCard(
                id=item.id,
                title=item.title,
                dose=item.dose,
                side=None if item.side == "n/a" else item.side,
                why=[plain(b) for b in item.because],
                purpose=known.purpose if known else "",
                steps=list(known.steps) if known else [],
                progression=known.progression if known else "",
                regression=known.regression if known else "",
                later=item.session == "later",
                exercise=exercise,
            )
        )
    order = [*METHOD_STEPS, *OTHER_STEPS]
    keys = sorted(groups, key=lambda k: (k[0], order.index(k[1]) if k[1] in order else len(order)))
    return [PlanGroup(title=category_title(k[1]), cards=groups[k], advice=k[0]) for k in keys]


def log_choices(
    plan: Sequence[PlanItemOut], limit: int = 8
) -> tuple[list[ExerciseCard], list[str]]:
    """The day log's exercises to tick (today's, with sets and repetitions) and the titles of
    today's advice, shown beside them with nothing to log."""
    cards = [c for g in plan_groups(plan) for c in g.cards if not c.later]
    return [c for c in cards if c.exercise][:limit], [c.title for c in cards if not c.exercise]


def history(store: Store, actor: Actor, ref: Ref) -> list[HistoryRow]:
    with store.read() as conn:
        runner = find_runner(conn, actor, ref)
        rows = assessments_repo.list_assessments(conn, runner.id)
    out = []
    for row in reversed(rows):
        result = json.loads(row.result_json)
        tissues = result.get("tissues") or []
        out.append(
            HistoryRow(
                uid=row.uid,
                created_at=row.created_at,
                phase_title=phase_title(row.phase),
                referral=str(result.get("referral", "")),
                top_tissue=str(tissues[0]["title"]) if tissues else None,
            )
        )
    return out


def day_log(
    store: Store, actor: Actor, ref: Ref, day: dt.date | None = None
) -> tuple[dt.date, DayLog | None, str]:
    """The day the form is for (today in the runner's zone by default), its current log, and
    the runner's distance unit."""
    with store.read() as conn:
        runner = find_runner(conn, actor, ref)
        day = day or runner_today(runner)
        logs = logs_repo.current_logs(conn, runner.id, since=day)
    found = next((log for log in logs if log.day == day), None)
    return day, found, runner.units


def units(store: Store, actor: Actor, ref: Ref) -> str:
    with store.read() as conn:
        return find_runner(conn, actor, ref).units


def log_day(
    store: Store,
    actor: Actor,
    ref: Ref,
    entry: LogInput,
    *,
    correct: bool,
) -> None:
    from footfix.services.tracking import log_day as log

    reason = "corrected on the web" if correct else None
    log(store, actor, _ref(store, actor, ref), entry, correct=correct, correction_reason=reason)
