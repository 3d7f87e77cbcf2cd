"""Where the tests' own data lives: everything the suite reads ships in tests/data."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
CASES = DATA / "cases"  # the example cases with the answers a clinician expects
WATCH = DATA / "watch"  # real watch files, see watch/PROVENANCE.md
VIDEO = DATA / "video"  # real stride videos, see video/PROVENANCE.md
