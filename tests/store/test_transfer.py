"""Export and import with watch activities (``schema_version`` 2), on SQLite and PostgreSQL.

A runner with logs and real watch activities goes out and back into an empty database
unchanged; a version-1 document (``data/runner-v1.json``, written by footfix before activities
were exported) still imports; an unknown version, or a failure half-way, leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from footfix.ingest import import_paths
from footfix.services import tracking, watch_import
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store import activities_repo, runners_repo, transfer, users_repo
from footfix.store.engine import make_engine, transaction
from footfix.store.errors import ImportRejected, StoreError
from footfix.store.schema import activities, metadata
from footfix.store.settings import Settings
from footfix.store.store import Store
from tests.paths import WATCH

FILES = [
    WATCH / "fit" / "garmin-fenix-5-run.fit",  # running dynamics
    WATCH / "fit" / "sample_mulitple_header.fit",  # triathlon: five activities in one file
    WATCH / "fit" / "compressed-speed-distance.fit",  # a note, no climbing recorded
    WATCH / "tcx" / "sweatpy_3173437224_polar_m400_run.tcx",
    WATCH / "gpx" / "gpxpy_cerknicko-jezero.gpx",  # seven tracks, floats like 50.469115999999985
]
# The Strava GPX first, then the watch's FIT of the same ride: the stored row is replaced.
COPIES = [WATCH / "gpx" / "sweatpy_4801048867_strava.gpx", WATCH / "fit" / "sweatpy_4801048867.fit"]
V1_DOCUMENT = Path(__file__).parent / "data" / "runner-v1.json"
DAY = dt.date(2026, 1, 5)


def _runner_with_logs_and_activities(store: Store) -> None:
    tracking.add_runner(
        store,
        local_actor(store),
        "ann",
        units="mi",
        painful_side="left",
        severity="moderate",
        start=DAY,
    )
    for i in range(4):
        tracking.log_day(
            store,
            local_actor(store),
            RunnerName("ann"),
            parse_log(
                {
                    "day": DAY + dt.timedelta(days=i),
                    "first_step_pain_nrs": 3 - i * 0.5,
                    "walk_stand_tolerance_min": 45,
                    "runs": [{"distance": 1.7, "continuous": False, "run_min": 2, "walk_min": 1}],
                    "exercises": [{"exercise": "bridges", "sets": 3, "reps": 10, "side": "right"}],
                    "notes": "ça va",
                }
            ),
        )
    tracking.log_day(
        store,
        local_actor(store),
        RunnerName("ann"),
        parse_log({"day": DAY, "notes": "fixed"}),
        correct=True,
    )
    for paths in (FILES, COPIES[:1], COPIES[1:]):
        watch_import.store_report(
            store, local_actor(store), RunnerName("ann"), import_paths(paths, workers=1), paths
        )
    with store.write() as conn:
        runner = runners_repo.get_runner(conn, users_repo.find_local_user(conn).id, "ann")
        stored = activities_repo.list_activities(conn, runner.id)
        fenix = next(a for a in stored if a.record.source == str(FILES[0]))
        activities_repo.set_gear(conn, fenix.id, "Pegasus 40 – grün")


def _stored_rows(settings: Settings, name: str) -> list[dict[str, Any]]:
    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            runner = runners_repo.get_runner(conn, users_repo.find_local_user(conn).id, name)
            return activities_repo.export_rows(conn, runner.id)
    finally:
        engine.dispose()


def _row_counts(settings: Settings) -> dict[str, int]:
    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            return {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


def _nothing_but_the_local_user(settings: Settings) -> bool:
    counts = _row_counts(settings)
    return counts.pop("users") <= 1 and set(counts.values()) == {0}


def _through_json(doc: dict[str, Any]) -> Any:
    return json.loads(transfer.dumps(doc))  # what the CLI writes and reads back


def test_the_document_carries_every_stored_activity_column() -> None:
    columns = {c.name for c in activities.c} - {"id", "runner_id"}
    assert set(transfer.ActivityDoc.model_fields) == columns
    assert set(activities_repo.EXPORTED_COLUMNS) == columns


def test_runner_with_activities_goes_out_and_back_unchanged(
    store: Store, empty_store: Store, settings: Settings, empty_settings: Settings
) -> None:
    _runner_with_logs_and_activities(store)
    exported = _through_json(
        tracking.export_runner(store, local_actor(store), RunnerName("ann"), with_sources=True)
    )
    assert exported["schema_version"] == 5
    assert len(exported["day_logs"]) == 5
    docs = exported["activities"]
    assert len(docs) == 16  # 1 + 5 + 1 + 1 + 7, and the ride kept once
    assert {tuple(doc) for doc in docs} == {activities_repo.EXPORTED_COLUMNS}
    for doc in docs:
        for key in ("start_utc", "imported_at"):
            assert doc[key].endswith("+00:00"), doc[key]
    fenix = next(d for d in docs if d["source"].endswith("garmin-fenix-5-run.fit"))
    assert fenix["start_utc"] == "2017-06-11T14:34:09+00:00"
    assert fenix["gear"] == "Pegasus 40 – grün" and fenix["stance_balance_left_pct"] > 0
    ride = next(d for d in docs if d["dedup_key"].startswith("cycling@2020-04-18"))
    assert ride["file_format"] == "fit" and len(ride["file_sha256"]) == 64
    assert any("zone unknown" in d["notes"] for d in docs)
    assert any(d["ascent_m"] is None for d in docs)

    assert tracking.import_runner(empty_store, local_actor(empty_store), exported) == "ann"
    again = _through_json(
        tracking.export_runner(
            empty_store, local_actor(empty_store), RunnerName("ann"), with_sources=True
        )
    )
    assert again["exported_at"] >= exported["exported_at"]
    for doc in (exported, again):
        doc.pop("exported_at")
    assert again == exported
    # Column by column, the database holds the same values (import times to the microsecond).
    assert _stored_rows(empty_settings, "ann") == _stored_rows(settings, "ann")


def test_import_as_another_name_keeps_the_activities_apart(
    store: Store, settings: Settings
) -> None:
    _runner_with_logs_and_activities(store)
    exported = _through_json(
        tracking.export_runner(store, local_actor(store), RunnerName("ann"), with_sources=True)
    )
    assert (
        tracking.import_runner(store, local_actor(store), exported, rename="ann-copy") == "ann-copy"
    )
    copy = _through_json(
        tracking.export_runner(store, local_actor(store), RunnerName("ann-copy"), with_sources=True)
    )
    assert copy["runner"]["name"] == "ann-copy"
    assert copy["activities"] == exported["activities"]
    assert _row_counts(settings)["activities"] == 2 * len(exported["activities"])


def _instants(value: Any) -> Any:
    """The document with its times as datetimes: version 1 wrote 'Z', version 2 '+00:00'."""
    if isinstance(value, dict):
        return {
            k: dt.datetime.fromisoformat(v)
            if k in ("created_at", "recorded_at") and isinstance(v, str)
            else _instants(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_instants(v) for v in value]
    return value


def test_a_version_1_document_still_imports(store: Store, settings: Settings) -> None:
    v1 = json.loads(V1_DOCUMENT.read_text(encoding="utf-8"))
    assert v1["schema_version"] == 1 and "activities" not in v1
    assert tracking.import_runner(store, local_actor(store), v1) == "kim"
    assert tracking.import_runner(store, local_actor(store), v1, rename="kim2") == "kim2"
    for name in ("kim", "kim2"):
        now = _through_json(
            tracking.export_runner(store, local_actor(store), RunnerName(name), with_sources=True)
        )
        assert (now["schema_version"], now["activities"], now["outcomes"]) == (5, [], [])
        assert now["runner"].pop("name") == name
        assert uuid.UUID(now["runner"].pop("uid"))  # minted on import: version 1 had none
        expected = {k: v for k, v in v1.items() if k not in ("schema_version", "exported_at")}
        # a retest under its old name comes back under its current one
        expected = json.loads(
            json.dumps(expected).replace('"heel_raise_reps"', '"heel_raise_single_leg_reps"')
        )
        expected["runner"] = {k: v for k, v in v1["runner"].items() if k != "name"}
        got = {k: now[k] for k in expected}
        assert _instants(got) == _instants(expected)
    counts = _row_counts(settings)
    assert (counts["assessments"], counts["plan_versions"], counts["day_logs"]) == (2, 2, 6)
    assert counts["activities"] == 0
    # A version-1 document cannot smuggle in activities.
    with pytest.raises(ImportRejected, match="activities"):
        tracking.import_runner(store, local_actor(store), {**v1, "activities": []}, rename="kim3")


def test_an_unknown_version_is_refused_and_nothing_is_written(
    store: Store, empty_store: Store, settings: Settings, empty_settings: Settings
) -> None:
    _runner_with_logs_and_activities(store)
    exported = _through_json(
        tracking.export_runner(store, local_actor(store), RunnerName("ann"), with_sources=True)
    )
    tracking.upgrade_database(empty_store)  # tables to look into afterwards
    for version, why in ((99, "newer footfix"), (0, "never wrote"), ("2", "never wrote")):
        with pytest.raises(ImportRejected) as caught:
            tracking.import_runner(
                empty_store, local_actor(empty_store), {**exported, "schema_version": version}
            )
        message = str(caught.value)
        assert f"schema_version {version!r} is not supported" in message and why in message
        assert "reads versions 1, 2, 3, 4 and 5" in message and "Nothing was imported" in message
    twice = {**exported, "activities": [*exported["activities"], exported["activities"][0]]}
    with pytest.raises(ImportRejected, match="appears twice"):
        tracking.import_runner(empty_store, local_actor(empty_store), twice)
    broken = [{**exported["activities"][0], "start_utc": "2017-06-11T14:34:09"}]
    with pytest.raises(ImportRejected, match=r"activities\.0\.start_utc: .*timezone"):
        tracking.import_runner(
            empty_store, local_actor(empty_store), {**exported, "activities": broken}
        )
    assert _nothing_but_the_local_user(empty_settings)


def test_a_failure_while_storing_activities_undoes_the_whole_import(
    store: Store,
    empty_store: Store,
    settings: Settings,
    empty_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Runner, logs and activities are one transaction: the last step failing undoes them all."""
    _runner_with_logs_and_activities(store)
    exported = _through_json(
        tracking.export_runner(store, local_actor(store), RunnerName("ann"), with_sources=True)
    )
    real = activities_repo.insert_rows

    def insert_then_fail(connection, runner_id, rows) -> None:
        real(connection, runner_id, rows)
        assert connection.execute(select(func.count()).select_from(activities)).scalar_one()
        raise StoreError("the disk filled up")

    monkeypatch.setattr(activities_repo, "insert_rows", insert_then_fail)
    with pytest.raises(StoreError, match="disk filled up"):
        tracking.import_runner(empty_store, local_actor(empty_store), exported)
    assert _nothing_but_the_local_user(empty_settings)
    monkeypatch.undo()
    tracking.import_runner(empty_store, local_actor(empty_store), exported)
    assert _stored_rows(empty_settings, "ann") == _stored_rows(settings, "ann")


def test_a_version_2_document_imports_with_a_new_uid_and_version_3_needs_one(
    store: Store, empty_store: Store
) -> None:
    _runner_with_logs_and_activities(store)
    exported = _through_json(
        tracking.export_runner(store, local_actor(store), RunnerName("ann"), with_sources=True)
    )
    uid = exported["runner"]["uid"]
    del exported["outcomes"]  # version 4's part
    v2 = {**exported, "schema_version": 2, "runner": dict(exported["runner"])}
    del v2["runner"]["uid"]
    with pytest.raises(ImportRejected, match=r"runner\.uid"):
        tracking.import_runner(empty_store, local_actor(empty_store), {**v2, "schema_version": 3})
    with pytest.raises(ImportRejected, match=r"runner\.uid"):  # version 2 never had one
        tracking.import_runner(
            empty_store, local_actor(empty_store), {**exported, "schema_version": 2}
        )
    me = local_actor(empty_store)
    assert tracking.import_runner(empty_store, me, v2) == "ann"
    again = tracking.export_runner(empty_store, me, RunnerName("ann"), with_sources=True)
    assert again["runner"]["uid"] != uid and len(again["activities"]) == len(exported["activities"])


def test_a_version_3_document_imports_with_no_outcomes(store: Store, empty_store: Store) -> None:
    _runner_with_logs_and_activities(store)
    me = local_actor(store)
    exported = _through_json(tracking.export_runner(store, me, RunnerName("ann")))
    v3 = {k: v for k, v in exported.items() if k != "outcomes"} | {"schema_version": 3}
    them = local_actor(empty_store)
    assert tracking.import_runner(empty_store, them, v3) == "ann"
    again = _through_json(tracking.export_runner(empty_store, them, RunnerName("ann")))
    assert again["outcomes"] == [] and again["activities"] == exported["activities"]
    with pytest.raises(ImportRejected, match="outcomes"):  # version 3 had no outcomes
        tracking.import_runner(empty_store, them, {**v3, "outcomes": []}, rename="ann2")


def test_who_made_each_decision_survives_export_and_import(
    store: Store, empty_store: Store
) -> None:
    actor = local_actor(store)
    tracking.add_runner(store, actor, "dee", start=dt.date(2026, 1, 5))
    exported = _through_json(tracking.export_runner(store, actor, RunnerName("dee")))
    assert exported["schema_version"] == 5
    (start,) = exported["phase_history"]
    assert (start["decided_by_uid"], start["decided_by_role"]) == (actor.uid, actor.role)
    tracking.import_runner(empty_store, local_actor(empty_store), exported)
    again = _through_json(
        tracking.export_runner(empty_store, local_actor(empty_store), RunnerName("dee"))
    )
    assert again["phase_history"] == exported["phase_history"]
    # a version-4 document said nothing about it: its decisions come back as unknown
    old = {**exported, "schema_version": 4}
    old["phase_history"] = [
        {k: v for k, v in c.items() if not k.startswith("decided_by")}
        for c in exported["phase_history"]
    ]
    tracking.import_runner(empty_store, local_actor(empty_store), old, rename="dee4")
    with empty_store.read() as conn:
        row = runners_repo.get_runner(conn, local_actor(empty_store).user_id, "dee4")
        (change,) = runners_repo.phase_history(conn, row.id)
    assert (change.decided_by_uid, change.decided_by_role) == ("unknown", "unknown")
