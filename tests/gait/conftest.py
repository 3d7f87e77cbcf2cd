"""Shared fixtures: real clips, derived copies made in a temporary folder, and pose results
cached for the whole test session (each clip goes through the pose model once)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.paths import VIDEO as VIDEO_DIR
from tests.video_clips import Change, write_clip

MALE_SIDE = VIDEO_DIR / "male_side.mp4"
SPORTS2D = VIDEO_DIR / "sports2d_demo.mp4"


def _changed(kind: str) -> Change:
    """How each frame of a variant differs from the original's."""
    import cv2
    import numpy as np

    def change(frame: Any, index: int, fps: float) -> Any:
        if kind == "mirrored":
            return cv2.flip(frame, 1)
        if kind == "360p":
            h, w = frame.shape[:2]
            scale = 360 / min(h, w)
            size = (round(w * scale), round(h * scale))
            return cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
        if kind == "panned":
            # a hand-held phone swinging left and right: a 600 x 1160 window of the frame moves
            # 100 px across every 1.2 s and 40 px up and down (up to about 9 px per frame); the
            # runner (x 100-500) stays in view
            phase = 2 * np.pi * index / (1.2 * fps)
            x = round(50 + 50 * np.sin(phase))
            y = round(60 + 20 * np.sin(phase / 3))
            return np.ascontiguousarray(frame[y : y + 1160, x : x + 600])
        if kind == "rotated":
            # the phone was on its side and no rotation flag was written
            return cv2.rotate(frame, cv2.ROTATE_90_CLOCKWISE)
        return frame

    return change


def write_variant(source: Path, target: Path, kind: str) -> Path:
    """A transformed copy of ``source`` made with OpenCV only (no ffmpeg needed)."""
    return write_clip(source, target, change=_changed(kind))


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
