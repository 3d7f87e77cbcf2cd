"""Coverage-guided fuzzing (atheris) of the FIT, GPX, TCX readers and the case intake: a short
budget here (a few seconds each), a long one in ``python -m bench fuzz_atheris_long``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 3


@pytest.mark.parametrize("target", ["fit", "gpx", "tcx", "case"])
def test_a_short_coverage_guided_run_finds_no_crash(target: str, tmp_path: Path) -> None:
    # Through a shell that forks: a child forked straight from this process starts with its
    # peak memory (Linux keeps the high-water mark across fork and exec), and after the video
    # tests that is past libFuzzer's 2 GB limit before a single input has run.
    fuzz = [
        sys.executable,
        "-m",
        "bench.fuzz_atheris",
        target,
        f"-max_total_time={SECONDS}",
        f"-artifact_prefix={tmp_path}/",
    ]  # a crashing input is kept there, not in the tree
    done = subprocess.run(
        ["/bin/sh", "-c", '"$0" "$@"; exit $?', *fuzz],
        cwd=ROOT,
        env={**os.environ, "FOOTFIX_FUZZ_CORPUS": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    runs = re.search(r"Done (\d+) runs", done.stderr)
    assert runs is not None and int(runs.group(1)) > 50, done.stderr[-2000:]
