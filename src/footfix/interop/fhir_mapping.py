"""footfix values → FHIR R4B resources, and nothing else (no store, no files).

Every code and unit comes from ``kb/fhir_codes.yaml`` (:class:`FhirCodes`); this module only
arranges them. Ids are UUIDs derived from the runner and the value (uuid5), so the same data
gives the same bundle, and a re-export updates a record system's resources instead of adding
copies. The bundle is a ``collection``: references are the entries' ``urn:uuid:`` full URLs.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from footfix.domain.result import AssessmentResult, PlanItemOut
from footfix.knowledge.interop_models import Coding, FhirCodes, OutcomeMeasure, QuantityCode
from footfix.tracking.log_entry import DayLog, retest_name

_NAMESPACE = uuid.UUID("5d3c1f8e-2b7a-4c57-9a61-0f00f1c5f1c5")  # footfix's uuid5 namespace
LOG_VALUES = (
    "first_step_pain_nrs",
    "pain_during_nrs",
    "pain_after_nrs",
    "walk_stand_tolerance_min",
)
ACTIVITY_COMPONENTS = (
    "distance_m",
    "avg_heart_rate_bpm",
    "ascent_m",
    "cadence_spm",
    "stance_time_ms",
    "stance_balance_left_pct",
    "vertical_ratio_pct",
    "vertical_oscillation_mm",
    "step_length_mm",
    "running_speed_mps",
)
FINDING_PREFIXES = ("exam.", "gait.", "history.")


@dataclass(frozen=True)
class OutcomeFacts:
    uid: str
    measure: OutcomeMeasure
    day: dt.date
    recorded_at: dt.datetime
    score: float
    items: tuple[tuple[str, float], ...]
    context: str


@dataclass(frozen=True)
class ExportInput:
    """Everything a bundle is made of, read by the service from the store."""

    runner_key: str  # stable per runner (name and creation time)
    runner_name: str
    painful_side: str | None
    generated_at: dt.datetime
    phase: str
    running_allowance: str  # this week's allowance in words
    assessment: AssessmentResult | None = None
    assessed_at: dt.datetime | None = None
    case: Mapping[str, Any] = field(default_factory=dict)
    plan: tuple[PlanItemOut, ...] = ()
    plan_since: dt.datetime | None = None
    logged_exercises: frozenset[str] = frozenset()
    logs: tuple[DayLog, ...] = ()
    activities: tuple[Mapping[str, Any], ...] = ()
    outcomes: tuple[OutcomeFacts, ...] = ()
    tissue_titles: Mapping[str, str] = field(default_factory=dict)


class _Builder:
    def __init__(self, data: ExportInput, codes: FhirCodes) -> None:
        self.data = data
        self.codes = codes
        self.entries: list[dict[str, Any]] = []
        self.patient = self.ref("Patient", "patient")

    def ref(self, kind: str, key: str) -> str:
        return f"urn:uuid:{self.uid(kind, key)}"

    def uid(self, kind: str, key: str) -> str:
        return str(uuid.uuid5(_NAMESPACE, f"{self.data.runner_key}/{kind}/{key}"))

    def add(self, kind: str, key: str, resource: dict[str, Any]) -> str:
        ident = self.uid(kind, key)
        self.entries.append(
            {
                "fullUrl": f"urn:uuid:{ident}",
                "resource": {"resourceType": kind, "id": ident, **resource},
            }
        )
        return f"urn:uuid:{ident}"

    def coding(self, c: Coding) -> dict[str, str]:
        return {"system": self.codes.systems[c.system], "code": c.code, "display": c.display}

    def concept(self, codings: Sequence[Coding], text: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"coding": [self.coding(c) for c in codings]}
        if text:
            out["text"] = text
        return out

    def local(self, system: str, code: str, display: str) -> Coding:
        return Coding(system=system, code=code, display=display)

    def fixed(self, key: str) -> dict[str, Any]:
        return self.concept([self.codes.fixed[key]])

    def quantity(self, q: QuantityCode, value: float) -> dict[str, Any]:
        return {
            "value": value,
            "unit": q.unit.display,
            "system": self.codes.systems["ucum"],
            "code": q.unit.ucum,
        }

    def observation(
        self,
        key: str,
        value_key: str,
        value: float,
        when: dt.date | dt.datetime | None,
        *,
        side: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> str:
        q = self.codes.quantities[value_key]
        resource: dict[str, Any] = {
            "status": "final",
            "category": [self.fixed(f"category_{q.category.replace('-', '_')}")],
            "code": self.concept(q.codes, q.codes[-1].display),
            "subject": {"reference": self.patient},
            "valueQuantity": self.quantity(q, value),
        }
        if when is not None:
            resource["effectiveDateTime"] = when.isoformat()
        if q.category == "activity":
            resource["category"].append(self.fixed("physical_activity"))
        if side in self.codes.laterality:
            resource["bodySite"] = self.concept(
                [self.codes.laterality[side]],
                f"{side} lower limb",
            )
        return self.add("Observation", key, resource | (extra or {}))


def build_bundle(data: ExportInput, codes: FhirCodes) -> Bundle:
    """The runner's record as one validated R4B Bundle."""
    b = _Builder(data, codes)
    patient: dict[str, Any] = {
        "identifier": [{"system": codes.systems["footfix_runner"], "value": data.runner_key}],
        "name": [{"text": data.runner_name}],
        "active": True,
    }
    b.add("Patient", "patient", patient)
    findings = _findings(b)
    conditions = _conditions(b, findings)
    _retests_and_logs(b)
    _activities(b)
    _outcomes(b)
    goals = _goals(b, conditions)
    _care_plan(b, conditions, goals)
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "id": b.uid("Bundle", data.generated_at.isoformat()),
            "type": "collection",
            "timestamp": data.generated_at.isoformat(),
            "entry": b.entries,
        }
    )


def _findings(b: _Builder) -> dict[str, list[str]]:
    """One Observation per measured case value (per side); returns field → references."""
    out: dict[str, list[str]] = {}
    when = b.data.assessed_at or b.data.generated_at
    for key in b.codes.quantities:
        if not key.startswith(FINDING_PREFIXES):
            continue
        for side, value in _values(b.data.case, key):
            ref = b.observation(f"finding/{key}/{side}", key, value, when, side=side)
            out.setdefault(key, []).append(ref)
    return out


def _values(case: Mapping[str, Any], path: str) -> Iterator[tuple[str | None, float]]:
    node: Any = case
    for part in path.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    if isinstance(node, bool):
        return
    if isinstance(node, int | float):
        yield None, float(node)
    elif isinstance(node, Mapping):
        for side in ("left", "right"):
            value = node.get(side)
            if isinstance(value, int | float) and not isinstance(value, bool):
                yield side, float(value)


def _conditions(b: _Builder, findings: dict[str, list[str]]) -> list[str]:
    result = b.data.assessment
    if result is None or not result.assessed or not result.tissues:
        return []
    refs = []
    side = b.data.painful_side
    shown = [result.tissues[0]] + [t for t in result.tissues[1:] if t.likelihood != "less likely"]
    for rank, tissue in enumerate(shown):
        status = "condition_provisional" if rank == 0 else "condition_differential"
        label = "Working hypothesis" if rank == 0 else "Also considered"
        external = b.codes.tissues.get(tissue.id)
        codings = [
            *(external.codes if external else []),
            b.local("footfix_tissue", tissue.id, tissue.title),
        ]
        notes = [
            "footfix decision support ranks possibilities from the information given; it is "
            "not a diagnosis and needs a clinician's confirmation.",
            f"likelihood in words: {tissue.likelihood}",
        ]
        notes += [f"against: {text}" for text in tissue.against]
        condition: dict[str, Any] = {
            "clinicalStatus": b.fixed("condition_active"),
            "verificationStatus": b.fixed(status),
            "category": [b.fixed("condition_problem")],
            "code": b.concept(codings, f"{label}: {tissue.title} ({tissue.likelihood})"),
            "subject": {"reference": b.patient},
            "note": [{"text": text} for text in notes],
        }
        if b.data.assessed_at:
            condition["recordedDate"] = b.data.assessed_at.isoformat()
        if side in b.codes.laterality:
            condition["bodySite"] = [b.concept([b.codes.laterality[side]], f"{side} foot")]
        evidence = [{"code": [{"text": text}]} for text in tissue.because]
        detail = [{"reference": r} for refs_ in findings.values() for r in refs_]
        if rank == 0 and detail:
            evidence.append(
                {"code": [{"text": "measured findings of the assessment"}], "detail": detail}
            )
        if evidence:
            condition["evidence"] = evidence
        refs.append(b.add("Condition", f"tissue/{tissue.id}", condition))
    return refs


def _retests_and_logs(b: _Builder) -> None:
    for log in b.data.logs:
        day = log.day
        for name in LOG_VALUES:
            value = getattr(log, name)
            if value is not None:
                b.observation(f"log/{day}/{name}", f"log.{name}", float(value), day)
        if log.runs:
            b.observation(f"log/{day}/run_km", "log.run_distance_km", round(log.run_km, 3), day)
        for index, retest in enumerate(log.retests):
            name = retest_name(retest.test)
            key = f"exam.{name}" if f"exam.{name}" in b.codes.quantities else f"retest.{name}"
            b.observation(f"retest/{day}/{index}", key, retest.value, day, side=retest.side)


def _activities(b: _Builder) -> None:
    for row in b.data.activities:
        components = []
        for name in ACTIVITY_COMPONENTS:
            value = row.get(name)
            if value is None:
                continue
            q = b.codes.quantities[f"activity.{name}"]
            components.append(
                {
                    "code": b.concept(q.codes, q.codes[-1].display),
                    "valueQuantity": b.quantity(q, float(value)),
                }
            )
        start: dt.datetime = row["start_utc"]
        extra: dict[str, Any] = {
            "effectivePeriod": {
                "start": start.isoformat(),
                "end": (start + dt.timedelta(seconds=float(row["elapsed_s"]))).isoformat(),
            },
            "note": [{"text": f"{row['sport']} recorded by a watch ({row['file_format']})"}],
        }
        if components:
            extra["component"] = components
        b.observation(
            f"activity/{row['dedup_key']}",
            "activity.moving_min",
            round(float(row["moving_s"]) / 60, 2),
            None,
            extra=extra,
        )


def _outcomes(b: _Builder) -> None:
    used: dict[str, OutcomeMeasure] = {o.measure.id: o.measure for o in b.data.outcomes}
    questionnaires = {m: _questionnaire(b, measure) for m, measure in used.items()}
    for o in b.data.outcomes:
        concept = b.codes.outcome_measures[o.measure.id]
        items = [
            {"linkId": f"item{i + 1}", "text": label, "answer": [{"valueDecimal": value}]}
            for i, (label, value) in enumerate(o.items)
        ]
        response = b.add(
            "QuestionnaireResponse",
            f"outcome/{o.uid}",
            {
                "questionnaire": questionnaires[o.measure.id],
                "status": "completed",
                "subject": {"reference": b.patient},
                "authored": o.recorded_at.isoformat(),
                "item": items,
            },
        )
        b.observation(
            f"outcome-score/{o.uid}",
            f"outcome.{o.measure.id}",
            o.score,
            o.day,
            extra={
                "derivedFrom": [{"reference": response}],
                "note": [{"text": f"{o.context}; {concept.codes[0].display}"}],
            },
        )


def _questionnaire(b: _Builder, measure: OutcomeMeasure) -> str:
    """The measure's Questionnaire (canonical URL from its footfix code and version)."""
    url = f"{b.codes.systems['footfix_outcome']}:{measure.id}"
    if measure.chosen_items is not None:
        rules = measure.chosen_items
        items = [
            {
                "linkId": f"item{i + 1}",
                "type": "decimal",
                "required": i < rules.min_count,
                "text": f"Activity {i + 1} of your choice, rated "
                f"{rules.range.min:g}-{rules.range.max:g}",
            }
            for i in range(rules.max_count)
        ]
    else:
        items = [
            {"linkId": f"item{i + 1}", "type": "decimal", "text": item.text}
            for i, item in enumerate(measure.items)
        ]
    b.add(
        "Questionnaire",
        f"measure/{measure.id}",
        {
            "url": url,
            "version": measure.version,
            "name": measure.abbreviation.replace("-", "_"),
            "title": measure.title,
            "status": "active",
            "description": measure.instructions,
            "code": [b.coding(c) for c in b.codes.outcome_measures[measure.id].codes],
            "item": items,
        },
    )
    return f"{url}|{measure.version}"


def _goals(b: _Builder, conditions: list[str]) -> list[str]:
    achieved = b.data.phase == "full_training"
    goal: dict[str, Any] = {
        "lifecycleStatus": "completed" if achieved else "active",
        "achievementStatus": b.fixed("goal_achieved" if achieved else "goal_in_progress"),
        "description": b.fixed("back_to_running")
        | {"text": "Back to full training without foot pain, through the gated phases"},
        "subject": {"reference": b.patient},
        "note": [{"text": f"current phase: {b.data.phase}"}],
    }
    if conditions:
        goal["addresses"] = [{"reference": conditions[0]}]
    refs = [b.add("Goal", "back_to_running", goal)]
    gate = b.data.assessment.next_gate if b.data.assessment else None
    if gate is not None and gate.phase and not achieved:
        refs.append(
            b.add(
                "Goal",
                f"gate/{gate.phase}",
                {
                    "lifecycleStatus": "active",
                    "achievementStatus": b.fixed("goal_in_progress"),
                    "description": {
                        "text": f"Reach the {gate.phase} phase: {'; '.join(gate.criteria)}"
                    },
                    "subject": {"reference": b.patient},
                },
            )
        )
    return refs


def _care_plan(b: _Builder, conditions: list[str], goals: list[str]) -> None:
    """The plan as a CarePlan in the Physical Activity IG's shape: its two categories, the
    condition it addresses, the goals, one activity per plan item and one for running."""
    goal_refs = [{"reference": g} for g in goals]
    activities = []
    for item in b.data.plan:
        categories = b.codes.plan_categories
        external = [
            c for cat in item.categories if cat in categories for c in categories[cat].codes
        ]
        codings = [*external[:1], b.local("footfix_plan_item", item.id, item.title)]
        started = item.id in b.data.logged_exercises
        detail: dict[str, Any] = {
            "kind": "ServiceRequest",
            "code": b.concept(codings, item.title),
            "status": "in-progress" if started else "not-started",
            "description": _plan_text(item),
            "goal": goal_refs,
        }
        activities.append({"detail": detail})
    activities.append(
        {
            "detail": {
                "kind": "ServiceRequest",
                "code": b.concept([b.codes.fixed["running_allowance"]], "Running this week"),
                "status": "in-progress",
                "description": b.data.running_allowance,
                "goal": goal_refs,
            }
        }
    )
    plan: dict[str, Any] = {
        "status": "active",
        "intent": "plan",
        "category": [b.fixed("assess_plan"), b.fixed("physical_activity")],
        "title": f"footfix recovery plan ({b.data.phase})",
        "subject": {"reference": b.patient},
        "created": (b.data.plan_since or b.data.generated_at).isoformat(),
        "goal": goal_refs,
        "activity": activities,
    }
    if b.data.plan_since:
        plan["period"] = {"start": b.data.plan_since.isoformat()}
    if conditions:
        plan["addresses"] = [{"reference": c} for c in conditions]
    b.add("CarePlan", "plan", plan)


def _plan_text(item: PlanItemOut) -> str:
    side = f" ({item.side} side)" if item.side not in ("n/a", "") else ""
    why = f" Why: {'; '.join(item.because)}" if item.because else ""
    return f"{item.dose}{side}.{why}"
