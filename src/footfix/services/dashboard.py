"""The runner's dashboard: this week, the charts' data and the assessment history, worked out
once per change of anything it shows.

A dashboard reads eight weeks of logs, every run and the phase history (tens of milliseconds),
while what it shows changes only when the runner logs a day, a file is imported, an assessment
or a phase change is saved, or the day turns. So each result is kept per process under a key
read in one small query: the database, the viewer, the runner's own row, the runner's today,
and the count and newest id (and, for activities replaced in place, the newest import time) of
every table with the runner's rows. A write changes the key, so nothing needs invalidating,
and every web worker keeps its own copy. ``tests/web/test_dashboard_cache.py`` checks that
every table holding a runner's rows is in the key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import astuple, dataclass
from typing import Any

from footfix.services.charts import LoadChart, ProgressChart, load_chart, progress_chart
from footfix.services.identity import Actor, RunnerUid, find_runner
from footfix.services.runner_record import HistoryRow, history
from footfix.services.tracking import runner_today
from footfix.services.week_summary import ProgressOverview, overview
from footfix.services.weekly_load import dashboard_view
from footfix.store.data_versions import KEYED_TABLES, data_versions
from footfix.store.runners_repo import RunnerRow
from footfix.store.store import Store

#: dashboards kept per process (a few kB each without the chart drawings)
CACHE_SIZE = 1024
# The key covers every table with a runner's rows (``KEYED_TABLES``, checked against the
# schema by the tests); a day log's child rows come with a new revision row of the day.


@dataclass(frozen=True)
class Dashboard:
    overview: ProgressOverview
    progress: ProgressChart
    load: LoadChart | None
    history: list[HistoryRow]


_cache: OrderedDict[tuple[Any, ...], Dashboard | None] = OrderedDict()
_lock = threading.Lock()


def dashboard(store: Store, actor: Actor) -> Dashboard | None:
    """The signed-in runner's dashboard; None before any assessment (no week's plan before the
    warning signs have been asked)."""
    with store.read() as conn:
        runner = find_runner(conn, actor, None)
        where = store.settings.database_url  # a restored copy has the same ids elsewhere
        key = (where, actor.user_id, astuple(runner), runner_today(runner))
        key += data_versions(conn, runner.id)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    found = _build(store, actor, runner)
    with _lock:
        _cache[key] = found
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def cache_clear() -> None:
    with _lock:
        _cache.clear()


def _build(store: Store, actor: Actor, runner: RunnerRow) -> Dashboard | None:
    past = history(store, actor, None)
    if not past:
        return None
    found = overview(store, actor, None)
    chart = progress_chart(found.report, found.runner.units, bone_stress=found.runner.bone_stress)
    view = dashboard_view(store, actor, RunnerUid(runner.uid))
    return Dashboard(found, chart, load_chart(view) if view else None, past)


__all__ = ["KEYED_TABLES", "Dashboard", "cache_clear", "dashboard"]
