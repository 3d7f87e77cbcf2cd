"""Background jobs: submit, status, cancel and list for their owner; run one due job.

Every long task (video analysis, watch import, an export, a report, a re-assessment) is a job
whose row holds its status, progress, result and error. The same handler code runs wherever a
job is taken: the web's in-process worker thread, inline in the CLI, or a ``footfix worker``.

- **Idempotent.** A job is keyed by owner + kind + a key the caller derives from the content
  (an upload's sha256, a runner's uid and the export options); submitting again returns the
  job already there. Handlers store through idempotent services (imports skip files already
  stored by hash), so a retry after a crash stores nothing twice.
- **Acknowledged late.** A job leaves ``running`` only when its handler has returned: a worker
  killed mid-job leaves a lease that expires (``LEASE``), and the job is due again.
- **Retries.** A transient error (the database busy or gone, a file system error) is retried
  with exponential backoff up to ``max_attempts``; a footfix error (bad input) parks the job
  as ``failed`` at once, with its message as the readable error.
- **Cancellable.** Cancelling a waiting job ends it; a running one is asked to stop and stops
  at its next progress report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from footfix.errors import ErrorKind, FootfixError
from footfix.services.errors import ServiceError, as_footfix_error
from footfix.services.identity import Actor
from footfix.store import jobs_repo
from footfix.store.errors import StoreError
from footfix.store.jobs_repo import JobRow
from footfix.store.store import Store

JobStatus = Literal["waiting", "running", "done", "failed", "cancelled"]
FINISHED = frozenset({"done", "failed", "cancelled"})
# how long a running job's last progress report holds it; a deployer (or a fault test) may
# shorten it so a killed worker's job is taken again sooner
LEASE = dt.timedelta(seconds=float(os.environ.get("FOOTFIX_JOB_LEASE_S") or 120))
HEARTBEAT = dt.timedelta(seconds=10)
DEFAULT_ATTEMPTS = 5
BACKOFF_BASE = dt.timedelta(seconds=2)
BACKOFF_MAX = dt.timedelta(minutes=10)


class JobCancelled(ServiceError):
    kind = ErrorKind.CANCELLED


class JobNotFound(ServiceError):
    kind = ErrorKind.NOT_FOUND


@dataclass(frozen=True)
class JobView:
    """What an owner may see of a job (the API's job status shape)."""

    uid: str
    kind: str
    status: JobStatus
    progress: float
    result: Any
    error: str | None
    attempts: int
    created_at: dt.datetime
    finished_at: dt.datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.uid,
            "kind": self.kind,
            "status": self.status,
            "progress": round(self.progress, 3),
            "result": self.result,
            "error": self.error,
            "attempts": self.attempts,
            "created_at": self.created_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


def _view(row: JobRow) -> JobView:
    result = json.loads(row.result_json) if row.result_json else None
    status: JobStatus = row.status  # type: ignore[assignment]
    return JobView(
        row.uid,
        row.kind,
        status,
        row.progress,
        result,
        row.error,
        row.attempts,
        row.created_at,
        row.finished_at,
    )


class JobContext:
    """What a handler gets: its parameters, the owner, and a way to report progress."""

    def __init__(self, store: Store, row: JobRow, actor: Actor) -> None:
        self.store = store
        self.row = row
        self.actor = actor
        self.params: dict[str, Any] = json.loads(row.params_json)
        self._last_beat = _now()

    def progress(self, fraction: float) -> None:
        """Record progress (0–1), renew the lease, and stop if the owner cancelled."""
        now = _now()
        with self.store.write() as conn:
            current = jobs_repo.get_job(conn, self.row.id)
            if current.cancel_requested:
                raise JobCancelled("the job was cancelled by its owner")
            jobs_repo.update_job(
                conn, self.row.id, progress=max(0.0, min(1.0, fraction)), heartbeat_at=now
            )
        self._last_beat = now


Handler = Callable[[JobContext], Any]
_HANDLERS: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    """Declare the handler of a job kind (its result must be JSON-serialisable)."""

    def add(handler: Handler) -> Handler:
        _HANDLERS[kind] = handler
        return handler

    return add


def job_kinds() -> frozenset[str]:
    _load_builtin_handlers()
    return frozenset(_HANDLERS)


def content_key(*parts: str | bytes) -> str:
    """A job key from the content a job works on (hashes, uids, options)."""
    digest = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "big") + raw)
    return digest.hexdigest()


def submit(
    store: Store,
    actor: Actor,
    kind: str,
    params: Mapping[str, Any],
    *,
    key: str | None = None,
    max_attempts: int = DEFAULT_ATTEMPTS,
) -> JobView:
    """The owner's job of this kind and key: the existing one, or a new waiting one. A job that
    failed or was cancelled is started again; a finished one is returned as it is."""
    if kind not in job_kinds():
        raise ServiceError(f"unknown job kind {kind!r}")
    params_json = json.dumps(dict(params), sort_keys=True)
    job_key = key or content_key(kind, params_json)
    now = _now()
    with store.write() as conn:
        found = jobs_repo.find_by_key(conn, actor.user_id, kind, job_key)
        if found is None:
            found = jobs_repo.add_job(
                conn,
                owner_id=actor.user_id,
                kind=kind,
                job_key=job_key,
                params_json=params_json,
                max_attempts=max_attempts,
                now=now,
            )
        elif found.status in ("failed", "cancelled"):
            jobs_repo.update_job(
                conn,
                found.id,
                status="waiting",
                progress=0.0,
                error=None,
                attempts=0,
                cancel_requested=False,
                not_before=now,
                finished_at=None,
            )
            found = jobs_repo.get_job(conn, found.id)
    view = _view(found)
    from footfix.services import job_broker  # a broker, when configured, tells the workers

    job_broker.announce(view)
    return view


def status(store: Store, actor: Actor, job_uid: str) -> JobView:
    with store.read() as conn:
        found = jobs_repo.get_job_by_uid(conn, actor.user_id, job_uid)
    if found is None:
        raise JobNotFound("no such job")
    return _view(found)


def list_jobs(store: Store, actor: Actor, *, limit: int = 50) -> list[JobView]:
    with store.read() as conn:
        return [_view(r) for r in jobs_repo.list_jobs(conn, actor.user_id, limit)]


def cancel(store: Store, actor: Actor, job_uid: str) -> JobView:
    """Stop the owner's job: at once when waiting, at its next progress report when running."""
    now = _now()
    with store.write() as conn:
        found = jobs_repo.get_job_by_uid(conn, actor.user_id, job_uid)
        if found is None:
            raise JobNotFound("no such job")
        if found.status == "waiting":
            jobs_repo.update_job(
                conn, found.id, status="cancelled", cancel_requested=True, finished_at=now
            )
        elif found.status == "running":
            jobs_repo.update_job(conn, found.id, cancel_requested=True)
        found = jobs_repo.get_job(conn, found.id)
    return _view(found)


def waiting_job_ids(store: Store) -> list[str]:
    """Every waiting job: what a broker that lost its queue is given again."""
    with store.read() as conn:
        return jobs_repo.waiting_ids(conn)


def worker_name() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def run_next(store: Store, *, worker: str | None = None, uid: str | None = None) -> JobView | None:
    """Claim one due job (``uid``: only that one) and run it to its end; None if none is due."""
    _load_builtin_handlers()
    now = _now()
    with store.write() as conn:
        row = jobs_repo.claim_next(
            conn, worker=worker or worker_name(), now=now, lease=LEASE, uid=uid
        )
        if row is None:
            return None
        owner = _owner(conn, row.owner_id)
    if row.cancel_requested:
        return _finish(store, row, "cancelled", error="cancelled by its owner")
    handler = _HANDLERS.get(row.kind)
    if handler is None:
        return _finish(store, row, "failed", error=f"no handler for job kind {row.kind!r}")
    try:
        result = handler(JobContext(store, row, owner))
    except JobCancelled:
        return _finish(store, row, "cancelled", error="cancelled by its owner")
    except (FootfixError, StoreError) as err:
        known = as_footfix_error(err)
        if known is None or known.kind is ErrorKind.UNAVAILABLE:
            return _retry_or_park(store, row, str(err))
        return _finish(store, row, "failed", error=str(err))
    except (OSError, TimeoutError) as err:
        return _retry_or_park(store, row, f"{type(err).__name__}: {err}")
    except Exception as err:
        return _retry_or_park(store, row, f"internal error ({type(err).__name__})")
    return _finish(store, row, "done", result=result)


def _owner(conn: Any, owner_id: int) -> Actor:
    from footfix.store import users_repo

    user = users_repo.get_user(conn, owner_id)
    if user is None:
        raise StoreError("the job's owner no longer exists")
    return Actor.of(user)


def _retry_or_park(store: Store, row: JobRow, error: str) -> JobView:
    if row.attempts >= row.max_attempts:
        return _finish(
            store, row, "failed", error=f"gave up after {row.attempts} attempts: {error}"
        )
    delay = min(BACKOFF_BASE * (2 ** (row.attempts - 1)), BACKOFF_MAX)
    with store.write() as conn:
        jobs_repo.update_job(
            conn, row.id, status="waiting", error=error, not_before=_now() + delay, worker=None
        )
        return _view(jobs_repo.get_job(conn, row.id))


def _finish(
    store: Store, row: JobRow, final: JobStatus, *, result: Any = None, error: str | None = None
) -> JobView:
    values: dict[str, Any] = {"status": final, "error": error, "finished_at": _now()}
    if final == "done":
        values.update(progress=1.0, result_json=json.dumps(result, sort_keys=True), error=None)
    with store.write() as conn:
        jobs_repo.update_job(conn, row.id, **values)
        return _view(jobs_repo.get_job(conn, row.id))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _load_builtin_handlers() -> None:
    from footfix.services import job_handlers  # noqa: F401 - registers on import
