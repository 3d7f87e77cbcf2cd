"""Use case: what the metrics endpoint says about background jobs, read from the jobs table.

The table, not a worker's memory, is the source of truth (see ``services.jobs``), so any web
worker answers the same: how many jobs wait, run and ended by kind, and how long the jobs that
finished in the last hour took.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from footfix.store import job_stats_repo
from footfix.store.store import Store

RECENT = dt.timedelta(hours=1)
MAX_DURATIONS = 10_000  # a bound on one scrape's work


@dataclass(frozen=True)
class JobFigures:
    counts: dict[tuple[str, str], int]  # (kind, status) → jobs
    durations: list[tuple[str, str, float]]  # (kind, status, seconds) of recently finished jobs

    def waiting(self) -> int:
        return sum(n for (_kind, status), n in self.counts.items() if status == "waiting")


def job_figures(store: Store, now: dt.datetime | None = None) -> JobFigures:
    now = now or dt.datetime.now(dt.UTC)
    with store.read() as conn:
        counts = job_stats_repo.counts(conn)
        finished = job_stats_repo.finished_since(conn, now - RECENT, MAX_DURATIONS)
    durations = [
        (kind, status, max(0.0, (end - start).total_seconds()))
        for kind, status, start, end in finished
    ]
    return JobFigures(counts, durations)
