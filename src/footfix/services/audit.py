"""The audit log: who made which clinical decision or read which data, and when.

Entries name people and runners by uid, so they outlive a deleted account; their detail is a
short phrase chosen by the code (never health data typed by a user).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from footfix.services.identity import Actor
from footfix.store import audit_repo
from footfix.store.engine import Connection
from footfix.store.store import Store

ACTIONS = frozenset(
    {"assessment_saved", "phase_changed", "plan_version", "export", "import", "data_read"}
)


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor_uid: str
    action: str
    runner_uid: str | None
    detail: str


def record_in(
    conn: Connection, actor: Actor, action: str, *, runner_uid: str | None, detail: str = ""
) -> None:
    """Record inside the caller's write, so the decision and its entry commit together."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    audit_repo.add_entry(
        conn,
        at=dt.datetime.now(dt.UTC),
        actor_uid=actor.decider.uid,
        action=action,
        runner_uid=runner_uid,
        detail=detail[:500],
    )


def record(
    store: Store, actor: Actor, action: str, *, runner_uid: str | None, detail: str = ""
) -> None:
    with store.write() as conn:
        record_in(conn, actor, action, runner_uid=runner_uid, detail=detail)


def list_entries(
    store: Store, *, runner_uid: str | None = None, actor_uid: str | None = None, limit: int = 200
) -> list[AuditEntry]:
    """Newest first. Callers decide who may read the log (an admin, or the runner's own)."""
    with store.read() as conn:
        rows = audit_repo.list_entries(
            conn, runner_uid=runner_uid, actor_uid=actor_uid, limit=limit
        )
    return [AuditEntry(r.at, r.actor_uid, r.action, r.runner_uid, r.detail) for r in rows]
