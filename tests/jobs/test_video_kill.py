"""kill -9 a real ``footfix worker`` 20 times at random moments while it analyses a stride video
with the real pose model (PostgreSQL): the job ends done once, with a clean run's result, one
job row, one upload row, and no work folder left behind."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from footfix.services import job_broker, job_worker, jobs, tracking, uploads
from footfix.services.identity import local_actor
from footfix.store.schema import jobs as jobs_table
from footfix.store.schema import uploads as uploads_table
from footfix.store.settings import Settings
from footfix.store.store import Store, open_server_store
from tests.jobs.worker_faults import (
    kill_again_and_again,
    progress_of_this_run,
    start_worker,
    stop_worker,
    wait_done,
    worker_env,
)
from tests.paths import VIDEO
from tests.video_clips import write_clip

KILLS = 20
CLIP_S = 4.0  # four strides of male_side.mp4: enough for the stride metrics, quick to analyse


def _video_job(store: Store, data_dir: Path, clip: Path) -> str:
    me = local_actor(store)
    runner = tracking.add_runner(store, me, "ann", start=dt.date(2026, 1, 5))
    files = uploads.upload_store_from_env(data_dir, {})
    sha256 = uploads.save(store, files, me, clip.read_bytes(), "treadmill.mp4").sha256
    params = {"runner_uid": runner.uid, "upload": sha256, "view": "side"}
    return jobs.submit(store, me, "stride_video", params).uid


def _random_moment(store: Store, uid: str) -> None:
    """A random point of the run: in its first second (the upload copied, the pose model
    starting) or once it has reported a random share of its work (decoding, then pose), so
    that the moments spread over the whole run whatever the machine's speed."""
    share = random.uniform(0.0, 0.9)  # reports come every 2 %: 0.95 itself may never show
    if share < 0.1:
        time.sleep(random.uniform(0.0, 1.0))
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        progress = progress_of_this_run(store, uid)
        if progress is not None and progress >= share:
            return
        if jobs.status(store, local_actor(store), uid).status != "running":
            return
        time.sleep(0.02)


def _rows(store: Store) -> tuple[int, int]:
    with store.read() as conn:
        counted = [
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (jobs_table, uploads_table)
        ]
    return int(counted[0]), int(counted[1])


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_kill_9_mid_stride_video_again_and_again_gives_one_result(
    db_url: str, empty_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("FOOTFIX_DATA_DIR", str(data_dir))  # the handler finds the uploads here
    monkeypatch.setenv("FOOTFIX_VIDEO_WORKERS", "1")  # the pose model in the worker itself
    monkeypatch.delenv(job_broker.BROKER_URL_ENV, raising=False)  # workers poll the table
    clip = write_clip(VIDEO / "male_side.mp4", tmp_path / "clip.mp4", seconds=CLIP_S)
    with open_server_store(Settings(empty_db_url)) as clean:
        clean_uid = _video_job(clean, data_dir, clip)
        job_worker.drain(clean)
        expected = jobs.status(clean, local_actor(clean), clean_uid)
    assert expected.status == "done", expected.error
    assert expected.result["mode"] == "running"
    # a short lease: the next worker takes the killed one's job as soon as it has started
    env = worker_env(db_url, FOOTFIX_JOB_LEASE_S="0.5")
    with open_server_store(Settings(db_url)) as store:
        uid = _video_job(store, data_dir, clip)
        kills = kill_again_and_again(store, uid, env, KILLS, lambda: _random_moment(store, uid))
        last = start_worker(env)
        try:
            assert wait_done(store, [uid], 120) == ["done"]
        finally:
            stop_worker(last)
        done = jobs.status(store, local_actor(store), uid)
        mid_job = [k.progress for k in kills if k.mid_job]
        assert len(mid_job) >= KILLS - 2, kills  # (nearly) every kill hit the job as it ran
        assert any(0.1 < p < 0.5 for p in mid_job) and any(p > 0.5 for p in mid_job), mid_job
        assert done.result == expected.result  # the whole result, written once
        assert done.progress == 1.0 and done.error is None and done.attempts > len(mid_job)
        assert _rows(store) == (1, 1)
        assert not (data_dir / "uploads" / ".work" / uid).exists()
