"""FHIR R4B, iCalendar and CSV exports of a runner with a full journey, through the real CLI.

The runner has a saved assessment (the demo case), three weeks of logs with retests and runs,
real watch activities and two rounds of outcome measures. The FHIR bundle is parsed back with
fhir.resources' R4B models, the calendar with the icalendar package, the tables with csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import icalendar
from fhir.resources.R4B.bundle import Bundle
from typer.testing import CliRunner

from footfix.cli.app import app
from footfix.knowledge.kb import load_default
from tests.cli_tracking.journey import DAYS, START, date_of
from tests.paths import WATCH

cli = CliRunner()
DEMO = Path(__file__).resolve().parents[2] / "src" / "footfix" / "examples" / "demo-runner.yaml"
WATCH_FILES = [
    WATCH / "fit" / "garmin-fenix-5-run.fit",
    WATCH / "tcx" / "sweatpy_3173437224_polar_m400_run.tcx",
]
CODES = load_default().fhir_codes


def ok(*args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, f"footfix {' '.join(args)}\n{result.output}"
    return result.output


def _journey(name: str) -> None:
    ok(
        "runner",
        "add",
        name,
        "--side",
        "right",
        "--timezone",
        "Europe/London",
        "--start",
        START.isoformat(),
    )
    ok("assess", str(DEMO), "--save", "--runner", name)
    ok("import", *map(str, WATCH_FILES), "--runner", name)
    for offset in range(21):
        ok("log", "--runner", name, "--date", date_of(offset), *DAYS[offset])
    ok(
        "outcome",
        "record",
        "-r",
        name,
        "--date",
        date_of(0),
        "--psfs",
        "stairs=3",
        "--psfs",
        "run 5 km=0",
        "--psfs",
        "stand at work=4",
        "--sane",
        "40",
    )
    ok(
        "outcome",
        "record",
        "-r",
        name,
        "--date",
        date_of(20),
        "--psfs",
        "stairs=6",
        "--psfs",
        "run 5 km=3",
        "--psfs",
        "stand at work=6",
        "--sane",
        "65",
    )


def _resources(bundle: Bundle, kind: str) -> list:  # type: ignore[type-arg]
    return [e.resource for e in bundle.entry if e.resource.get_resource_type() == kind]


def test_full_journey_exports_validate_and_match_the_plan(cli_env: str, tmp_path: Path) -> None:
    _journey("mia")
    out = tmp_path / "out"
    said = ok(
        "export",
        "--runner",
        "mia",
        "--fhir",
        str(out / "mia.fhir.json"),
        "--ics",
        str(out / "mia.ics"),
        "--csv",
        str(out / "csv"),
    )
    files = [out / "mia.fhir.json", out / "mia.ics", *(out / "csv").iterdir()]
    assert len(files) == 5 and all(f.stat().st_mode & 0o777 == 0o600 for f in files), said

    # FHIR: the whole bundle validates against the R4B models and survives a round trip
    text = (out / "mia.fhir.json").read_text(encoding="utf-8")
    bundle = Bundle.model_validate_json(text)
    again = Bundle.model_validate_json(bundle.model_dump_json())
    assert again == bundle and json.loads(again.model_dump_json()) == json.loads(text)
    kinds = {e.resource.get_resource_type() for e in bundle.entry}
    assert kinds >= {
        "Patient",
        "Condition",
        "Observation",
        "Goal",
        "CarePlan",
        "QuestionnaireResponse",
        "Questionnaire",
    }
    full_urls = {e.fullUrl for e in bundle.entry}
    assert len(full_urls) == len(bundle.entry)
    references = [ref for ref in _references(json.loads(text)) if ref.startswith("urn:uuid:")]
    assert references and set(references) <= full_urls  # every reference resolves in the bundle

    # every Observation has a UCUM unit and codes from known systems
    systems = set(CODES.systems.values())
    observations = _resources(bundle, "Observation")
    assert len(observations) > 60
    for obs in observations:
        quantities = [obs.valueQuantity, *(c.valueQuantity for c in obs.component or [])]
        for q in quantities:
            assert q is not None and q.system == "http://unitsofmeasure.org" and q.code and q.unit
        codings = [
            c
            for concept in [obs.code, *(c.code for c in obs.component or [])]
            for c in concept.coding
        ]
        assert codings and all(c.system in systems and c.code for c in codings)
    loinc = {c.code for o in observations for c in o.code.coding if c.system == "http://loinc.org"}
    assert {"72514-3", "55411-3"} <= loinc  # pain NRS from the log, watch exercise duration
    retests = [
        o
        for o in observations
        if any(c.code == "heel_raise_single_leg_reps" for c in o.code.coding)
    ]
    sides = {o.bodySite.coding[0].display for o in retests if o.bodySite}
    assert len(retests) >= 5 and {"Left", "Right"} <= sides  # exam both sides + 3 retests

    # the working hypothesis is marked as such and carries its evidence
    conditions = _resources(bundle, "Condition")
    first = conditions[0]
    assert first.verificationStatus.coding[0].code == "provisional"
    assert all(c.verificationStatus.coding[0].code == "differential" for c in conditions[1:])
    assert first.code.text.startswith("Working hypothesis") and first.evidence
    assert any("not a diagnosis" in n.text for n in first.note)

    # the CarePlan's activities are the saved plan's items, plus this week's running
    exported = json.loads(ok("export", "--runner", "mia"))
    plan = json.loads(exported["plans"][-1]["versions"][-1]["items_json"])["plan"]
    care_plan = _resources(bundle, "CarePlan")[0]
    categories = {c.coding[0].code for c in care_plan.category}
    assert categories == {"assess-plan", "PhysicalActivity"}
    local = "urn:footfix:plan-item"
    activity_ids = [
        next(c.code for c in a.detail.code.coding if c.system == local) for a in care_plan.activity
    ]
    assert activity_ids == [item["id"] for item in plan] + ["running_allowance"]
    doses = [a.detail.description for a in care_plan.activity[:-1]]
    assert all(d.startswith(item["dose"]) for d, item in zip(doses, plan, strict=True))
    assert care_plan.addresses[0].reference == next(
        e.fullUrl for e in bundle.entry if e.resource is first
    )

    # outcome measures as QuestionnaireResponses with their scores
    responses = _resources(bundle, "QuestionnaireResponse")
    assert len(responses) == 4
    psfs = [r for r in responses if "psfs" in r.questionnaire]
    assert [len(r.item) for r in psfs] == [3, 3]
    assert {i.text for i in psfs[0].item} == {"stairs", "run 5 km", "stand at work"}

    # the same data gives the same bundle (ids are derived, not random)
    ok("export", "--runner", "mia", "--fhir", str(out / "again.json"))
    second = json.loads((out / "again.json").read_text(encoding="utf-8"))
    first_doc = json.loads(text)
    assert [e["fullUrl"] for e in second["entry"]] == [e["fullUrl"] for e in first_doc["entry"]]

    # ICS: one event per planned session, in the runner's zone, with stable UIDs
    _check_calendar(out / "mia.ics", said)

    # CSV: one row per logged day, and the activities and outcomes
    with (out / "csv" / "logs.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["day"] for r in rows] == [date_of(i) for i in range(21)]
    assert rows[11]["retests"] == "heel_raise_single_leg_reps=22 left"
    assert rows[14]["run_distance_km"] == "2.0" and rows[0]["exercises"] == "heel_raise_toe_up 3x10"
    with (out / "csv" / "activities.csv").open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 2
    outcomes = (out / "csv" / "outcomes.csv").read_text(encoding="utf-8").splitlines()
    assert len(outcomes) == 5 and "stairs=6" in outcomes[-2] + outcomes[-1]


def _check_calendar(path: Path, said: str) -> None:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    phase = json.loads(ok("progress", "--runner", "mia", "--json"))
    allowance = phase["allowance"]
    schedule = load_default().schedule
    weeks = schedule.default_weeks
    runs = allowance["runs_per_week"] * weeks if allowance["running_allowed"] else 0
    exercise_days = schedule.exercise_days.get(phase["phase"])
    exercise = len(exercise_days.weekdays) * weeks if exercise_days else 0
    assert len(events) == runs + exercise and f"{len(events)} sessions" in said
    assert sum(1 for e in events if "run" in e.get("categories").cats) == runs
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == "Europe/London" and event.get("dtstamp") is not None
        assert event.decoded("dtend") > start
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Europe/London"
    tomorrow = dt.datetime.now(dt.UTC).astimezone(events[0].decoded("dtstart").tzinfo).date()
    assert min(e.decoded("dtstart").date() for e in events) >= tomorrow


def _references(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["reference"]] if isinstance(node.get("reference"), str) else []
        return found + [r for v in node.values() for r in _references(v)]
    if isinstance(node, list):
        return [r for v in node for r in _references(v)]
    return []
