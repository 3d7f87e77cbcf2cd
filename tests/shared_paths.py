"""Where the shared reference material lives: beside the repository, as in CI."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHARED_CASES = SHARED / "cases"
