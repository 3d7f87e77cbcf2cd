"""Job rows: submit once per key, claim the next due job, record progress and the outcome.

A claim is a lease: a running job whose heartbeat is older than the lease is due again, which is
how a worker killed mid-job hands its job on (the row, not a broker, is the source of truth).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from footfix.store.column_types import new_id
from footfix.store.schema import jobs


@dataclass(frozen=True)
class JobRow:
    id: int
    uid: str
    owner_id: int
    kind: str
    job_key: str
    status: str
    progress: float
    params_json: str
    result_json: str | None
    error: str | None
    attempts: int
    max_attempts: int
    cancel_requested: bool
    not_before: dt.datetime
    created_at: dt.datetime
    started_at: dt.datetime | None
    heartbeat_at: dt.datetime | None
    finished_at: dt.datetime | None
    worker: str | None


def _row(mapping: object) -> JobRow:
    return JobRow(**dict(mapping))  # type: ignore[call-overload]


def find_by_key(connection: Connection, owner_id: int, kind: str, job_key: str) -> JobRow | None:
    query = select(jobs).where(
        jobs.c.owner_id == owner_id, jobs.c.kind == kind, jobs.c.job_key == job_key
    )
    found = connection.execute(query).mappings().first()
    return _row(found) if found else None


def add_job(
    connection: Connection,
    *,
    owner_id: int,
    kind: str,
    job_key: str,
    params_json: str,
    max_attempts: int,
    now: dt.datetime,
) -> JobRow:
    values = {
        "uid": str(uuid.uuid4()),
        "owner_id": owner_id,
        "kind": kind,
        "job_key": job_key,
        "status": "waiting",
        "progress": 0.0,
        "params_json": params_json,
        "attempts": 0,
        "max_attempts": max_attempts,
        "cancel_requested": False,
        "not_before": now,
        "created_at": now,
    }
    job_id = new_id(connection.execute(insert(jobs).values(**values)))
    return get_job(connection, job_id)


def get_job(connection: Connection, job_id: int) -> JobRow:
    return _row(connection.execute(select(jobs).where(jobs.c.id == job_id)).mappings().one())


def get_job_by_uid(connection: Connection, owner_id: int, uid: str) -> JobRow | None:
    query = select(jobs).where(jobs.c.uid == uid, jobs.c.owner_id == owner_id)
    found = connection.execute(query).mappings().first()
    return _row(found) if found else None


def list_jobs(connection: Connection, owner_id: int, limit: int) -> list[JobRow]:
    query = select(jobs).where(jobs.c.owner_id == owner_id).order_by(jobs.c.id.desc()).limit(limit)
    return [_row(m) for m in connection.execute(query).mappings()]


def waiting_ids(connection: Connection) -> list[str]:
    query = select(jobs.c.uid).where(jobs.c.status == "waiting").order_by(jobs.c.id)
    return list(connection.execute(query).scalars())


def due_uids(connection: Connection, *, now: dt.datetime, lease: dt.timedelta) -> list[str]:
    """Every job a worker could take now (as ``claim_next`` sees them), oldest first."""
    query = select(jobs.c.uid).where(_due(now, lease)).order_by(jobs.c.id)
    return list(connection.execute(query).scalars())


def not_before_of(connection: Connection, uid: str) -> dt.datetime | None:
    return connection.execute(select(jobs.c.not_before).where(jobs.c.uid == uid)).scalar()


def _due(now: dt.datetime, lease: dt.timedelta) -> Any:
    return or_(
        and_(jobs.c.status == "waiting", jobs.c.not_before <= now),
        and_(jobs.c.status == "running", jobs.c.heartbeat_at < now - lease),
    )


def update_job(connection: Connection, job_id: int, **values: object) -> None:
    connection.execute(update(jobs).where(jobs.c.id == job_id).values(**values))


def claim_next(
    connection: Connection,
    *,
    worker: str,
    now: dt.datetime,
    lease: dt.timedelta,
    uid: str | None = None,
) -> JobRow | None:
    """Take the oldest due job (waiting and due, or running with an expired lease). The new
    attempt starts from no progress and no message: a dead worker's 80 % is not this one's."""
    query = select(jobs.c.id).where(_due(now, lease)).order_by(jobs.c.id).limit(1)
    if uid is not None:
        query = query.where(jobs.c.uid == uid)
    if connection.dialect.name == "postgresql":  # several workers: each skips the others' rows
        query = query.with_for_update(skip_locked=True)
    job_id = connection.execute(query).scalar()
    if job_id is None:
        return None
    connection.execute(
        update(jobs)
        .where(jobs.c.id == job_id)
        .values(
            status="running",
            worker=worker,
            attempts=jobs.c.attempts + 1,
            progress=0.0,
            error=None,
            started_at=now,
            heartbeat_at=now,
        )
    )
    return get_job(connection, job_id)
