"""Single stages tested alone: gap filling, filtering, leg-swap repair, rotation maths."""

from __future__ import annotations

import numpy as np
import pytest

from footfix.gait import keypoints as kp
from footfix.gait.signal import fill_gaps, lowpass, repair_leg_swaps
from footfix.gait.video import rotate_points
from tests.gait.synthetic import Runner, make_track


def test_fill_gaps_only_short_interior_gaps() -> None:
    values = np.arange(20, dtype=float)
    values[3:5] = np.nan  # 2 frames: filled at 30 fps (limit 0.15 s = 4 frames)
    values[8:15] = np.nan  # 7 frames: left open
    values[0] = np.nan  # leading: left open
    out = fill_gaps(values, fps=30.0)
    assert out[3:5] == pytest.approx([3, 4])
    assert np.isnan(out[8:15]).all()
    assert np.isnan(out[0])


def test_lowpass_keeps_slow_signal_removes_jitter() -> None:
    fps = 60.0
    t = np.arange(600) / fps
    slow = np.sin(2 * np.pi * 1.4 * t)
    noisy = slow + 0.3 * np.sin(2 * np.pi * 25 * t)
    out = lowpass(noisy, fps)
    assert np.max(np.abs(out[30:-30] - slow[30:-30])) < 0.05  # zero phase: no lag


def test_leg_swaps_are_repaired() -> None:
    clean = make_track(Runner(fps=60.0)).xy_px
    swapped = clean.copy()
    for start in (50, 200, 400):
        span = slice(start, start + 3)
        swapped[span, list(kp.LEFT_LEG + kp.RIGHT_LEG)] = clean[
            span, list(kp.RIGHT_LEG + kp.LEFT_LEG)
        ]
    fixed, n = repair_leg_swaps(swapped)
    assert n >= 9
    assert np.allclose(fixed, clean, equal_nan=True)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotate_points_round_trip(rotation: int) -> None:
    pts = np.array([[0.0, 0.0], [10.0, 5.0], [99.0, 49.0]])
    w, h = 100, 50
    turned = rotate_points(pts, rotation, w, h)
    tw, th = (h, w) if rotation in (90, 270) else (w, h)
    back = rotate_points(turned, -rotation, tw, th)
    assert back == pytest.approx(pts)
