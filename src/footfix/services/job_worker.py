"""Workers that take due jobs from the database: a thread for ``footfix serve`` and the loop of
``footfix worker``. Several may run at once (PostgreSQL rows are claimed with SKIP LOCKED, SQLite
claims queue on its write lock); one killed mid-job hands its job on when its lease expires."""

from __future__ import annotations

import threading

from footfix.services import jobs
from footfix.store.store import Store


def drain(store: Store, *, worker: str | None = None, limit: int | None = None) -> int:
    """Run due jobs until none is due (or ``limit`` ran); returns how many ran."""
    ran = 0
    while limit is None or ran < limit:
        if jobs.run_next(store, worker=worker) is None:
            break
        ran += 1
    return ran


def run_forever(store: Store, stop: threading.Event, *, poll_s: float = 1.0) -> None:
    name = jobs.worker_name()
    while not stop.is_set():
        try:
            if jobs.run_next(store, worker=name) is not None:
                continue
        except Exception:
            pass
        stop.wait(poll_s)


class InProcessWorker:
    """One daemon thread running jobs beside the web app (the embedded default)."""

    def __init__(self, store: Store, *, poll_s: float = 1.0) -> None:
        self._store = store
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=run_forever,
            args=(store, self._stop),
            kwargs={"poll_s": poll_s},
            daemon=True,
            name="footfix-jobs",
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout_s)
