"""Long coverage-guided fuzz run: ``python -m bench fuzz_atheris_long``.

Each atheris target (FIT, GPX, TCX, case intake) runs for ``FUZZ_SECONDS`` (default 120) in its
own process; prints the number of inputs tried and their rate, and stops at the first crash.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time

TARGETS = ("fit", "gpx", "tcx", "case")


def main() -> None:
    seconds = int(os.environ.get("FUZZ_SECONDS", "120"))
    for target in TARGETS:
        with tempfile.TemporaryDirectory() as corpus:
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "bench.fuzz_atheris", target, f"-max_total_time={seconds}"],
                env={**os.environ, "FOOTFIX_FUZZ_CORPUS": corpus},
                capture_output=True,
                text=True,
                check=False,
            )
            took = time.monotonic() - started
            runs = re.search(r"Done (\d+) runs", done.stderr)
            if done.returncode != 0 or runs is None:
                print(done.stderr[-4000:])
                sys.exit(f"{target}: crash or error (exit {done.returncode})")
            count = int(runs.group(1))
            print(
                f"{target:5s} {count:9d} inputs in {took:6.1f} s ({count / took:8.0f}/s), no crash"
            )
