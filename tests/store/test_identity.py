"""Owners and runner ids: a user reaches their own runners only, by uid or by name, and a miss
never names anyone else's runners (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from footfix.errors import FootfixError
from footfix.services import tracking, watch_import
from footfix.services.identity import Actor, RunnerName, RunnerUid, local_actor
from footfix.services.log_input import parse_log
from footfix.store import users_repo
from footfix.store.errors import RunnerExists, RunnerNotFound
from footfix.store.store import Store

DAY = dt.date(2026, 1, 5)


def _clinician(store: Store) -> Actor:
    with store.write() as conn:
        user = users_repo.add_user(
            conn,
            display_name="Dr Kay",
            role="clinician",
            email="kay@example.org",
            created_at=tracking.now_utc(),
        )
    return Actor.of(user)


def test_the_local_user_is_made_once_and_owns_what_the_cli_makes(store: Store) -> None:
    me = local_actor(store)
    assert local_actor(store) == me and me.role == "admin"
    ann = tracking.add_runner(store, me, "ann", start=DAY)
    assert ann.owner_id == me.user_id and len(ann.uid) == 36
    found = tracking.runner_details(store, me, RunnerUid(ann.uid))["runner"]
    assert found == tracking.runner_details(store, me, RunnerName("ann"))["runner"] == ann


def test_another_users_runner_is_not_found_by_uid_or_name_and_never_listed(store: Store) -> None:
    me, kay = local_actor(store), _clinician(store)
    mine = tracking.add_runner(store, me, "ann", start=DAY)
    theirs = tracking.add_runner(store, kay, "ann", start=DAY)  # the same name, another owner
    tracking.add_runner(store, kay, "zoe-secret", start=DAY)
    assert mine.uid != theirs.uid
    with pytest.raises(RunnerExists):
        tracking.add_runner(store, kay, "ann", start=DAY)
    nobody = "00000000-0000-4000-8000-000000000000"
    for ref, unknown in (
        (RunnerUid(theirs.uid), RunnerUid(nobody)),
        (RunnerName("zoe-secret"), RunnerName("nobody")),
    ):
        for call in (
            lambda r: tracking.progress(store, me, r, DAY),
            lambda r: tracking.log_day(store, me, r, parse_log({"day": DAY, "notes": "x"})),
            lambda r: tracking.export_runner(store, me, r),
            lambda r: watch_import.list_stored(store, me, r),
        ):
            with pytest.raises(RunnerNotFound) as caught:
                call(ref)
            with pytest.raises(RunnerNotFound) as missing:
                call(unknown)
            # exactly what a name or uid nobody has gets: nothing tells that it exists
            typed = ref.uid if isinstance(ref, RunnerUid) else ref.name
            other = unknown.uid if isinstance(unknown, RunnerUid) else unknown.name
            assert str(caught.value) == str(missing.value).replace(other, typed)
            assert "ann" not in str(caught.value)
    assert [r.name for r, _days in tracking.list_runners(store, me)] == ["ann"]
    assert [r.name for r, _days in tracking.list_runners(store, kay)] == ["ann", "zoe-secret"]
    logged = tracking.log_day(
        store, kay, RunnerUid(theirs.uid), parse_log({"day": DAY, "notes": "kay's"})
    )
    assert logged.runner.id == theirs.id


def test_no_runner_named_picks_the_only_one_and_otherwise_lists_nobody(store: Store) -> None:
    me = local_actor(store)
    with pytest.raises(FootfixError, match="no runners yet"):
        tracking.progress(store, me, None, DAY)
    tracking.add_runner(store, me, "ann", start=DAY)
    assert tracking.progress(store, me, None, DAY)[0].name == "ann"
    tracking.add_runner(store, me, "bob-private", start=DAY)
    with pytest.raises(FootfixError) as caught:
        tracking.progress(store, me, None, DAY)
    text = " ".join([str(caught.value), *caught.value.details])
    assert "--runner" in text and "ann" not in text and "bob" not in text


def test_an_import_belongs_to_the_importer_and_keeps_its_uid_in_another_database(
    store: Store, empty_store: Store
) -> None:
    me = local_actor(store)
    ann = tracking.add_runner(store, me, "ann", start=DAY)
    doc = tracking.export_runner(store, me, RunnerName("ann"))
    assert doc["runner"]["uid"] == ann.uid and "owner" not in str(doc["runner"])
    kay = _clinician(empty_store)
    assert tracking.import_runner(empty_store, kay, doc) == "ann"
    assert tracking.runner_details(empty_store, kay, RunnerUid(ann.uid))["runner"].name == "ann"
    with pytest.raises(RunnerNotFound):
        tracking.runner_details(empty_store, local_actor(empty_store), RunnerUid(ann.uid))
