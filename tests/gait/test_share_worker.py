"""The share worker process runs only its own entry module, never the caller's main script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np

_MAIN = """
import sys
from pathlib import Path
with open(sys.argv[2], "a") as marks:  # one line each time this script's code runs
    marks.write(__name__ + "\\n")
from footfix.gait.errors import GaitError
from footfix.gait.pipeline import analyse_pose
if __name__ == "__main__":
    try:
        analyse_pose(Path(sys.argv[1]), workers=2)
    except GaitError as err:
        print(type(err).__name__)
"""


def _blank_clip(path: Path) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30.0, (160, 120))
    rng = np.random.default_rng(0)
    for _ in range(30):
        writer.write(
            np.full((120, 160, 3), 128, np.uint8) + rng.integers(0, 3, (120, 160, 3), np.uint8)
        )
    writer.release()


def test_the_worker_does_not_rerun_the_main_script(tmp_path: Path) -> None:
    clip, marks, script = tmp_path / "wall.mp4", tmp_path / "marks.txt", tmp_path / "main.py"
    _blank_clip(clip)
    script.write_text(_MAIN)
    out = subprocess.run(
        [sys.executable, str(script), str(clip), str(marks)],
        capture_output=True, text=True, check=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    # the clip has nobody in it: both shares posed it, the worker included, and said so
    assert out.stdout.strip() == "NobodyFoundError"
    assert marks.read_text().split() == ["__main__"]
