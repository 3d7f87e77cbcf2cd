"""Jobs on SQLite and PostgreSQL: one job per key, late acknowledgement, retries, cancel."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select, update

from footfix.services import audit, job_worker, jobs, tracking, upload_jobs
from footfix.services.identity import local_actor
from footfix.store.schema import jobs as jobs_table
from footfix.store.store import Store

DAY = dt.date(2026, 1, 5)


def _runner(store: Store) -> str:
    return tracking.add_runner(store, local_actor(store), "ann", start=DAY).uid


def test_export_job_runs_once_per_key_and_its_result_is_the_export(store: Store) -> None:
    me = local_actor(store)
    uid = _runner(store)
    first = jobs.submit(store, me, "export", {"runner_uid": uid})
    again = jobs.submit(store, me, "export", {"runner_uid": uid})
    assert again.uid == first.uid and first.status == "waiting"
    assert job_worker.drain(store) == 1
    done = jobs.status(store, me, first.uid)
    assert done.status == "done" and done.progress == 1.0
    assert done.result["runner"]["name"] == "ann"
    assert jobs.submit(store, me, "export", {"runner_uid": uid}).status == "done"
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(jobs_table)).scalar_one() == 1
    assert [e.action for e in audit.list_entries(store, runner_uid=uid)] == ["export"]


def test_a_bad_input_is_parked_with_a_readable_error(store: Store) -> None:
    me = local_actor(store)
    job = jobs.submit(store, me, "export", {"runner_uid": "no-such-runner"})
    job_worker.drain(store)
    parked = jobs.status(store, me, job.uid)
    assert parked.status == "failed" and parked.attempts == 1
    assert parked.error and "Traceback" not in parked.error


def test_a_killed_worker_s_job_is_taken_again_after_its_lease(store: Store) -> None:
    me = local_actor(store)
    job = jobs.submit(store, me, "export", {"runner_uid": _runner(store)})
    stale = dt.datetime.now(dt.UTC) - jobs.LEASE - dt.timedelta(seconds=1)
    with store.write() as conn:  # as a worker killed mid-job leaves it: running, no heartbeat
        conn.execute(update(jobs_table).values(status="running", attempts=1, heartbeat_at=stale))
    assert job_worker.drain(store) == 1
    finished = jobs.status(store, me, job.uid)
    assert finished.status == "done" and finished.attempts == 2


def test_a_job_taken_from_a_dead_worker_starts_again_from_no_progress(store: Store) -> None:
    seen: list[jobs.JobView] = []

    @jobs.register("test_taken_over")
    def taken_over(ctx: jobs.JobContext) -> None:
        seen.append(jobs.status(ctx.store, ctx.actor, ctx.row.uid))

    me = local_actor(store)
    job = jobs.submit(store, me, "test_taken_over", {})
    stale = dt.datetime.now(dt.UTC) - jobs.LEASE - dt.timedelta(seconds=1)
    with store.write() as conn:  # the dead worker's attempt had got to 80 %, after a retry
        conn.execute(
            update(jobs_table).values(
                status="running", attempts=2, progress=0.8, error="disk away", heartbeat_at=stale
            )
        )
    assert jobs.run_next(store) is not None
    [started] = seen  # what the page showed while the new attempt ran
    assert (started.status, started.progress, started.error) == ("running", 0.0, None)
    assert started.uid == job.uid and started.attempts == 3  # the count goes on
    assert upload_jobs.describe(started).progress_pct == 0


def test_a_transient_error_is_retried_with_backoff_then_parked(store: Store) -> None:
    calls: list[int] = []

    @jobs.register("test_flaky")
    def flaky(ctx: jobs.JobContext) -> None:
        calls.append(1)
        raise OSError("disk briefly away")

    me = local_actor(store)
    job = jobs.submit(store, me, "test_flaky", {}, max_attempts=2)
    jobs.run_next(store)
    waiting = jobs.status(store, me, job.uid)
    assert waiting.status == "waiting" and "disk briefly away" in (waiting.error or "")
    assert jobs.run_next(store) is None  # not due yet: backing off
    with store.write() as conn:
        conn.execute(update(jobs_table).values(not_before=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
    jobs.run_next(store)
    parked = jobs.status(store, me, job.uid)
    assert parked.status == "failed" and parked.error.startswith("gave up after 2 attempts")
    assert len(calls) == 2


def test_cancel_by_owner_waiting_and_running(store: Store) -> None:
    me = local_actor(store)
    uid = _runner(store)
    waiting = jobs.submit(store, me, "export", {"runner_uid": uid})
    assert jobs.cancel(store, me, waiting.uid).status == "cancelled"
    assert job_worker.drain(store) == 0

    @jobs.register("test_long")
    def long(ctx: jobs.JobContext) -> str:
        jobs.cancel(ctx.store, ctx.actor, ctx.row.uid)  # the owner presses cancel meanwhile
        ctx.progress(0.5)
        return "never"

    running = jobs.submit(store, me, "test_long", {})
    jobs.run_next(store)
    assert jobs.status(store, me, running.uid).status == "cancelled"
    assert [j.uid for j in jobs.list_jobs(store, me)] == [running.uid, waiting.uid]
    assert jobs.waiting_job_ids(store) == []
    resubmitted = jobs.submit(store, me, "export", {"runner_uid": uid})
    assert resubmitted.uid == waiting.uid and resubmitted.status == "waiting"
    assert jobs.waiting_job_ids(store) == [waiting.uid]


def test_another_user_sees_no_job(store: Store) -> None:
    from footfix.services.identity import Actor
    from footfix.store import users_repo

    me = local_actor(store)
    job = jobs.submit(store, me, "export", {"runner_uid": _runner(store)})
    with store.write() as conn:
        other = Actor.of(
            users_repo.add_user(
                conn, display_name="eve", role="runner", created_at=dt.datetime.now(dt.UTC)
            )
        )
    with pytest.raises(jobs.JobNotFound):
        jobs.status(store, other, job.uid)
    with pytest.raises(jobs.JobNotFound):
        jobs.cancel(store, other, job.uid)
    assert jobs.list_jobs(store, other) == []
    assert json.dumps(job.as_json())
