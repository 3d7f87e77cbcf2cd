"""Jobs over a real message broker: Dramatiq on RabbitMQ (``amqp://``) or Redis (``redis://``).

The jobs table stays the truth about every job (status, attempts, lease, result); the broker
only carries job ids to whichever ``footfix worker`` is free, on any machine. So:

- a message is sent after the row is committed, and again when a retry falls due;
- a worker acknowledges a message only when the job has ended (Dramatiq acks late), and a
  message for a job that is done, taken by another worker, or not due yet is simply dropped;
- a broker that lost its queue (Redis here keeps nothing on disk; a RabbitMQ queue is durable)
  or a message lost with a killed worker is made good by the sweep: when the queue holds no
  message ready, every due job in the table is sent again. A duplicate costs nothing: a job is
  claimed in the database, once.

Dramatiq's own retries are off: the jobs table counts attempts and sets the backoff.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Mapping
from functools import cache
from typing import Any

from footfix.errors import InvalidInput
from footfix.services import jobs
from footfix.store import jobs_repo
from footfix.store.store import Store

BROKER_URL_ENV = "FOOTFIX_BROKER_URL"
QUEUE_ENV = "FOOTFIX_JOB_QUEUE"
DEFAULT_QUEUE = "footfix-jobs"
ACTOR = "footfix_job"
# how often a worker looks for jobs the broker lost (a fault test shortens it)
SWEEP_S = float(os.environ.get("FOOTFIX_JOB_SWEEP_S") or 5)
# a job's own limit is its lease and heartbeat; Dramatiq's time limit only guards a hang
TIME_LIMIT_MS = 6 * 60 * 60 * 1000


def broker_url(env: Mapping[str, str] | None = None) -> str | None:
    env = os.environ if env is None else env
    return env.get(BROKER_URL_ENV, "").strip() or None


def queue_name(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    return env.get(QUEUE_ENV, "").strip() or DEFAULT_QUEUE


class JobBroker:
    """One process's connection to the broker and the job actor bound to it."""

    def __init__(self, url: str, queue: str = DEFAULT_QUEUE) -> None:
        import dramatiq
        from dramatiq.middleware import ShutdownNotifications, TimeLimit

        middleware = [TimeLimit(time_limit=TIME_LIMIT_MS), ShutdownNotifications()]
        scheme = url.partition("://")[0]
        broker: Any
        if scheme in ("amqp", "amqps"):
            from dramatiq.brokers.rabbitmq import RabbitmqBroker

            broker = RabbitmqBroker(url=url, middleware=middleware, confirm_delivery=True)
        elif scheme in ("redis", "rediss"):
            from dramatiq.brokers.redis import RedisBroker

            broker = RedisBroker(url=url, middleware=middleware)  # type: ignore[no-untyped-call]
        else:
            raise InvalidInput(f"{BROKER_URL_ENV} must start with amqp:// or redis://")
        self.url = url
        self.queue = queue
        self.broker = broker
        self._store: Store | None = None
        self.actor = dramatiq.Actor(
            self._take,
            broker=broker,
            actor_name=ACTOR,
            queue_name=queue,
            priority=0,
            options={},
        )

    # --- sending -------------------------------------------------------------------------
    def send(self, job_uid: str, *, delay: dt.timedelta | None = None) -> None:
        ms = max(0, int(delay.total_seconds() * 1000)) if delay else None
        self.actor.send_with_options(args=(job_uid,), delay=ms)

    def ready_messages(self) -> int:
        """Messages waiting in the queue (not counting delayed ones or those being worked)."""
        try:
            return self._ready_messages()
        except Exception:
            self._reconnect()  # a broker restarted since: this thread's connection is dead
            return self._ready_messages()

    def _ready_messages(self) -> int:
        if hasattr(self.broker, "get_queue_message_counts"):  # RabbitMQ
            ready, _delayed, _dead = self.broker.get_queue_message_counts(self.queue)
            return int(ready)
        client = self.broker.client  # Redis: the queue is a list of message ids
        return int(client.llen(f"{self.broker.namespace}:{self.queue}"))

    def _reconnect(self) -> None:
        if hasattr(self.broker, "channel"):
            with contextlib.suppress(Exception):
                del self.broker.connection

    def sweep(self, store: Store) -> int:
        """When the queue is empty, send every due job again; returns how many were sent."""
        if self.ready_messages() > 0:
            return 0
        now = dt.datetime.now(dt.UTC)
        with store.read() as conn:
            due = jobs_repo.due_uids(conn, now=now, lease=jobs.LEASE)
        for uid in due:
            self.send(uid)
        return len(due)

    # --- consuming -----------------------------------------------------------------------
    def _take(self, job_uid: str) -> None:
        store = self._store
        if store is None:  # a message taken by a process that is not a worker
            raise RuntimeError("no store: only 'footfix worker' consumes jobs")
        view = jobs.run_next(store, uid=job_uid)
        if view is not None and view.status == "waiting":  # retried: due again after backoff
            self.send(job_uid, delay=_until_due(store, job_uid))

    def work(self, store: Store, stop: threading.Event, *, threads: int = 1) -> None:
        """Consume jobs until ``stop`` is set, sweeping for lost ones every few seconds."""
        from dramatiq import Worker

        self._store = store
        worker = Worker(self.broker, queues={self.queue}, worker_threads=threads)
        # one message per thread (Dramatiq takes two): a video job is many seconds of CPU, and
        # one held in a busy worker's buffer would wait while another worker is idle
        worker.queue_prefetch = threads
        worker.start()
        try:
            while not stop.is_set():
                # a broker away for a moment: the next sweep tries again
                with contextlib.suppress(Exception):
                    self.sweep(store)
                stop.wait(SWEEP_S)
        finally:
            worker.stop(timeout=10_000)
            self._store = None

    def close(self) -> None:
        self.broker.close()


def _until_due(store: Store, job_uid: str) -> dt.timedelta:
    with store.read() as conn:
        not_before = jobs_repo.not_before_of(conn, job_uid)
    if not_before is None:
        return dt.timedelta(0)
    if not_before.tzinfo is None:  # SQLite gives naive UTC back
        not_before = not_before.replace(tzinfo=dt.UTC)
    return max(dt.timedelta(0), not_before - dt.datetime.now(dt.UTC))


@cache
def _process_broker(url: str, queue: str) -> JobBroker:
    return JobBroker(url, queue)


def configured() -> JobBroker | None:
    """This process's broker when ``FOOTFIX_BROKER_URL`` is set, else None (jobs are polled)."""
    url = broker_url()
    return _process_broker(url, queue_name()) if url else None


def announce(job: jobs.JobView, delay: dt.timedelta | None = None) -> None:
    """Tell the workers about a waiting job. Without a broker, the pollers find it; when the
    broker cannot be reached the job stays waiting and a worker's sweep sends it later."""
    if job.status != "waiting" or broker_url() is None:
        return
    # the row is the truth: a worker's sweep sends what could not be delivered now
    with contextlib.suppress(Exception):
        found = configured()
        if found is not None:
            found.send(job.uid, delay=delay)
