"""Results on stdout, progress and warnings on stderr: `footfix load ... > load.txt` works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.paths import WATCH

FOOTFIX = [sys.executable, "-m", "footfix"]
RUN = WATCH / "fit" / "garmin-fenix-5-run.fit"
NOT_WATCH = WATCH / "fit" / "invalid"


def _footfix(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FOOTFIX, *args], env=env, capture_output=True, text=True, timeout=120)


def test_load_and_import_print_results_on_stdout_and_warnings_on_stderr(tmp_path: Path) -> None:
    env = {**os.environ, "FOOTFIX_DATA_DIR": str(tmp_path), "COLUMNS": "120"}
    env.pop("FOOTFIX_DATABASE_URL", None)
    assert _footfix(env, "runner", "add", "ann").returncode == 0
    bad = sorted(NOT_WATCH.iterdir())[0]
    imported = _footfix(env, "import", str(RUN), str(bad), "--runner", "ann")
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 activity from 2 files: 1 run;" in imported.stdout
    assert "Stored for ann. 1 activity imported: 1 run;" in imported.stdout
    assert f"skipped {bad.name}" not in imported.stdout  # a warning, on stderr
    assert "skipped" in imported.stderr
    stored = _footfix(env, "load", "--runner", "ann")
    assert stored.returncode == 0, stored.stderr
    assert "Weekly running (km)" in stored.stdout and "1 stored activities of ann" in stored.stdout
    assert "Weekly running" not in stored.stderr
    from_files = _footfix(env, "load", str(RUN))
    assert "Weekly running (km)" in from_files.stdout and "Running dynamics" in from_files.stdout
    assert "Traceback" not in stored.stderr + from_files.stderr + imported.stderr
