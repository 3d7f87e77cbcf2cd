"""One SQLite writer at a time across threads *and* processes, queued without SQLite's sleeps.

SQLite lets one transaction write at a time. A writer that finds the file locked waits in
SQLite's busy handler, which polls with sleeps of up to 100 ms: under two web workers posting
logs, an unlucky request waited 1-3 s (``bench/bench_web.py``). Threads of a process queue on a
lock here; processes on an exclusive ``flock`` of a lock file beside the database, tried every
half millisecond until the busy timeout. A process that dies lets go of its ``flock``.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from footfix.private_files import create_private
from footfix.store.errors import StoreError

try:
    import fcntl
except ImportError:  # not on POSIX: processes meet SQLite's busy timeout instead
    fcntl = None  # type: ignore[assignment]

POLL_S = 0.0005


class WriterLock:
    def __init__(self, database: str | None, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._threads = threading.Lock()
        on_disk = database and database != ":memory:" and not database.startswith("file:")
        self._path = Path(f"{database}-writers.lock").expanduser() if on_disk else None
        self._fd: int | None = None
        self._pid = 0

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        deadline = time.monotonic() + self.timeout_s
        if not self._threads.acquire(timeout=self.timeout_s):
            raise StoreError("the database was busy: another write of this process took too long")
        try:
            fd = self._file()
            if fd is None:
                yield
                return
            self._lock(fd, deadline)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def _file(self) -> int | None:
        if self._path is None or fcntl is None:
            return None
        if self._fd is None or self._pid != os.getpid():  # a forked child opens its own
            create_private(self._path)
            self._fd = os.open(self._path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
            self._pid = os.getpid()
        return self._fd

    @staticmethod
    def _lock(fd: int, deadline: float) -> None:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        "the database was busy: another process's write took too long"
                    ) from None
                time.sleep(POLL_S)

    def close(self) -> None:
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = None
