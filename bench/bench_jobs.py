"""How jobs reach a worker: polling the jobs table, RabbitMQ, or Redis (Dramatiq), side by side.

For each way, on PostgreSQL (the at-scale database; SQLite when it cannot be reached): the
median time from ``jobs.submit`` to the job's row reading ``done`` for single jobs (pickup
latency), and the throughput of a burst of small jobs through one worker of 4 threads. The
job itself is a no-op, so the figures are the delivery's cost alone. Run with
``python -m bench jobs``; ``--quick`` runs fewer jobs.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from footfix.services import job_broker, job_worker, jobs
from footfix.services.identity import local_actor
from footfix.store.settings import Settings, sqlite_url
from footfix.store.store import Store, open_server_store

QUICK = "--quick" in sys.argv
SINGLES = 10 if QUICK else 30
BURST = 100 if QUICK else 400
PG_URL = os.environ.get(
    "FOOTFIX_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BROKERS = {
    "RabbitMQ": os.environ.get("FOOTFIX_BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/"),
    "Redis": os.environ.get("FOOTFIX_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
}


@jobs.register("bench_noop")
def _noop(ctx: jobs.JobContext) -> dict[str, int]:
    return {"n": int(ctx.params["n"])}


def _wait(store: Store, uids: list[str], timeout_s: float = 300) -> None:
    me = local_actor(store)
    deadline = time.monotonic() + timeout_s
    pending = list(uids)
    while pending and time.monotonic() < deadline:
        pending = [u for u in pending if jobs.status(store, me, u).status not in jobs.FINISHED]
        if pending:
            time.sleep(0.002)
    if pending:
        raise RuntimeError(f"{len(pending)} jobs not done in {timeout_s} s")


def _measure(store: Store, tag: str) -> tuple[float, float]:
    me = local_actor(store)
    latencies = []
    for n in range(SINGLES):
        started = time.perf_counter()
        job = jobs.submit(store, me, "bench_noop", {"n": n, "tag": tag, "kind": "single"})
        _wait(store, [job.uid])
        latencies.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    burst = [
        jobs.submit(store, me, "bench_noop", {"n": n, "tag": tag, "kind": "burst"}).uid
        for n in range(BURST)
    ]
    _wait(store, burst)
    return statistics.median(latencies), BURST / (time.perf_counter() - started)


@contextmanager
def _polling(store: Store) -> Iterator[None]:
    stop = threading.Event()
    threads = [
        threading.Thread(target=job_worker.run_forever, args=(store, stop), daemon=True)
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)


@contextmanager
def _brokered(store: Store, url: str) -> Iterator[None]:
    os.environ[job_broker.BROKER_URL_ENV] = url
    os.environ[job_broker.QUEUE_ENV] = f"footfix-bench-{uuid.uuid4().hex[:6]}"
    found = job_broker.configured()
    assert found is not None
    stop = threading.Event()
    thread = threading.Thread(target=found.work, args=(store, stop), kwargs={"threads": 4})
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(30)
        if hasattr(found.broker, "channel"):
            found.broker.channel.queue_delete(found.queue)
        found.close()
        os.environ.pop(job_broker.BROKER_URL_ENV)


def _database() -> tuple[str, Callable[[], None]]:
    try:
        import psycopg

        admin = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        name = f"footfix_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop() -> None:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return f"{PG_URL.rpartition('/')[0]}/{name}", drop
    except Exception:
        folder = tempfile.mkdtemp()
        return sqlite_url(Path(folder) / "jobs.sqlite3"), lambda: None


def main() -> None:
    url, drop = _database()
    label = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    try:
        with open_server_store(Settings(url)) as store:
            rows = []
            with _polling(store):
                rows.append(("table polling (1 s)", *_measure(store, "poll")))
            for name, broker in BROKERS.items():
                try:
                    with _brokered(store, broker):
                        rows.append((name, *_measure(store, name)))
                except Exception as err:  # a broker that is not running here: say so
                    print(f"jobs: {name} not measured ({err.__class__.__name__})")
    finally:
        drop()
    print(
        f"jobs ({label}, {dt.date.today()}): pickup median over {SINGLES} single jobs, "
        f"burst of {BURST} no-op jobs through 4 worker threads"
    )
    for name, latency, rate in rows:
        print(f"  {name:20s} pickup {latency:7.1f} ms   burst {rate:7.1f} jobs/s")


if __name__ == "__main__":
    main()
