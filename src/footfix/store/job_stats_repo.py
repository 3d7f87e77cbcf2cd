"""Figures about the jobs table as a whole, for monitoring: counts by kind and status, and how
long recently finished jobs ran. Nothing here names an owner or reads a job's params or result."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, func, select

from footfix.store.schema import jobs


def counts(connection: Connection) -> dict[tuple[str, str], int]:
    """Jobs per (kind, status)."""
    query = select(jobs.c.kind, jobs.c.status, func.count()).group_by(jobs.c.kind, jobs.c.status)
    return {(kind, status): int(n) for kind, status, n in connection.execute(query)}


def finished_since(
    connection: Connection, since: dt.datetime, limit: int
) -> list[tuple[str, str, dt.datetime, dt.datetime]]:
    """(kind, status, started_at, finished_at) of jobs that ran and finished after ``since``."""
    query = (
        select(jobs.c.kind, jobs.c.status, jobs.c.started_at, jobs.c.finished_at)
        .where(jobs.c.finished_at >= since, jobs.c.started_at.is_not(None))
        .order_by(jobs.c.finished_at.desc())
        .limit(limit)
    )
    return [(k, s, a, b) for k, s, a, b in connection.execute(query)]
