"""Import many files: read each in a worker process, keep going past bad ones, drop duplicates.

Nothing is half-imported: a file either yields all its activities or is listed in ``skipped``
with the reason, and the caller stores the report's activities only after the whole run. Any
failure while reading one file, of whatever type, is that file's "skipped: why"; the limits
(:mod:`footfix.domain.limits`) keep any one file from exhausting a worker's memory.

Inputs are streamed: archives are walked once while earlier files are already being read, and
the SHA-256 of each file is taken from the bytes the reader parsed, never by reading it again.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import multiprocessing.pool
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from footfix.domain.limits import DEFAULT_LIMITS, Limits
from footfix.ingest.activity import Activity
from footfix.ingest.dedupe import remove_duplicates
from footfix.ingest.errors import IngestError
from footfix.ingest.reader import read_input_bytes
from footfix.ingest.sources import Input, iter_inputs

# below this many files a process pool costs more to start than it saves. The pool uses the
# platform's default start method (fork on Linux): workers only read files and return values.
_POOL_THRESHOLD = 8
_BATCH = 256  # inputs handed to the pool at a time: bounds what waits in memory

Progress = Callable[[int, int], None]  # (done, found so far)


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    reason: str
    kind: str  # CorruptFile, UnsupportedFormat, NotAnActivity, TooLarge, ...


@dataclass(frozen=True, slots=True)
class ImportReport:
    activities: tuple[Activity, ...]
    skipped: tuple[Skipped, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (kept, dropped)
    files_read: int = 0
    hashes: dict[str, str] = field(default_factory=dict)  # source → SHA-256 of its bytes

    @property
    def running(self) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.is_running)


_Result = tuple[list[Activity], Skipped | None, str | None]


def _skip(name: str, err: BaseException) -> Skipped:
    if isinstance(err, IngestError):
        return Skipped(name, err.reason, type(err).__name__)
    return Skipped(name, f"could not be read ({type(err).__name__}: {err})"[:300], "CorruptFile")


def _read_one(item: Input) -> _Result:
    try:
        raw = item.read()
        digest = hashlib.sha256(raw).hexdigest()
        return read_input_bytes(item, raw), None, digest
    except Exception as err:  # one file's failure never stops an import
        return [], _skip(item.name, err), None


def _quiet_worker() -> None:
    # Ctrl-C goes to the whole process group: the parent alone handles it and stops the pool,
    # so workers neither print tracebacks nor die holding the pool's queue lock
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _batches(found: Iterable[Input | IngestError], skipped: list[Skipped]) -> Iterator[list[Input]]:
    batch: list[Input] = []
    for item in found:
        if isinstance(item, IngestError):
            skipped.append(_skip(item.source, item))
            continue
        batch.append(item)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _pooled(pool: multiprocessing.pool.Pool, batch: list[Input], workers: int) -> Iterator[_Result]:
    chunk = max(1, min(16, len(batch) // (workers * 8)))
    return pool.imap(_read_one, batch, chunksize=chunk)


def import_paths(
    paths: list[Path],
    *,
    workers: int | None = None,
    on_progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportReport:
    """Read every activity under ``paths``. Bad files are skipped with a reason, never raised."""
    skipped: list[Skipped] = []
    activities: list[Activity] = []
    hashes: dict[str, str] = {}
    if workers is None:  # 0 or 1: read here with no process pool (a server's choice)
        workers = os.cpu_count() or 1
    batches = _batches(iter_inputs(paths, limits), skipped)
    first = next(batches, [])
    seen = len(first)
    pool: multiprocessing.pool.Pool | None = None
    if workers > 1 and len(first) >= _POOL_THRESHOLD:
        # multiprocessing.Pool rather than ProcessPoolExecutor: terminate() on an error or
        # Ctrl-C ends the workers at once instead of waiting for their current files.
        pool = multiprocessing.Pool(workers, initializer=_quiet_worker)
    done = 0
    try:
        for batch in itertools.chain([first], batches):
            seen += len(batch) if batch is not first else 0
            results = _pooled(pool, batch, workers) if pool else map(_read_one, batch)
            for item, (found, problem, digest) in zip(batch, results, strict=True):
                activities.extend(found)
                if problem:
                    skipped.append(problem)
                if digest and found:
                    hashes[item.name] = digest
                done += 1
                if on_progress:
                    on_progress(done, seen)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    unique, duplicates = remove_duplicates(activities)
    return ImportReport(
        activities=tuple(unique),
        skipped=tuple(skipped),
        duplicates=tuple(duplicates),
        files_read=done,
        hashes=hashes,
    )
