"""Timing shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(
    action: Callable[[], object],
    repeats: int = 30,
    *,
    clock: Callable[[], float] = time.perf_counter,
    warm_up: bool = True,
) -> float:
    """Median time of ``action`` in milliseconds on ``clock`` (wall by default, or
    ``time.process_time`` for CPU), after one warm-up call unless a run is too dear to waste."""
    if warm_up:
        action()  # warm caches once
    times = []
    for _ in range(repeats):
        started = clock()
        action()
        times.append((clock() - started) * 1000)
    return statistics.median(times)
