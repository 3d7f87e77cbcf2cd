"""Camera motion from sparse optical flow outside the runner (real OpenCV on generated frames)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from footfix.gait.errors import CameraMovingError
from footfix.gait.motion import FrameMotion, MotionMeter
from footfix.gait.pipeline import select_runner

W, H = 640, 360


def _scene(n: int, camera: str) -> list[FrameMotion]:
    """A textured wall and a bright 'runner' block jogging on the spot, filmed by a camera that
    stays ``still``, ``pans`` (8 px per frame) or ``zooms`` in and out."""
    rng = np.random.default_rng(5)
    wall = cv2.GaussianBlur(rng.integers(0, 255, (H * 2, W * 3), dtype=np.uint8), (0, 0), 2.0)
    meter = MotionMeter(W, H)
    out = []
    for i in range(n):
        x = 8 * i if camera == "pans" else 200
        view = wall[100 : 100 + H, x : x + W].copy()
        if camera == "zooms":
            scale = 1.0 + 0.15 * np.sin(i / 3.0)
            matrix = cv2.getRotationMatrix2D((W / 2, H / 2), 0.0, scale)
            view = cv2.warpAffine(view, matrix, (W, H), borderMode=cv2.BORDER_REFLECT)
        bob = int(10 * np.sin(i / 2.0))
        view[150 + bob : 300 + bob, 300:340] = 250
        out.append(meter.add(cv2.cvtColor(view, cv2.COLOR_GRAY2BGR)))
    return out


def test_still_camera_is_still() -> None:
    selection = select_runner(W, H, _scene(60, "still"), None)
    assert not any("camera moved" in n for n in selection.notes)


def test_panning_camera_is_taken_out_and_named() -> None:
    motion = _scene(60, "pans")
    assert np.median([abs(m.shift[0]) for m in motion[1:]]) == pytest.approx(8.0, abs=1.0)
    selection = select_runner(W, H, motion, None)
    assert any("camera moved" in n for n in selection.notes)
    # the runner block, not the whole moving wall, is what gets cropped
    boxes = [c for c in selection.crops if c is not None]
    assert boxes and np.median([b[2] for b in boxes]) < 0.8 * W


def test_zooming_camera_is_refused_by_cause() -> None:
    with pytest.raises(CameraMovingError) as err:
        select_runner(W, H, _scene(60, "zooms"), None)
    assert "zoomed" in err.value.message
    assert "tripod" in err.value.advice
