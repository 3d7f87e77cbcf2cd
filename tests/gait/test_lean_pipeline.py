"""The CPU cuts of the pose pipeline change nothing in what it finds.

* MediaPipe's pose solution is loaded without the rest of MediaPipe's package (no matplotlib),
  gives the same keypoints as after a plain ``import mediapipe``, and a later ``import
  mediapipe`` in the same process still gets the whole API.
* The last share seeks to its start instead of decoding every frame before it, checks the
  frame it landed on against the previous share's last frame, and decodes in order when they
  differ.
* Where a key frame allows it, the decoding is split there (each frame decoded once) while pose
  keeps its boundary in the middle: the same motion and keypoints; a seek that lands elsewhere
  falls back to decoding in this process.
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
    from footfix.gait import halves, share_plan
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
    monkeypatch.setattr(share_plan, "key_frames", lambda *_: None)  # the halves plan
    track = analyse_pose(MALE_SIDE, workers=2)
    # pose_of runs the default, one share per core (at most two)
    two_cores = (os.cpu_count() or 1) >= 2
    # on two cores the default splits decoding on a key frame: both plans give the same points
    exact = pose_of("original") if two_cores else analyse_pose(MALE_SIDE, workers=2)
    assert isinstance(exact, PoseTrack)
    assert np.array_equal(track.xy_px, exact.xy_px, equal_nan=True)


def test_the_decoding_boundary_goes_on_the_key_frame_that_balances_the_processes() -> None:
    from footfix.gait.share_plan import REMOTE_START_FRAMES, choose_key

    assert REMOTE_START_FRAMES == 60
    assert choose_key([0, 250], 360, 180) == 250  # male_side.mp4: 251 and 60 + 110 frames
    assert choose_key(list(range(0, 360, 30)), 360, 180) == 210  # a phone: a key each second
    assert choose_key([0], 360, 180) is None  # one key frame: nothing to gain
    assert choose_key([0, 150], 360, 180) is None  # the halves plan's seek lands near enough
    assert choose_key([0, 355], 360, 180) is None  # this process would decode nearly all
    assert choose_key(None, 360, 180) is None  # key frames unknown (not readable)


def _decoded(budget: int):  # type: ignore[no-untyped-def]
    from footfix.gait import share_plan
    from footfix.gait.share_worker import RemoteShare
    from footfix.gait.video import probe

    info = probe(MALE_SIDE)
    remote = RemoteShare(lambda _: None)
    shares = share_plan.decode(MALE_SIDE, info, remote, budget, lambda _: None)
    return info, remote, shares


def _same(a: object, b: object) -> bool:
    import dataclasses

    return all(
        np.array_equal(np.asarray(getattr(a, f.name)), np.asarray(getattr(b, f.name)))
        for f in dataclasses.fields(a)  # type: ignore[arg-type]
    )


def test_a_key_frame_split_decodes_each_frame_once_with_the_same_motion() -> None:
    from footfix.gait.halves import Half

    info, remote, shares = _decoded(10**9)
    try:
        assert (shares.key, shares.split, shares.remote) == (250, 180, remote)
        assert shares.local.kept is not None and len(shares.local.kept) == 251  # frames 0-250
        # no frames kept (budget 0): the suite's process stays small (see test_atheris.py)
        alone = Half(MALE_SIDE, 0, None, 0).decode(info.width_px, info.height_px)
        assert len(shares.motion) == len(alone) == info.n_frames
        assert all(_same(a, b) for a, b in zip(shares.motion, alone, strict=True))
    finally:
        remote.close()


def test_a_key_frame_seek_that_lands_elsewhere_falls_back_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The worker's first frame is not this process's last one (here: every digest made in
    this process differs): the worker is ended and the clip decoded here, from the start."""
    from footfix.gait import halves

    made = iter(range(10**6))
    monkeypatch.setattr(halves, "fingerprint", lambda _: str(next(made)).encode())
    info, remote, shares = _decoded(0)  # no frames kept: only where they were decoded
    assert shares.remote is None and shares.key is None
    assert remote.proc.poll() is not None  # ended, not left running
    assert shares.split == len(shares.motion) == info.n_frames
    assert shares.local.start == 0 and shares.local.stop is None
