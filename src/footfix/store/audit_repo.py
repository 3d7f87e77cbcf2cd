"""The audit log: one row per clinical decision or data access, never changed afterwards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from footfix.store.schema import audit_log


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor_uid: str
    action: str
    runner_uid: str | None
    detail: str


def add_entry(
    connection: Connection,
    *,
    at: dt.datetime,
    actor_uid: str,
    action: str,
    runner_uid: str | None,
    detail: str,
) -> None:
    connection.execute(
        insert(audit_log).values(
            at=at, actor_uid=actor_uid, action=action, runner_uid=runner_uid, detail=detail
        )
    )


def list_entries(
    connection: Connection,
    *,
    runner_uid: str | None = None,
    actor_uid: str | None = None,
    limit: int = 200,
) -> list[AuditRow]:
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if runner_uid is not None:
        query = query.where(audit_log.c.runner_uid == runner_uid)
    if actor_uid is not None:
        query = query.where(audit_log.c.actor_uid == actor_uid)
    return [AuditRow(**m) for m in connection.execute(query).mappings()]
