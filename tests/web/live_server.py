"""A real ``footfix serve`` (uvicorn) on a free loopback port, for the browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FOOTFIX = Path(sys.executable).parent / "footfix"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(data_dir: Path, database_url: str | None = None, **env: str) -> Iterator[str]:
    """Start ``footfix serve`` and yield its base URL; stop it (SIGINT, then SIGKILL) after."""
    port = free_port()
    environment = {
        **os.environ,
        "FOOTFIX_DATA_DIR": str(data_dir),
        "FOOTFIX_PORT": str(port),
        **env,
    }
    environment.pop("FOOTFIX_DATABASE_URL", None)
    if database_url:
        environment["FOOTFIX_DATABASE_URL"] = database_url
    log = (data_dir.parent / f"serve-{port}.log").open("wb")
    server = subprocess.Popen(
        [str(FOOTFIX), "serve"], env=environment, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_until_up(base: str, server: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"footfix serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"footfix serve did not answer within {timeout_s} s")
