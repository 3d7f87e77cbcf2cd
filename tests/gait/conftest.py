"""Shared fixtures: real clips, derived copies made in a temporary folder, and pose results
cached for the whole test session (each clip goes through the pose model once)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.paths import VIDEO as VIDEO_DIR

MALE_SIDE = VIDEO_DIR / "male_side.mp4"
SPORTS2D = VIDEO_DIR / "sports2d_demo.mp4"


def write_variant(source: Path, target: Path, kind: str) -> Path:
    """A transformed copy of ``source`` made with OpenCV only (no ffmpeg needed)."""
    import cv2
    import numpy as np

    cap = cv2.VideoCapture(str(source))
    fps = cap.get(cv2.CAP_PROP_FPS)
    writer = None
    index = -1
    while True:
        ok, frame = cap.read()
        index += 1
        if not ok:
            break
        if kind == "mirrored":
            frame = cv2.flip(frame, 1)
        elif kind == "360p":
            h, w = frame.shape[:2]
            scale = 360 / min(h, w)
            frame = cv2.resize(
                frame, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA
            )
        elif kind == "panned":
            # a hand-held phone swinging left and right: a 600 x 1160 window of the frame moves
            # 100 px across every 1.2 s and 40 px up and down (up to about 9 px per frame); the
            # runner (x 100-500) stays in view
            phase = 2 * np.pi * index / (1.2 * fps)
            x = round(50 + 50 * np.sin(phase))
            y = round(60 + 20 * np.sin(phase / 3))
            frame = np.ascontiguousarray(frame[y : y + 1160, x : x + 600])
        elif kind == "rotated":
            # the phone was on its side and no rotation flag was written
            frame = cv2.rotate(frame, cv2.ROTATE_90_CLOCKWISE)
        if writer is None:
            h, w = frame.shape[:2]
            writer = cv2.VideoWriter(str(target), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
        writer.write(frame)
    cap.release()
    assert writer is not None
    writer.release()
    return target


@pytest.fixture(scope="session")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """``clip(name)``: path of 'original', 'mirrored', '360p', 'rotated', 'panned' or
    'sports2d'."""
    made: dict[str, Path] = {"original": MALE_SIDE, "sports2d": SPORTS2D}
    folder = tmp_path_factory.mktemp("clips")

    def get(name: str) -> Path:
        if name not in made:
            made[name] = write_variant(MALE_SIDE, folder / f"male_side_{name}.mp4", name)
        return made[name]

    return get


@pytest.fixture(scope="session")
def pose_of(clip: Callable[[str], Path]) -> Callable[[str], object]:
    """``pose_of(name)``: the PoseTrack of a clip, computed once per session."""
    from footfix.gait.pipeline import analyse_pose

    cache: dict[str, object] = {}

    def get(name: str) -> object:
        if name not in cache:
            cache[name] = analyse_pose(clip(name))
        return cache[name]

    return get
