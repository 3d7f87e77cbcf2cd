"""The report use case: everything a printed or on-screen report shows, gathered in one value.

``footfix report`` and (later) the web app's plan and patient pages call these functions, then
hand the :class:`ReportContent` to ``footfix.reports`` to render as HTML or PDF. Nothing here
formats a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from footfix.domain.result import AssessmentResult
from footfix.domain.units import format_distance
from footfix.knowledge.kb import KnowledgeBase, load_default
from footfix.knowledge.pose_models import Figure
from footfix.services.charts import ProgressChart, progress_chart
from footfix.services.errors import ServiceError
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.outcomes import OutcomeReport
from footfix.services.runner_record import is_exercise
from footfix.store import assessments_repo, runners_repo
from footfix.store.store import Store
from footfix.tracking.report import ProgressReport

MAX_NOTE_CHARS = 4000  # a clinician's note: a paragraph or two, never a pasted record


@dataclass(frozen=True)
class Clinician:
    """Who made or reviewed the plan; shown on the report when given."""

    name: str
    notes: str = ""


@dataclass(frozen=True)
class ExerciseCard:
    id: str
    title: str
    categories: tuple[str, ...]
    side: str
    dose: str  # as the plan states it: the runner's units and sides
    because: tuple[str, ...]
    purpose: str
    steps: tuple[str, ...]
    figure: Figure | None
    session: str  # "focus" or "later"
    exercise: bool = True  # done as sets and repetitions; else advice (runner_record.is_exercise)


@dataclass(frozen=True)
class LadderRung:
    step: int
    run_min: float
    walk_min: float
    repeats: int
    cap: str  # the longest outing, in the runner's units


MEANING = {
    "improved": "yes: improved",
    "worse": "yes: worse",
    "within_mcid": "no: within the MCID",
    "not_comparable": "not comparable",
}


@dataclass(frozen=True)
class OutcomeLine:
    abbreviation: str
    title: str
    scale: str
    mcid: float
    points: tuple[tuple[dt.date, float, str], ...]  # (day, score, phase title)
    change: str
    meaningful: str  # whether the change reaches the MCID, in words


@dataclass(frozen=True)
class ReportContent:
    subject: str  # the runner's name, or the case's id
    made_on: dt.date
    units: str
    result: AssessmentResult
    phase_title: str
    cards: tuple[ExerciseCard, ...]
    ladder: tuple[LadderRung, ...]
    progress: ProgressReport | None = None
    chart: ProgressChart | None = None  # what the progress chart shows (services.charts)
    clinician: Clinician | None = None
    phase_titles: dict[str, str] = field(default_factory=dict)
    outcomes: OutcomeReport | None = None  # PSFS, SANE and pain against time and their MCID

    @property
    def advice_cards(self) -> tuple[ExerciseCard, ...]:
        """The plan's advice (who to see, rest, shoes, running cues): nothing to do as sets."""
        return tuple(c for c in self.cards if not c.exercise)

    @property
    def exercise_cards(self) -> tuple[ExerciseCard, ...]:
        """The plan's exercises, done as sets and repetitions, today's focus first."""
        return tuple(c for c in self.cards if c.exercise)

    @property
    def outcome_rows(self) -> list[OutcomeLine]:
        """One line per measure with a record: its values over time and the change's meaning."""
        if self.outcomes is None:
            return []
        rows = []
        for m in self.outcomes.measures:
            if not m.points:
                continue
            shown = () if m.collected == "daily_log" else m.points  # pain: every day, see chart
            change = m.change
            rows.append(
                OutcomeLine(
                    m.abbreviation,
                    m.title,
                    f"{m.range[0]:g}–{m.range[1]:g}, {m.better} is better",
                    m.mcid,
                    tuple(
                        (p.day, p.score, self.phase_titles.get(p.phase or "", "")) for p in shown
                    ),
                    change.sentence if change else "one record so far: nothing to compare yet",
                    MEANING[change.verdict] if change else "not yet",
                )
            )
        return rows

    @property
    def referral_text(self) -> str:
        """The referral line; "none" is never said while the red-flag screen is incomplete."""
        r = self.result
        if r.referral == "none" and r.red_flag_screen_unanswered:
            return "none found so far, but the red-flag screen is incomplete"
        return {
            "none": "none needed on this evidence",
            "routine": "routine: see a clinician in the coming weeks",
            "urgent": "urgent: see a clinician within days",
            "emergency": "emergency: get medical help now",
        }[r.referral]


def _cards(result: AssessmentResult, kb: KnowledgeBase) -> tuple[ExerciseCard, ...]:
    cards = []
    for item in result.plan:
        entry = kb.exercises.get(item.id)
        cards.append(
            ExerciseCard(
                id=item.id,
                title=item.title,
                categories=tuple(item.categories),
                side=item.side,
                dose=item.dose,
                because=tuple(item.because),
                purpose=entry.purpose if entry else "",
                steps=tuple(entry.steps) if entry else (),
                figure=entry.figure if entry else None,
                session=item.session,
                exercise=is_exercise(item),
            )
        )
    return tuple(cards)


def _ladder(kb: KnowledgeBase, units: str) -> tuple[LadderRung, ...]:
    steps = kb.phases.progression.run_walk_ladder
    return tuple(
        LadderRung(
            i,
            s.run_min,
            s.walk_min,
            s.repeats,
            format_distance(s.cap.km, units) if units == "km" else f"{s.cap.mi:g} mi",
        )
        for i, s in enumerate(steps, 1)
    )


def _clinician(clinician: Clinician | None) -> Clinician | None:
    if clinician is None:
        return None
    name = clinician.name.strip()
    if not name or len(name) > 120:
        raise ServiceError("a clinician's name needs 1–120 characters")
    if len(clinician.notes) > MAX_NOTE_CHARS:
        raise ServiceError(f"clinician notes are limited to {MAX_NOTE_CHARS} characters")
    return Clinician(name, clinician.notes.strip())


def build_content(
    subject: str,
    result: AssessmentResult,
    *,
    made_on: dt.date,
    progress: ProgressReport | None = None,
    clinician: Clinician | None = None,
    outcomes: OutcomeReport | None = None,
    bone_stress: bool = False,
) -> ReportContent:
    """``bone_stress``: the tracked runner's profile says so (no pain with loading is fine)."""
    kb = load_default()
    titles: dict[str, str] = {p.id: p.title for p in kb.phases.phases}
    return ReportContent(
        subject=subject,
        made_on=made_on,
        units=result.units,
        result=result,
        phase_title=titles.get(result.phase, result.phase),
        cards=_cards(result, kb),
        ladder=_ladder(kb, result.units),
        progress=progress,
        chart=(
            progress_chart(progress, result.units, bone_stress=bone_stress)
            if progress is not None
            else None
        ),
        clinician=_clinician(clinician),
        phase_titles=titles,
        outcomes=outcomes,
    )


def report_for_case(
    path: Path, *, made_on: dt.date | None = None, clinician: Clinician | None = None
) -> ReportContent:
    """A report of a case file alone: the assessment and plan, no tracking."""
    from footfix.services.assessment import assess_file

    case, result = assess_file(path)
    subject = case.id or path.stem
    return build_content(subject, result, made_on=made_on or dt.date.today(), clinician=clinician)


def report_for_runner(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    *,
    made_on: dt.date | None = None,
    clinician: Clinician | None = None,
) -> ReportContent:
    """A tracked runner's latest assessment and plan, with their progress so far."""
    from footfix.services.outcomes import report_on
    from footfix.services.tracking import progress_on, runner_today

    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        saved = assessments_repo.list_assessments(conn, runner.id)
        if not saved:
            raise ServiceError(
                f"{runner.name} has no saved assessment yet",
                [f"assess a case first: footfix assess CASE.yaml --save --runner {runner.name}"],
            )
        day = made_on or runner_today(runner)
        progress = (
            progress_on(conn, runner, day) if runners_repo.phase_history(conn, runner.id) else None
        )
        outcomes = report_on(conn, runner, day)
    # the plan's doses were stated in the assessment's units, so the report keeps those
    result = AssessmentResult.model_validate_json(saved[-1].result_json)
    return build_content(
        runner.name,
        result,
        made_on=day,
        progress=progress,
        clinician=clinician,
        outcomes=outcomes,
        bone_stress=runner.bone_stress,
    )
