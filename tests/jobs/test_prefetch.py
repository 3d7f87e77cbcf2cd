"""A `footfix worker` takes from RabbitMQ one message per thread and no more: a long video job
must not sit in one busy worker's buffer while another worker has nothing to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.jobs.worker_faults import BROKERS, _reachable


def _prefetch_of(queue: str) -> list[int]:
    out = subprocess.run(
        ["rabbitmqctl", "-q", "list_consumers", "--no-table-headers", "queue_name",
         "prefetch_count"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    return [int(line.split()[1]) for line in out.splitlines() if line.split()[:1] == [queue]]


@pytest.mark.parametrize("threads", [1, 3])
def test_a_worker_prefetches_one_message_per_thread(tmp_path: Path, threads: int) -> None:
    url = BROKERS["rabbitmq"]
    if shutil.which("rabbitmqctl") is None or not _reachable(url):
        if os.environ.get("FOOTFIX_REQUIRE_POSTGRES"):  # CI runs every local service for real
            pytest.fail("RabbitMQ on this machine is not reachable")
        pytest.skip("no RabbitMQ here")
    queue = f"footfix-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "FOOTFIX_BROKER_URL": url,
        "FOOTFIX_JOB_QUEUE": queue,
        "FOOTFIX_DATA_DIR": str(tmp_path),
        "FOOTFIX_DATABASE_URL": f"sqlite+pysqlite:///{tmp_path / 'footfix.sqlite3'}",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "footfix", "worker", "--threads", str(threads)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        found: list[int] = []
        deadline = time.monotonic() + 60
        while not found and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.5)
            found = _prefetch_of(queue)
        assert found == [threads], worker.stderr.read().decode() if worker.poll() else found
    finally:
        worker.terminate()
        worker.wait(30)
        subprocess.run(
            ["rabbitmqctl", "-q", "delete_queue", queue], capture_output=True, timeout=60
        )
