"""kill -9 a real ``footfix worker`` in the middle of a multi-file import, start another: the
job finishes once in effect, with exactly the rows a clean run stores (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from footfix.services import job_worker, jobs, tracking, uploads
from footfix.services.identity import local_actor
from footfix.store.schema import activities
from footfix.store.schema import jobs as jobs_table
from footfix.store.settings import Settings
from footfix.store.store import Store, open_server_store
from tests.paths import WATCH

FILES = sorted(p for p in WATCH.rglob("*") if p.suffix in {".fit", ".gpx", ".tcx"})


def _submit(store: Store, data_dir: Path) -> str:
    me = local_actor(store)
    runner = tracking.add_runner(store, me, "ann", start=dt.date(2026, 1, 5))
    files = uploads.upload_store_from_env(data_dir, {})
    hashes = [uploads.save(store, files, me, p.read_bytes(), p.name).sha256 for p in FILES]
    job = jobs.submit(store, me, "watch_import", {"runner_uid": runner.uid, "uploads": hashes})
    return job.uid


def _activity_count(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(activities)).scalar_one())


@pytest.mark.slow
def test_kill_9_mid_import_then_restart_stores_each_activity_once(
    db_url: str, empty_db_url: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    env = {**os.environ, "FOOTFIX_DATABASE_URL": db_url, "FOOTFIX_DATA_DIR": str(data_dir)}
    os.environ["FOOTFIX_DATA_DIR"] = str(data_dir)  # the handler finds the uploads here
    try:
        with open_server_store(Settings(empty_db_url)) as clean:
            clean_uid = _submit(clean, data_dir)
            job_worker.drain(clean)
            assert jobs.status(clean, local_actor(clean), clean_uid).status == "done"
            expected = _activity_count(clean)
        assert expected > 10
        with open_server_store(Settings(db_url)) as store:
            uid = _submit(store, data_dir)
            worker = subprocess.Popen(
                [sys.executable, "-m", "footfix", "worker"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                view = jobs.status(store, local_actor(store), uid)
                if view.progress > 0.2 or view.status != "waiting":
                    break
                time.sleep(0.05)
            time.sleep(random.uniform(0.0, 0.5))  # somewhere in the storing of files
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
            killed = jobs.status(store, local_actor(store), uid)
            if killed.status == "running":  # as if its lease ran out
                with store.write() as conn:
                    stale = dt.datetime.now(dt.UTC) - jobs.LEASE * 2
                    conn.execute(update(jobs_table).values(heartbeat_at=stale))
            again = subprocess.run(
                [sys.executable, "-m", "footfix", "worker", "--once"],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            assert again.returncode == 0, again.stderr
            done = jobs.status(store, local_actor(store), uid)
            assert done.status == "done", (killed, done)
            assert _activity_count(store) == expected
            assert not (data_dir / "uploads" / ".work" / uid).exists()
    finally:
        os.environ.pop("FOOTFIX_DATA_DIR", None)
