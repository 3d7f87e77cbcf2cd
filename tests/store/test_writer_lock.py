"""SQLite writers of different processes queue on a file lock beside the database
(store/writer_lock.py): one held elsewhere makes a writer here wait, up to the busy timeout,
then fail with a clear error; a process that dies lets go; the lock file is private."""

from __future__ import annotations

import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from footfix.store.errors import StoreError
from footfix.store.writer_lock import WriterLock

_HOLD = """
import sys, time
from footfix.store.writer_lock import WriterLock
with WriterLock(sys.argv[1], 5).held():
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _holder(database: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(database), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_a_write_waits_for_another_process_then_goes_on(tmp_path: Path) -> None:
    database = tmp_path / "footfix.sqlite3"
    holder = _holder(database, 0.5)
    start = time.monotonic()
    with WriterLock(str(database), 10).held():
        waited = time.monotonic() - start
    holder.wait()
    assert 0.2 < waited < 5  # it queued behind the other process, not the 10 s timeout
    mode = stat.S_IMODE((tmp_path / "footfix.sqlite3-writers.lock").stat().st_mode)
    assert mode == 0o600


def test_a_lock_held_too_long_is_a_clear_error_and_a_dead_holder_lets_go(tmp_path: Path) -> None:
    database = tmp_path / "footfix.sqlite3"
    holder = _holder(database, 60)
    lock = WriterLock(str(database), 0.3)
    with pytest.raises(StoreError, match="another process's write took too long"), lock.held():
        pass
    holder.kill()
    holder.wait()
    with lock.held():  # the kernel dropped the dead process's lock
        pass
