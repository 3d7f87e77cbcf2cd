"""The clinical core imports no interface, database, web or video library."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import CASES

FORBIDDEN = [
    "sqlalchemy",
    "alembic",
    "fastapi",
    "typer",
    "cv2",
    "mediapipe",
    "footfix.cli",
    "footfix.services",
    "footfix.store",
]


def test_importing_and_running_the_core_loads_no_outer_layer() -> None:
    code = (
        f"import sys, glob\nCASES = {str(CASES)!r}\n"
        "import footfix.assess as a\n"
        "import footfix.tracking\n"
        "from footfix.intake import load_case\n"
        "for p in sorted(glob.glob(CASES + '/*.yaml')): a.assess(load_case(p))\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or "
        f"any(m.startswith(f + '.') or m == f for f in {FORBIDDEN!r})]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
