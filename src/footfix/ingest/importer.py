"""Import many files: read each in a worker process, keep going past bad ones, drop duplicates.

Nothing is half-imported: a file either yields all its activities or is listed in ``skipped``
with the reason, and the caller stores the report's activities only after the whole run.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from footfix.ingest.activity import Activity
from footfix.ingest.dedupe import remove_duplicates
from footfix.ingest.errors import IngestError
from footfix.ingest.reader import read_input
from footfix.ingest.sources import Input, expand_paths

# below this many files a process pool costs more to start than it saves. The pool uses the
# platform's default start method (fork on Linux): workers only read files and return values.
_POOL_THRESHOLD = 8


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; only the parent handles it (and then ends the
    # workers), so a worker never prints a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    reason: str
    kind: str  # CorruptFile, UnsupportedFormat, NotAnActivity, ...


@dataclass(frozen=True, slots=True)
class ImportReport:
    activities: tuple[Activity, ...]
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (kept, dropped)
    files_read: int = 0

    @property
    def running(self) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.is_running)


def _read_one(item: Input) -> tuple[list[Activity], Skipped | None]:
    try:
        return read_input(item), None
    except IngestError as err:
        return [], Skipped(item.name, err.reason, type(err).__name__)


def import_paths(
    paths: list[Path], *, workers: int | None = None, on_progress: Progress | None = None
) -> ImportReport:
    """Read every activity under ``paths``. Bad files are skipped with a reason, never raised."""
    inputs, problems = expand_paths(paths)
    skipped = [Skipped(p.source, p.reason, type(p).__name__) for p in problems]
    activities: list[Activity] = []
    total = len(inputs)
    workers = workers or os.cpu_count() or 1
    if workers > 1 and total >= _POOL_THRESHOLD:
        # multiprocessing.Pool rather than ProcessPoolExecutor: leaving its block on an error or
        # Ctrl-C terminates the workers at once instead of waiting for their current files.
        with multiprocessing.Pool(workers, initializer=_ignore_sigint) as pool:
            chunk = max(1, min(16, total // (workers * 8)))
            results = pool.imap(_read_one, inputs, chunksize=chunk)
            for done, (found, problem) in enumerate(results, start=1):
                activities.extend(found)
                skipped.extend([problem] if problem else [])
                if on_progress:
                    on_progress(done, total)
    else:
        for done, item in enumerate(inputs, start=1):
            found, problem = _read_one(item)
            activities.extend(found)
            skipped.extend([problem] if problem else [])
            if on_progress:
                on_progress(done, total)
    unique, duplicates = remove_duplicates(activities)
    return ImportReport(
        activities=tuple(unique),
        skipped=tuple(skipped),
        duplicates=tuple(duplicates),
        files_read=total,
    )
