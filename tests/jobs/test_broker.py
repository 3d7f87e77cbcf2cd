"""Jobs over the real brokers on this machine (RabbitMQ and Redis), with real `footfix worker`s:
jobs reach workers through the broker, survive a broker restart or a lost queue, and a worker
killed -9 again and again mid-import leaves exactly a clean run's rows."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from footfix.services import job_broker, job_worker, jobs, tracking, uploads
from footfix.services.identity import local_actor
from footfix.store.schema import activities
from footfix.store.schema import jobs as jobs_table
from footfix.store.settings import Settings
from footfix.store.store import Store, open_server_store
from tests.jobs.worker_faults import (
    BROKERS,
    broker_queue,
    drop_queue,
    kill_again_and_again,
    start_worker,
    stop_worker,
    wait_done,
    worker_env,
)
from tests.paths import WATCH
from tests.store.backends import database_url

FILES = sorted(p for p in WATCH.rglob("*") if p.suffix in {".fit", ".gpx", ".tcx"})
DAY = dt.date(2026, 1, 5)


@pytest.fixture(params=sorted(BROKERS))
def broker(request: pytest.FixtureRequest) -> Iterator[str]:
    """This process's broker (a fresh queue); the URL is in the environment for workers."""
    with broker_queue(request.param) as name:
        yield name


def test_jobs_reach_a_worker_through_the_broker(broker: str, store: Store, db_url: str) -> None:
    me = local_actor(store)
    runner = tracking.add_runner(store, me, "ann", start=DAY).uid
    submitted = [jobs.submit(store, me, "export", {"runner_uid": runner, "n": n}) for n in range(4)]
    found = job_broker.configured()
    assert found is not None and found.ready_messages() == 4  # sent, not polled from the table
    worker = start_worker(worker_env(db_url))
    try:
        assert wait_done(store, [j.uid for j in submitted]) == ["done"] * 4
    finally:
        stop_worker(worker)
    assert worker.returncode == 0, worker.stderr.read() if worker.stderr else ""
    assert found.ready_messages() == 0
    result = jobs.status(store, me, submitted[0].uid).result
    assert result["runner"]["name"] == "ann"


def test_queued_jobs_survive_a_broker_restart_or_a_lost_queue(
    broker: str, store: Store, db_url: str
) -> None:
    """RabbitMQ's queue is durable: the messages outlive a restart. Redis here keeps nothing
    on disk: its queue is lost, and the worker's sweep sends the waiting jobs again."""
    me = local_actor(store)
    runner = tracking.add_runner(store, me, "ann", start=DAY).uid
    submitted = [jobs.submit(store, me, "export", {"runner_uid": runner, "n": n}) for n in range(5)]
    found = job_broker.configured()
    assert found is not None
    if broker == "rabbitmq":
        for step in ("stop_app", "start_app"):
            subprocess.run(["rabbitmqctl", step], capture_output=True, check=True, timeout=120)
        assert found.ready_messages() == 5  # after a reconnect: the old connection died
    else:
        drop_queue(found)
        assert found.ready_messages() == 0
    # while no worker runs, the jobs wait (and the web shows them so)
    assert {jobs.status(store, me, j.uid).status for j in submitted} == {"waiting"}
    worker = start_worker(worker_env(db_url))
    try:
        assert wait_done(store, [j.uid for j in submitted]) == ["done"] * 5
    finally:
        stop_worker(worker)


def _activity_count(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(activities)).scalar_one())


def _import_job(store: Store, data_dir: Path) -> str:
    me = local_actor(store)
    runner = tracking.add_runner(store, me, "ann", start=DAY)
    files = uploads.upload_store_from_env(data_dir, {})
    hashes = [uploads.save(store, files, me, p.read_bytes(), p.name).sha256 for p in FILES]
    return jobs.submit(store, me, "watch_import", {"runner_uid": runner.uid, "uploads": hashes}).uid


@pytest.mark.slow
@pytest.mark.parametrize(
    ("backend", "kills"), [("postgresql", 20), ("sqlite", 5)], ids=["postgresql", "sqlite"]
)
def test_kill_9_mid_import_again_and_again_stores_each_activity_once(
    broker: str, backend: str, kills: int, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    os.environ["FOOTFIX_DATA_DIR"] = str(data_dir)  # the handlers find the uploads here
    urls = database_url(backend, tmp_path), database_url(backend, tmp_path)
    try:
        clean_url, db_url = next(urls[0]), next(urls[1])
        with open_server_store(Settings(clean_url)) as clean:
            clean_uid = _import_job(clean, data_dir)
            job_worker.drain(clean)
            assert jobs.status(clean, local_actor(clean), clean_uid).status == "done"
            expected = _activity_count(clean)
        assert expected > 10
        env = worker_env(db_url, FOOTFIX_DATA_DIR=str(data_dir), FOOTFIX_JOB_LEASE_S="1.5")
        with open_server_store(Settings(db_url)) as store:
            uid = _import_job(store, data_dir)
            # somewhere in the job: each kill 0-0.4 s after the worker took it
            kills_done = kill_again_and_again(
                store, uid, env, kills, lambda: time.sleep(random.uniform(0.0, 0.4))
            )
            killed_mid_job = sum(k.mid_job for k in kills_done)
            last = start_worker(env)
            try:
                assert wait_done(store, [uid], 300) == ["done"]
            finally:
                stop_worker(last)
            assert killed_mid_job >= kills // 2, killed_mid_job  # most kills hit a running job
            assert _activity_count(store) == expected
            with store.read() as conn:
                assert conn.execute(select(func.count()).select_from(jobs_table)).scalar_one() == 1
    finally:
        os.environ.pop("FOOTFIX_DATA_DIR", None)
        for gen in urls:
            gen.close()
