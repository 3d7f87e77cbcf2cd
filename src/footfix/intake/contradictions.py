"""Statements in a case file that cannot both be true."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from footfix.intake.case_model import CaseFile


def _per_side_lists(value: Any) -> dict[str, set[str]]:
    if value is None:
        return {}
    if isinstance(value, list):
        return {"painful": set(value)}
    return {
        side: set(getattr(value, side) or [])
        for side in ("left", "right")
        if getattr(value, side) is not None
    }


def find_contradictions(case: CaseFile) -> list[str]:
    """Each contradiction as 'field: what clashes'."""
    problems: list[str] = []
    p, h, e = case.patient, case.history, case.exam
    if p and p.worse_side and p.painful_side and p.painful_side != "both":
        problems.append(
            f"patient.worse_side: '{p.worse_side}' is only meaningful when painful_side is "
            f"'both' (painful_side is '{p.painful_side}')"
        )
    if h:
        nrs = h.pain_nrs
        if h.first_step_pain is True and nrs and nrs.morning == 0:
            problems.append(
                "history.first_step_pain: true contradicts history.pain_nrs.morning: 0 "
                "(first-step pain needs a morning pain above 0)"
            )
        if nrs and nrs.worst is not None and nrs.typical is not None and nrs.typical > nrs.worst:
            problems.append(
                f"history.pain_nrs.typical: {nrs.typical:g} is higher than worst: {nrs.worst:g}"
            )
        both = set(h.associated or []) & set(h.associated_absent or [])
        if both:
            problems.append(
                "history.associated_absent: "
                f"{sorted(both)} also listed in history.associated (present and absent at once)"
            )
        run = h.currently_running
        if run and run.running is False:
            if run.sessions_per_week:
                problems.append(
                    "history.currently_running.sessions_per_week: "
                    f"{run.sessions_per_week:g} while running: false"
                )
            if run.pain_during is not None and run.pain_during > 0 and run.running is False:
                pass  # pain during the last runs may still be reported
        if run and run.running is True and run.weeks_since_last_run:
            problems.append(
                "history.currently_running.weeks_since_last_run: "
                f"{run.weeks_since_last_run:g} while running: true"
            )
        if h.weight_bearing == "unable" and (h.walk_stand_tolerance_min or 0) > 10:
            problems.append(
                "history.walk_stand_tolerance_min: "
                f"{h.walk_stand_tolerance_min:g} while weight_bearing: unable"
            )
        if h.status == "resolved" and nrs and (nrs.typical or 0) >= 4:
            problems.append(
                f"history.status: 'resolved' with history.pain_nrs.typical: {nrs.typical:g}"
            )
    if e:
        tender = _per_side_lists(e.palpation_tender)
        not_tender = _per_side_lists(e.palpation_not_tender)
        for side, sites in tender.items():
            clash = sites & not_tender.get(side, set())
            if clash:
                where = "" if side == "painful" else f" ({side})"
                problems.append(
                    f"exam.palpation_not_tender: {sorted(clash)} also listed as tender{where}"
                )
    return problems
