"""Long fuzz run of the readers, archives and case files: ``python -m bench fuzz``.

Prints, per seed, how many mutants were tried, how many were refused with footfix's own error,
and the median and slowest time per input. Any other exception, a run over 2 s or memory past
the limit stops the run with the failing input. ``FUZZ_EXAMPLES`` sets the count (default 2000).
"""

from __future__ import annotations

import os
import statistics
import time

from hypothesis import HealthCheck, given, settings

from tests.hostile.fuzz import CASE, SEEDS, check_case, check_reader, mutated


def main() -> None:
    examples = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
    budget = settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    targets = {**{k: (v, check_reader) for k, v in SEEDS.items()}}
    targets["case"] = (CASE.encode(), lambda raw: check_case(raw.decode("utf-8", "replace")))
    for name, (seed, check) in targets.items():
        times: list[float] = []

        @budget
        @given(mutated(seed))
        def run(raw: bytes) -> None:
            started = time.perf_counter()
            check(raw)  # noqa: B023 - called within this loop iteration only
            times.append(time.perf_counter() - started)  # noqa: B023

        run()
        print(
            f"{name:5s} {len(times):6d} inputs  median {statistics.median(times) * 1000:7.2f} ms"
            f"  slowest {max(times) * 1000:7.1f} ms"
        )
