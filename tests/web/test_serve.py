"""``footfix serve`` starts uvicorn on the embedded SQLite default, migrated, with a kept secret."""

from __future__ import annotations

import os
import stat
import urllib.request
from pathlib import Path

from tests.web.live_server import serving


def test_serve_answers_on_loopback_and_keeps_its_files_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with serving(data) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{base}/") as page:
            assert page.status == 200
            assert "footfix" in page.read().decode()
            assert page.headers["X-Frame-Options"] == "DENY"
            assert page.headers.get("server") is None  # no server banner
    for name in ("footfix.sqlite3", "web-secret"):
        assert stat.S_IMODE(os.stat(data / name).st_mode) == 0o600, name
    secret = (data / "web-secret").read_text()
    with serving(data):
        pass
    assert (data / "web-secret").read_text() == secret  # the same secret after a restart


_STARTED = """
import sys
from fastapi.testclient import TestClient
from footfix.web.app import create_app
from footfix.web.settings import WebSettings
before = "matplotlib.backends.backend_svg" in sys.modules
with TestClient(create_app(WebSettings())) as client:  # runs the start-up, with its own store
    assert client.get("/readyz").status_code == 200
    print(before, "matplotlib.backends.backend_svg" in sys.modules)
"""


def test_the_server_loads_the_chart_code_before_its_first_request(tmp_path: Path) -> None:
    """The first dashboard of a fresh worker used to take 2-3 s, most of it importing
    matplotlib and writing the first SVG; the start-up does that now."""
    import subprocess
    import sys

    env = {**os.environ, "FOOTFIX_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", _STARTED], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "True"]
