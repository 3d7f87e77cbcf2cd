"""Save an assessment for a tracked runner: an immutable snapshot, a plan version, the phase.

Called by ``footfix assess CASE --save --runner NAME``. Everything is written in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json

from footfix.domain.result import AssessmentResult
from footfix.intake.case_model import CaseFile
from footfix.services import audit
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.plain_words import phase_title
from footfix.store import assessments_repo, runners_repo
from footfix.store.store import Store


def save_assessment(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    case: CaseFile,
    result: AssessmentResult,
    *,
    on: dt.date | None = None,
) -> int:
    """Store the case and result for an existing runner; returns the assessment's id.

    Raises :class:`footfix.store.errors.RunnerNotFound` when the actor has no such runner: runners
    are added on purpose (``footfix runner add``), never as a side effect of a typo.
    """
    from footfix.services.tracking import now_utc, runner_today

    now = now_utc()
    with store.write() as conn:
        runner = find_runner(conn, actor, runner_ref, lock=True)
        assessment_id, uid = assessments_repo.add_assessment(
            conn,
            runner.id,
            created_at=now,
            knowledge_version=result.knowledge_version,
            phase=result.phase,
            case_json=case.model_dump_json(exclude_none=True),
            result_json=result.model_dump_json(),
            **actor.decided_by(),
        )
        plan_id = assessments_repo.runner_plan(conn, runner.id, now)
        items = [item.model_dump(mode="json") for item in result.plan]
        assessments_repo.add_plan_version(
            conn,
            plan_id,
            created_at=now,
            assessment_uid=uid,
            phase=result.phase,
            items_json=json.dumps({"plan": items, "avoid": [a.id for a in result.avoid]}),
            reason=f"plan from assessment {uid}",
            **actor.decided_by(),
        )
        learnt: dict[str, object] = {}
        if _points_to_bone_stress(result) and not runner.bone_stress:
            learnt["bone_stress"] = True  # from now on any loading pain steps back
        severity = _severity(result)
        if severity and not runner.severity:
            learnt["severity"] = severity  # sets the expected timeline the tracker checks
        side = case.patient.painful_side if case.patient else None
        if side and not runner.painful_side:
            learnt["painful_side"] = side
        runners_repo.update_profile(conn, runner.id, **learnt)
        day = on or runner_today(runner)
        history = runners_repo.phase_history(conn, runner.id)
        current = history[-1].to_phase if history else None
        if current != result.phase:
            reasons = list(result.phase_because) or [
                f"the assessment placed the runner in {phase_title(result.phase).lower()}"
            ]
            runners_repo.add_phase_change(
                conn,
                runner.id,
                effective_date=day,
                evidence_from=day,
                from_phase=current,
                to_phase=result.phase,
                reasons=[*reasons, f"assessment {uid}"],
                source="assessment",
                recorded_at=now,
                **actor.decided_by(),
            )
            audit.record_in(
                conn, actor, "phase_changed", runner_uid=runner.uid, detail=f"to {result.phase}"
            )
        audit.record_in(conn, actor, "assessment_saved", runner_uid=runner.uid, detail=uid)
    return assessment_id


def _severity(result: AssessmentResult) -> str | None:
    """mild (about 3 weeks), severe (bone or a tear), otherwise moderate (6-12 weeks)."""
    timeline = result.expected_timeline_id
    if not timeline:
        return None
    if timeline == "mild":
        return "mild"
    return "severe" if timeline in ("bone", "bone_suspected", "rupture") else "moderate"


def _points_to_bone_stress(result: AssessmentResult) -> bool:
    """The leading tissue is a bone stress injury."""
    top = result.tissues[0] if result.tissues else None
    return top is not None and top.id.endswith("stress_fracture") and top.score >= 0.5
