"""A tracked runner with an assessment and six weeks of logs, for the report tests and bench."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from footfix.services import tracking
from footfix.services.assessment import assess_file
from footfix.services.assessments import save_assessment
from footfix.services.identity import Actor, RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store.store import Store
from tests.paths import DATA

CASE = DATA / "cases" / "E01-pf-ankle-df-load-spike.yaml"
DAYS = 42


def make_tracked_runner(store: Store, name: str = "ana", case: Path = CASE) -> Actor:
    """Add the runner for the database's local user (returned, to read it back)."""
    actor, ref = local_actor(store), RunnerName(name)
    today = dt.date.today()
    start = today - dt.timedelta(days=DAYS)
    tracking.add_runner(store, actor, name, units="km", painful_side="right", start=start)
    case_file, result = assess_file(case)
    save_assessment(store, actor, ref, case_file, result, on=start)
    for i in range(DAYS):
        day = start + dt.timedelta(days=i)
        first = max(0.0, 5 - i / 8)
        fields: dict[str, object] = {
            "day": day,
            "first_step_pain_nrs": round(first, 1),
            "pain_during_nrs": round(max(0.0, 3 - i / 14), 1),
            "walk_stand_tolerance_min": min(60, 15 + i * 2),
        }
        if i >= 14 and i % 2 == 0:
            fields["runs"] = [{"distance": 2 + (i - 14) / 7, "surface": "road"}]
        if i % 7 == 3:
            fields["retests"] = [
                {"test": "heel_raise_single_leg_reps", "value": 8 + i // 2, "side": "right"}
            ]
        tracking.log_day(store, actor, ref, parse_log(fields))
    return actor
