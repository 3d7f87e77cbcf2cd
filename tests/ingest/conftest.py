from __future__ import annotations

from pathlib import Path

import pytest

# the repository's parent holds shared/ (real files with provenance, never copied here)
WATCH = Path(__file__).resolve().parents[3] / "shared" / "data" / "watch"


@pytest.fixture(scope="session")
def watch_dir() -> Path:
    if not WATCH.is_dir():
        pytest.skip("shared/data/watch is not available next to the repository")
    return WATCH
