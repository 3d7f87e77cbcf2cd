from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import WATCH


@pytest.fixture(scope="session")
def watch_dir() -> Path:
    return WATCH
