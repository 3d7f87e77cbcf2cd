"""The CPU cuts of the pose pipeline change nothing in what it finds.

* MediaPipe's pose solution is loaded without the rest of MediaPipe's package (no matplotlib),
  gives the same keypoints as after a plain ``import mediapipe``, and a later ``import
  mediapipe`` in the same process still gets the whole API.
* The last share seeks to its start instead of decoding every frame before it, checks the
  frame it landed on against the previous share's last frame, and decodes in order when they
  differ.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from tests.gait.conftest import MALE_SIDE

_KEYPOINTS = """
import json
import sys
import cv2
if sys.argv[1] == "full":
    import mediapipe
from footfix.gait.pose import MediaPipePose
cap = cv2.VideoCapture(sys.argv[2])
rows = []
with MediaPipePose() as pose:
    for _ in range(6):
        ok, frame = cap.read()
        found = pose.estimate(frame)
        rows.append(found[0].ravel().tolist())
print("matplotlib" in sys.modules)
print(json.dumps(rows))
"""


def _keypoints(mode: str) -> tuple[str, list[list[float]]]:
    done = subprocess.run(
        [sys.executable, "-c", _KEYPOINTS, mode, str(MALE_SIDE)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded, rows = done.stdout.strip().splitlines()
    return loaded, json.loads(rows)


def test_lean_pose_load_gives_the_same_keypoints_without_matplotlib() -> None:
    lean_loaded, lean = _keypoints("lean")
    full_loaded, full = _keypoints("full")
    assert (lean_loaded, full_loaded) == ("False", "True")
    assert np.array_equal(np.array(lean), np.array(full))


def test_mediapipe_stays_whole_for_other_code_in_the_process() -> None:
    code = (
        "import sys\n"
        "from footfix.gait.pose_loader import load_pose_solution\n"
        "pose = load_pose_solution()\n"
        "assert 'matplotlib' not in sys.modules and 'mediapipe.tasks' not in sys.modules\n"
        "import mediapipe as mp\n"
        "from mediapipe import tasks\n"
        "assert mp.solutions.pose is pose and mp.tasks is tasks\n"
        "print(mp.__version__, callable(mp.solutions.drawing_utils.draw_landmarks))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0.10.21", "True"]


def test_blocked_mediapipe_raises_import_error() -> None:
    code = (
        "import sys; sys.modules['mediapipe'] = None\n"
        "from footfix.gait.pose_loader import load_pose_solution\n"
        "try:\n    load_pose_solution()\nexcept ImportError:\n    print('missing')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "missing", done.stderr[-2000:]


def test_a_seeking_share_starts_on_the_frame_after_the_previous_share() -> None:
    from footfix.gait.halves import Half
    from footfix.gait.video import probe

    info = probe(MALE_SIDE)
    size = (info.width_px, info.height_px)
    middle = info.n_frames // 2
    before = Half(MALE_SIDE, 0, middle, 10**9)
    before.decode(*size)
    seeking, grabbing = (Half(MALE_SIDE, middle, None, 10**9, seek=s) for s in (True, False))
    seeking.decode(*size)
    grabbing.decode(*size)
    assert seeking.first_print == grabbing.first_print == before.last_print
    assert seeking.kept is not None and grabbing.kept is not None
    assert len(seeking.kept) == len(grabbing.kept) == info.n_frames - middle
    assert all(np.array_equal(a, b) for a, b in zip(seeking.kept, grabbing.kept, strict=True))


def test_a_seek_that_lands_elsewhere_is_caught(
    monkeypatch: pytest.MonkeyPatch, pose_of: Callable[[str], object]
) -> None:
    """A container whose seek is off by some frames: the share decodes in order instead, and
    the keypoints are those of an exact run (the spawned share is not patched)."""
    from footfix.gait import halves
    from footfix.gait.keypoints import PoseTrack
    from footfix.gait.pipeline import analyse_pose

    exact_iter = halves.iter_frames

    def off_by_three(path: Path, start: int, stop: int, seek: bool = False):  # type: ignore[no-untyped-def]
        if not seek:
            yield from exact_iter(path, start, stop)
            return
        for index, frame in exact_iter(path, start + 3, stop + 3):
            yield index - 3, frame

    monkeypatch.setattr(halves, "iter_frames", off_by_three)
    track = analyse_pose(MALE_SIDE, workers=2)
    # pose_of runs the default, one share per core (at most two)
    two_cores = (os.cpu_count() or 1) >= 2
    exact = pose_of("original") if two_cores else analyse_pose(MALE_SIDE, workers=2)
    assert isinstance(exact, PoseTrack)
    assert np.array_equal(track.xy_px, exact.xy_px, equal_nan=True)
