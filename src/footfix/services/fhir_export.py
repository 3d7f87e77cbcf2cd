"""The FHIR R4B export of one runner (``footfix export --fhir``; a web route can call it too).

Reads the runner's record from the store, hands plain values to the pure mapping
(:mod:`footfix.interop.fhir_mapping`) and returns the validated Bundle or its JSON text.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footfix.domain.result import AssessmentResult, PlanItemOut
from footfix.knowledge.kb import load_default
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.tracking import now_utc, progress_on, runner_today
from footfix.store import activities_repo, assessments_repo, logs_repo, outcomes_repo
from footfix.store.engine import Connection
from footfix.store.runners_repo import RunnerRow
from footfix.store.store import Store
from footfix.tracking.report import ProgressReport

if TYPE_CHECKING:
    from fhir.resources.R4B.bundle import Bundle

    from footfix.interop.fhir_mapping import ExportInput


@dataclass(frozen=True)
class PlanSnapshot:
    items: tuple[PlanItemOut, ...]
    created_at: dt.datetime | None
    version: int | None


def latest_plan(conn: Connection, runner_id: int) -> PlanSnapshot:
    """The newest version of the runner's plan (empty before any saved assessment)."""
    history = assessments_repo.plan_history(conn, runner_id)
    if not history:
        return PlanSnapshot((), None, None)
    last = history[-1]
    items = json.loads(str(last["items_json"])).get("plan", [])
    created = last["created_at"]
    return PlanSnapshot(
        tuple(PlanItemOut.model_validate(item) for item in items),
        created if isinstance(created, dt.datetime) else None,
        int(str(last["version"])),
    )


def runner_key(runner: RunnerRow) -> str:
    """Stable for a runner across exports and moves between databases: its uid."""
    return runner.uid


def allowance_text(report: ProgressReport, units: str) -> str:
    allowance = report.allowance
    if not allowance.running_allowed:
        return f"No running this week ({report.phase}): {allowance.session}"
    cap = f", each up to {allowance.distance_cap}" if allowance.distance_cap else ""
    return (
        f"{allowance.runs_per_week} runs this week{cap} ({report.phase}): {allowance.session}; "
        f"surfaces: {', '.join(allowance.surfaces)}; shoes: {allowance.shoes}"
    )


def export_input(conn: Connection, runner: RunnerRow, now: dt.datetime) -> ExportInput:
    from footfix.interop.fhir_mapping import ExportInput, OutcomeFacts

    kb = load_default()
    report = progress_on(conn, runner, runner_today(runner))
    saved = assessments_repo.list_assessments(conn, runner.id)
    last = saved[-1] if saved else None
    plan = latest_plan(conn, runner.id)
    logs = tuple(logs_repo.current_logs(conn, runner.id))
    measures = {m.id: m for m in kb.outcomes.measures}
    outcomes = tuple(
        OutcomeFacts(
            row.uid,
            measures[row.measure],
            row.recorded_on,
            row.recorded_at,
            row.score,
            tuple((str(i["item"]), float(i["value"])) for i in row.items),
            row.context,
        )
        for row in outcomes_repo.list_outcomes(conn, runner.id)
        if row.measure in measures  # a measure this knowledge base no longer has is left out
    )
    case: dict[str, Any] = json.loads(last.case_json) if last else {}
    return ExportInput(
        runner_key=runner_key(runner),
        runner_name=runner.name,
        painful_side=runner.painful_side,
        generated_at=now,
        phase=report.phase,
        running_allowance=allowance_text(report, runner.units),
        assessment=AssessmentResult.model_validate_json(last.result_json) if last else None,
        assessed_at=last.created_at if last else None,
        case=case,
        plan=plan.items,
        plan_since=plan.created_at,
        logged_exercises=frozenset(e.exercise for log in logs for e in log.exercises),
        logs=logs,
        activities=tuple(activities_repo.export_rows(conn, runner.id)),
        outcomes=outcomes,
        tissue_titles={t.id: t.title for t in kb.tissues.values()},
    )


def fhir_bundle(
    store: Store, actor: Actor, runner_ref: RunnerRef, now: dt.datetime | None = None
) -> Bundle:
    from footfix.interop.fhir_mapping import build_bundle

    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        data = export_input(conn, runner, now or now_utc())
    return build_bundle(data, load_default().fhir_codes)


def fhir_bundle_text(
    store: Store, actor: Actor, runner_ref: RunnerRef, now: dt.datetime | None = None
) -> str:
    """The bundle as the JSON text ``footfix export --fhir`` writes."""
    bundle = fhir_bundle(store, actor, runner_ref, now)
    return json.dumps(json.loads(bundle.model_dump_json()), indent=2, ensure_ascii=False) + "\n"
