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
