"""The dashboard is worked out once per change of what it shows (services/dashboard.py): the
same answer while nothing changes, a new one after a log, an import, a phase change or a
replaced activity, and a key that covers every table holding a runner's rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

from footfix.ingest.activity import Activity
from footfix.services import dashboard as board
from footfix.services.identity import Actor, RunnerName
from footfix.services.log_input import LogInput
from footfix.services.tracking import log_day, set_phase
from footfix.services.watch_import import store_activities
from footfix.store import activities_repo
from footfix.store.schema import metadata
from tests.web.runner_account import RUNNER
from tests.web.saved_assessment import save_case
from tests.web.signed_in_runner import SignedIn, signed_in

__all__ = ["signed_in"]

# a day log's child rows are written with a new revision row of the day, which is keyed
CHILDREN_OF_A_DAY_LOG = {"run_entries", "exercise_entries", "retest_entries"}
# who the record is shared with or may be claimed by: not on the runner's dashboard
NOT_SHOWN = {"clinician_shares", "claim_codes"}


def test_every_table_with_a_runners_rows_is_in_the_key() -> None:
    for table in metadata.tables.values():
        parents = {fk.column.table.name for fk in table.foreign_keys}
        owned = "runner_id" in table.c or bool(parents & board.KEYED_TABLES)
        if owned and table.name not in NOT_SHOWN | CHILDREN_OF_A_DAY_LOG:
            assert table.name in board.KEYED_TABLES, table.name
    assert set(metadata.tables) >= CHILDREN_OF_A_DAY_LOG | NOT_SHOWN


def _run(day: dt.date, km: float) -> Activity:
    start = dt.datetime.combine(day, dt.time(7, 0), tzinfo=dt.UTC)
    return Activity(source=f"run-{day}.gpx", file_format="gpx", sport="running", sub_sport=None,
                    start_utc=start, elapsed_s=km * 330, moving_s=km * 330, distance_m=km * 1000,
                    has_gps=True)  # fmt: skip


def test_the_same_dashboard_until_something_it_shows_changes(signed_in: SignedIn) -> None:
    user, store = signed_in.user, signed_in.store
    me = Actor(user.user_id, user.uid, user.role, user.display_name)
    assert board.dashboard(store, me) is None  # no assessment yet
    save_case(store, user)
    first = board.dashboard(store, me)
    assert first is not None and board.dashboard(store, me) is first
    assert not first.overview.report.days and first.load is None

    yesterday = dt.date.today() - dt.timedelta(days=1)
    log_day(store, me, RunnerName(RUNNER), LogInput.model_validate({"day": yesterday,
            "first_step_pain_nrs": 7, "walk_stand_tolerance_min": 20}))  # fmt: skip
    logged = board.dashboard(store, me)
    assert logged is not None and logged is not first
    assert [d.day for d in logged.overview.report.days] == [yesterday]
    assert board.dashboard(store, me) is logged

    assert store_activities(store, me, RunnerName(RUNNER), [_run(yesterday, 5)]).imported == 1
    imported = board.dashboard(store, me)
    assert imported is not None and imported is not logged and imported.load is not None
    assert [round(w.distance, 1) for w in imported.load.weeks if w.distance] == [5.0]

    with store.write() as conn:  # a richer copy of the same run, put in place of the row
        stored = activities_repo.list_activities(conn, imported.overview.runner.id)[0]
        richer = dataclasses.replace(stored.record, distance_m=6000.0)
        activities_repo.replace_activity(conn, stored.id, richer, dt.datetime.now(dt.UTC))
    replaced = board.dashboard(store, me)
    assert replaced is not None and replaced.load is not None
    assert [round(w.distance, 1) for w in replaced.load.weeks if w.distance] == [6.0]

    set_phase(store, me, RunnerName(RUNNER), "protect_unload", "a clinician asked for a rest week")
    moved = board.dashboard(store, me)
    assert moved is not None and moved.overview.summary.phase == "protect_unload"
    page = signed_in.client.get("/dashboard")
    assert page.status_code == 200 and moved.overview.summary.phase_title in page.text
