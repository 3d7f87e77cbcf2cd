"""Core speed: assessments per second in process (one core), and a cold `footfix assess`.

Targets: at least 1,000 assessments per second per core; a cold CLI run under 1 s.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SHARED_CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "cases"
EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "footfix" / "examples" / "demo-runner.yaml"


def _cases() -> list[Path]:
    found = sorted(SHARED_CASES.glob("*.yaml"))
    return found or [EXAMPLE]


def in_process(rounds: int = 7, per_round: int = 300) -> list[float]:
    from footfix.assess import assess
    from footfix.intake.load import load_case
    from footfix.knowledge.kb import load_default

    kb = load_default()
    cases = [load_case(p) for p in _cases()]
    for case in cases:  # warm caches
        assess(case, kb)
    rates = []
    for _ in range(rounds):
        # CPU time of this process: a per-core rate that other work on the machine cannot skew
        start = time.process_time()
        for i in range(per_round):
            assess(cases[i % len(cases)], kb)
        rates.append(per_round / (time.process_time() - start))
    return rates


def cold_cli(runs: int = 7) -> list[float]:
    exe = shutil.which("footfix") or str(Path(sys.executable).parent / "footfix")
    case = str(_cases()[0])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, "assess", case, "--json"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def reference_loop_ms() -> float:
    """A fixed pure-Python loop: the shared machine's speed varies, so it is printed too."""
    start = time.process_time()
    total = 0
    for i in range(3_000_000):
        total += i
    return (time.process_time() - start) * 1000


def main() -> None:
    print(f"machine reference: 3M-step Python loop {reference_loop_ms():.0f} ms of CPU")
    rates = in_process()
    median = statistics.median(rates)
    print(
        f"assessments per CPU-second, one process (per core): median {median:,.0f} "
        f"(min {min(rates):,.0f}, max {max(rates):,.0f}; {len(_cases())} cases; target >= 1,000)"
    )
    from bench.calibration import report

    print("calibration of the top tissue by likelihood band (example cases and vignettes):")
    print("\n".join(report()))
    ms = [t * 1000 for t in cold_cli()]
    print(
        f"cold `footfix assess CASE --json` wall time: median {statistics.median(ms):.0f} ms "
        f"(min {min(ms):.0f}, max {max(ms):.0f}; target < 1000 ms)"
    )


if __name__ == "__main__":
    main()
