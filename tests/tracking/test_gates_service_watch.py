"""Issue 9 item 14 through the services and a real database: the phase decision recorded when a
day is logged, and the progress view, read watch runs in the gates (one running history)."""

from __future__ import annotations

import datetime as dt

from footfix.services import tracking
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import LogInput
from footfix.store import activities_repo, runners_repo
from footfix.store.activities_repo import ActivityRecord
from footfix.store.store import Store


def _watch_run(store: Store, user_id: int, name: str, day: dt.date, metres: float) -> None:
    with store.write() as conn:
        runner = runners_repo.get_runner(conn, user_id, name)
        record = ActivityRecord(
            dedup_key=f"{name}-{day.isoformat()}",
            start_utc=dt.datetime.combine(day, dt.time(7), dt.UTC),
            sport="running",
            sub_sport=None,
            file_format="fit",
            source=f"{day.isoformat()}.fit",
            file_sha256=None,
            distance_m=metres,
            elapsed_s=2400.0,
            moving_s=2400.0,
            ascent_m=metres / 1000 * 3,
            running_share=0.98,
        )
        activities_repo.add_activity(conn, runner.id, record, dt.datetime.now(dt.UTC))


def test_watch_runs_open_the_flat_running_gate_through_the_services(store: Store) -> None:
    today = dt.datetime.now(dt.UTC).date()
    me = local_actor(store)
    tracking.add_runner(
        store, me, "kai", start=today - dt.timedelta(days=8), phase="return_to_run_flat"
    )
    for back, metres in ((6, 4000.0), (4, 5000.0), (2, 6600.0)):
        _watch_run(store, me.user_id, "kai", today - dt.timedelta(days=back), metres)
    outcome = None
    for back in range(7, -1, -1):
        fields = LogInput(
            day=today - dt.timedelta(days=back), first_step_pain_nrs=1, pain_during_nrs=1
        )
        outcome = tracking.log_day(store, me, RunnerName("kai"), fields)
        if outcome.decision is not None and outcome.decision.changed:
            break
    assert outcome is not None and outcome.decision is not None
    assert outcome.decision.phase == "progress_load_hills", outcome.decision.reasons
    _runner, report = tracking.progress(store, me, RunnerName("kai"))
    assert report.phase == "progress_load_hills"
