"""A retest stored under its short legacy column name is read back under its current name,
so the gate that looks for ``heel_raise_single_leg_reps`` finds what the runner logged."""

from __future__ import annotations

import datetime as dt

from footfix.services import tracking
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store import logs_repo, runners_repo
from footfix.store.store import Store


def test_a_logged_heel_raise_retest_reaches_the_gate(store: Store) -> None:
    me, ann = local_actor(store), RunnerName("ann")
    tracking.add_runner(store, me, "ann", start=dt.date(2026, 3, 2))
    retest = {"test": "heel_raise_single_leg_reps", "value": 22, "side": "left"}
    fields = {"day": dt.date(2026, 3, 3), "first_step_pain_nrs": 2, "retests": [retest]}
    tracking.log_day(store, me, ann, parse_log(fields))
    with store.read() as conn:
        runner = runners_repo.get_runner(conn, me.user_id, "ann")
        (log,) = logs_repo.current_logs(conn, runner.id)
    assert [r.test for r in log.retests] == ["heel_raise_single_leg_reps"]
    _, report = tracking.progress(store, me, ann, dt.date(2026, 3, 4))
    assert [p.test for p in report.retests] == ["heel_raise_single_leg_reps"]
