"""Cadence measured from the pixels alone, independent of any pose model (test reference).

Method: the clip is turned to grey and shrunk to 1/4 size; the absolute difference between
successive frames, summed over the band of rows where the feet are (``rows`` as fractions of the
height), gives a "foot motion energy" signal. Every step produces one burst of energy (the
landing and push-off of one foot), so the signal repeats once per step. Its autocorrelation has
peaks at whole multiples of the step period; we find the peak near each multiple k = 1..8 inside
the running (or walking) step range, refine each to sub-frame precision with a parabola, and take
the least-squares slope of peak lag against k as the step period. Cadence = 60 x fps / period.
Nothing here shares code with footfix.gait.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


def foot_motion_energy(path: Path, rows: tuple[float, float]) -> tuple[np.ndarray, float]:
    cap = cv2.VideoCapture(str(path))
    fps = float(cap.get(cv2.CAP_PROP_FPS))
    previous = None
    energy = []
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        grey = cv2.cvtColor(cv2.resize(frame, None, fx=0.25, fy=0.25), cv2.COLOR_BGR2GRAY)
        h = grey.shape[0]
        band = grey[int(rows[0] * h) : int(rows[1] * h)].astype(np.float32)
        if previous is not None:
            energy.append(float(np.abs(band - previous).sum()))
        previous = band
    cap.release()
    return np.array(energy), fps


def _parabolic(ac: np.ndarray, i: int) -> float:
    a, b, c = ac[i - 1], ac[i], ac[i + 1]
    den = a - 2 * b + c
    return float(i + 0.5 * (a - c) / den) if den < 0 else float(i)


def step_period_frames(energy: np.ndarray, fps: float, spm_range: tuple[float, float]) -> float:
    x = energy - energy.mean()
    ac = np.correlate(x, x, mode="full")[len(x) - 1 :]
    lo, hi = 60.0 * fps / spm_range[1], 60.0 * fps / spm_range[0]
    first = int(lo) + int(np.argmax(ac[int(lo) : int(hi) + 1]))
    guess = _parabolic(ac, first)
    ks, lags = [], []
    for k in range(1, 9):
        centre = round(k * guess)
        half = max(2, int(0.2 * guess))
        if centre + half + 1 >= len(ac):
            break
        i = centre - half + int(np.argmax(ac[centre - half : centre + half + 1]))
        ks.append(k)
        lags.append(_parabolic(ac, i))
    return float(np.polyfit(ks, lags, 1)[0]) if len(ks) >= 2 else guess


def pixel_cadence_spm(
    path: Path, rows: tuple[float, float], spm_range: tuple[float, float] = (130.0, 220.0)
) -> float:
    energy, fps = foot_motion_energy(path, rows)
    return 60.0 * fps / step_period_frames(energy, fps, spm_range)
