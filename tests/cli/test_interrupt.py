"""Ctrl-C during ``footfix import`` of a large folder: a quick, quiet, complete stop.

The signal goes to the whole process group, as a terminal sends it, while the worker pool is
reading files.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from footfix.services import watch_import
from footfix.services.identity import RunnerName, local_actor
from footfix.services.settings import load_settings
from footfix.services.store_access import open_store
from tests.paths import WATCH

FOOTFIX = [sys.executable, "-m", "footfix"]
BIG_FILE = WATCH / "fit" / "activity-large-fenxi2-multisport.fit"  # about 1 MB, slow to read
COPIES = 40  # enough work for the pool to be busy for many seconds on two cores


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def _group_alive(pgid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-g", str(pgid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def test_ctrl_c_stops_import_at_once_and_stores_nothing_half_read(tmp_path: Path) -> None:
    env = {**os.environ, "FOOTFIX_DATA_DIR": str(tmp_path / "data"), "FOOTFIX_NO_KB_CACHE": "1"}
    env.pop("FOOTFIX_DATABASE_URL", None)

    def footfix(*args: str) -> None:
        done = subprocess.run([*FOOTFIX, *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    footfix("runner", "add", "ann")
    footfix("import", str(WATCH / "fit" / "garmin-fenix-5-run.fit"), "--runner", "ann")
    settings = load_settings(env)
    with open_store(settings) as store:
        before = watch_import.stored_load(store, local_actor(store), RunnerName("ann")).activities
    assert len(before) == 1

    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(COPIES):
        shutil.copyfile(BIG_FILE, folder / f"run-{i:03d}.fit")
    proc = subprocess.Popen(
        [*FOOTFIX, "import", str(folder), "--runner", "ann"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a job in a terminal
    )
    deadline = time.monotonic() + 60
    while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the worker pool is reading
    assert len(_children(proc.pid)) >= 2, "the import never started its worker pool"
    time.sleep(0.5)
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    took = time.monotonic() - sent
    assert took < 2.0, f"took {took:.1f} s to stop"
    assert proc.returncode == 130
    assert "Traceback" not in out + err
    assert "Interrupted" in err
    time.sleep(0.2)
    assert _group_alive(proc.pid) == [], "a worker process outlived the import"
    with open_store(settings) as store:
        after = watch_import.stored_load(store, local_actor(store), RunnerName("ann")).activities
    assert [a.source for a in after] == [a.source for a in before]
