"""Real ``footfix worker`` processes and fresh queues on this machine's brokers, for the job
tests: start, stop, wait, and kill -9 again and again at random moments while one job runs."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from footfix.services import job_broker, jobs
from footfix.services.identity import local_actor
from footfix.store.schema import jobs as jobs_table
from footfix.store.store import Store

BROKERS = {
    "rabbitmq": os.environ.get("FOOTFIX_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/"),
    "redis": os.environ.get("FOOTFIX_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
}


def _reachable(url: str) -> bool:
    try:
        found = job_broker.JobBroker(url, f"probe-{uuid.uuid4().hex[:6]}")
        found.ready_messages()
    except Exception:
        return False
    found.close()
    return True


@contextlib.contextmanager
def broker_queue(name: str) -> Iterator[str]:
    """A fresh queue on the named broker, set in this process's environment (which the workers
    started meanwhile inherit); the queue is deleted after."""
    url = BROKERS[name]
    if not _reachable(url):
        if os.environ.get("FOOTFIX_REQUIRE_POSTGRES"):  # CI runs every local service for real
            pytest.fail(f"the {name} broker on this machine is not reachable")
        pytest.skip(f"no {name} broker here")
    before = {k: os.environ.get(k) for k in (job_broker.BROKER_URL_ENV, job_broker.QUEUE_ENV)}
    os.environ[job_broker.BROKER_URL_ENV] = url
    os.environ[job_broker.QUEUE_ENV] = f"footfix-test-{uuid.uuid4().hex[:8]}"
    try:
        yield name
    finally:
        found = job_broker.configured()
        if found is not None:
            with contextlib.suppress(Exception):  # a broker the test stopped: nothing to drop
                drop_queue(found)
            found.close()
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def drop_queue(found: job_broker.JobBroker) -> None:
    if hasattr(found.broker, "channel"):
        for name in (found.queue, f"{found.queue}.DQ", f"{found.queue}.XQ"):
            found.broker.channel.queue_delete(name)
    else:
        found.broker.client.delete(f"{found.broker.namespace}:{found.queue}")


def worker_env(db_url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "FOOTFIX_DATABASE_URL": db_url, "FOOTFIX_JOB_SWEEP_S": "0.5", **extra}


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "footfix", "worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(10)


def wait_done(store: Store, uids: list[str], timeout_s: float = 120) -> list[str]:
    """The jobs' statuses once all have ended (whoever owns them), or as they are at the timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        with store.read() as conn:
            found = dict(
                conn.execute(
                    select(jobs_table.c.uid, jobs_table.c.status).where(jobs_table.c.uid.in_(uids))
                ).all()
            )
        states = [str(found.get(uid)) for uid in uids]
        if all(s in jobs.FINISHED for s in states) or time.monotonic() > deadline:
            return states
        time.sleep(0.1)


def running_on(store: Store, uid: str, pid: int) -> bool:
    with store.read() as conn:
        row = conn.execute(select(jobs_table).where(jobs_table.c.uid == uid)).one()
    return row.status == "running" and str(row.worker or "").endswith(f":{pid}")


@dataclass(frozen=True)
class Kill:
    mid_job: bool  # the job was running on the killed worker
    progress: float  # the job's recorded progress at the kill
    claimed_after_s: float  # from the worker's start until it had taken the job


def progress_of_this_run(store: Store, uid: str) -> float | None:
    """The running job's progress as its current worker reported it; None before that worker's
    first report (the row still holds the killed run's figure) or when it is not running."""
    with store.read() as conn:
        row = conn.execute(select(jobs_table).where(jobs_table.c.uid == uid)).one()
    reported = row.heartbeat_at is not None and row.heartbeat_at > row.started_at
    return float(row.progress) if row.status == "running" and reported else None


def kill_again_and_again(
    store: Store, uid: str, env: dict[str, str], kills: int, moment: Callable[[], None]
) -> list[Kill]:
    """``kills`` times: start a worker, wait until it has taken job ``uid``, let it work until
    ``moment()`` returns (the random moment), then kill -9 it."""
    me = local_actor(store)
    done: list[Kill] = []
    for _ in range(kills):
        worker = start_worker(env)
        started = time.monotonic()
        deadline = started + 60
        while time.monotonic() < deadline and worker.poll() is None:
            if running_on(store, uid, worker.pid):
                break
            if jobs.status(store, me, uid).status == "done":
                break
            time.sleep(0.02)
        claimed_after_s = time.monotonic() - started
        moment()
        hit = running_on(store, uid, worker.pid)
        progress = jobs.status(store, me, uid).progress
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        done.append(Kill(hit, progress, claimed_after_s))
    return done
