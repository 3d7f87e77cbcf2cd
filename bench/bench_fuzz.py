"""Long fuzz run of the readers, archives and case files: ``python -m bench fuzz``.

Prints, per seed, how many mutants were tried and the median and slowest CPU time per input
(untraced, as the tests measure it), and how far the slowest stays under the tests' bound
(``tests.hostile.fuzz.MAX_SECONDS``). Any other exception, a run past that bound or memory past
the limit stops the run with the failing input. ``FUZZ_EXAMPLES`` sets the count (default 2000).
"""

from __future__ import annotations

import os
import statistics

from hypothesis import HealthCheck, given, settings

from tests.hostile.fuzz import CASE, MAX_SECONDS, SEEDS, check_case, check_reader, mutated


def main() -> None:
    examples = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
    budget = settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    targets = {**{k: (v, check_reader) for k, v in SEEDS.items()}}
    targets["case"] = (CASE.encode(), lambda raw: check_case(raw.decode("utf-8", "replace")))
    slowest = 0.0
    for name, (seed, check) in targets.items():
        times: list[float] = []

        @budget
        @given(mutated(seed))
        def run(raw: bytes) -> None:
            times.append(check(raw))  # noqa: B023 - called within this loop iteration only

        run()
        slowest = max(slowest, max(times))
        print(
            f"{name:5s} {len(times):6d} inputs  CPU median {statistics.median(times) * 1000:7.2f}"
            f" ms  slowest {max(times) * 1000:7.1f} ms"
        )
    print(
        f"slowest input {slowest * 1000:.1f} ms of CPU: {MAX_SECONDS / slowest:.0f}x under the "
        f"tests' bound of {MAX_SECONDS:.1f} s"
    )
