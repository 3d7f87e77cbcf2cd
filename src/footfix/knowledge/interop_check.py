"""Cross-checks of the outcome measures, FHIR codes and calendar pattern against the rest of
the knowledge base (run by ``footfix kb check``)."""

from __future__ import annotations

from footfix.knowledge.interop_models import Coding
from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.models import Category
from footfix.tracking.log_entry import RETEST_KINDS

# the watch-activity and log values the export writes (each needs a quantity entry)
EXPORTED_VALUES = (
    "log.first_step_pain_nrs",
    "log.pain_during_nrs",
    "log.pain_after_nrs",
    "log.walk_stand_tolerance_min",
    "log.run_distance_km",
    "activity.moving_min",
    "activity.distance_m",
)
ALLOWANCE_RUNS_PER_WEEK = (3, 4, 5)  # tracking.allowance: flat return, hills, full training


def check_interop(kb: KnowledgeBase) -> list[str]:
    errors: list[str] = []
    codes = kb.fhir_codes
    measures = {m.id for m in kb.outcomes.measures}
    if len(measures) != len(kb.outcomes.measures):
        errors.append("outcome_measures.yaml: duplicate measure id")
    for m in kb.outcomes.measures:
        if m.mcid.points > m.range.max - m.range.min:
            errors.append(f"outcome_measures.yaml:{m.id}: MCID larger than the score range")
        if m.chosen_items and m.chosen_items.min_count > m.chosen_items.max_count:
            errors.append(f"outcome_measures.yaml:{m.id}: chosen_items min_count > max_count")
        if m.id not in codes.outcome_measures:
            errors.append(f"fhir_codes.yaml: outcome measure '{m.id}' has no codes")
        if f"outcome.{m.id}" not in codes.quantities:
            errors.append(f"fhir_codes.yaml: outcome measure '{m.id}' has no quantity")
    used: list[tuple[str, Coding]] = []
    for key, quantity in codes.quantities.items():
        used += [(f"quantities.{key}", c) for c in quantity.codes]
    used += [(f"laterality.{k}", c) for k, c in codes.laterality.items()]
    used += [(f"fixed.{k}", c) for k, c in codes.fixed.items()]
    for group in ("tissues", "plan_categories", "outcome_measures"):
        for key, concept in getattr(codes, group).items():
            used += [(f"{group}.{key}", c) for c in concept.codes]
    for where, coding in used:
        if coding.system not in codes.systems:
            errors.append(f"fhir_codes.yaml:{where}: unknown system '{coding.system}'")
    errors += [
        f"fhir_codes.yaml: tissues: unknown tissue '{t}'"
        for t in codes.tissues
        if t not in kb.tissues
    ]
    categories = set(Category.__args__)  # type: ignore[attr-defined]
    errors += [
        f"fhir_codes.yaml: plan_categories: unknown category '{c}'"
        for c in codes.plan_categories
        if c not in categories
    ]
    errors += [
        f"fhir_codes.yaml: outcome_measures: unknown measure '{m}'"
        for m in codes.outcome_measures
        if m not in measures
    ]
    for kind in RETEST_KINDS:
        if f"exam.{kind}" not in codes.quantities and f"retest.{kind}" not in codes.quantities:
            errors.append(f"fhir_codes.yaml: retest '{kind}' has no quantity")
    errors += [
        f"fhir_codes.yaml: '{v}' has no quantity"
        for v in EXPORTED_VALUES
        if v not in codes.quantities
    ]
    for runs in ALLOWANCE_RUNS_PER_WEEK:
        days = kb.schedule.run_days.get(runs)
        if days is None or len(set(days.weekdays)) != runs:
            errors.append(f"schedule.yaml: run_days needs {runs} distinct weekdays for {runs} runs")
    return errors
