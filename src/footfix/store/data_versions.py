"""A cheap fingerprint of everything stored for one runner: for caches of views derived from it
(the dashboard, :mod:`footfix.services.dashboard`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from footfix.store.engine import Connection
from footfix.store.schema import (
    activities,
    assessments,
    day_logs,
    outcome_records,
    phase_changes,
    plan_versions,
    plans,
)

_RUNNER_TABLES = (assessments, plans, day_logs, phase_changes, activities, outcome_records)
#: every table whose rows belong to a runner and are shown to them (tests check the schema)
KEYED_TABLES = frozenset(t.name for t in (*_RUNNER_TABLES, plan_versions))


def data_versions(conn: Connection, runner_id: int) -> tuple[Any, ...]:
    """Count and newest id of the runner's rows in every keyed table, in one query."""
    owned = {t: t.c.runner_id == runner_id for t in _RUNNER_TABLES}
    owned[plan_versions] = plan_versions.c.plan_id.in_(select(plans.c.id).where(owned[plans]))
    columns: list[Any] = []
    for table, mine in owned.items():
        columns.append(select(func.count()).select_from(table).where(mine).scalar_subquery())
        columns.append(select(func.max(table.c.id)).where(mine).scalar_subquery())
    # an activity replaced by a richer copy keeps its row: its import time changes
    newest = select(func.max(activities.c.imported_at)).where(owned[activities])
    row = conn.execute(select(*columns, newest.scalar_subquery())).one()
    return tuple(v.isoformat() if isinstance(v, dt.datetime) else v for v in row)
