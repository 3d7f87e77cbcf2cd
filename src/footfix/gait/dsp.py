"""The three signal tools the gait stages need, in NumPy: Butterworth design, filtfilt, peaks.

SciPy gives the same results (tests/gait/test_dsp.py checks them to 1e-9), but importing
``scipy.signal`` costs about 0.3-0.7 s of CPU in the process that analyses a clip, which is
more than all the signal stages together. Each function follows SciPy's default behaviour for
the arguments used here and nothing more:

* :func:`butter_lowpass` = ``scipy.signal.butter(order, wn)`` (digital, low-pass, ``(b, a)``):
  analogue prototype poles, pre-warped cut-off, bilinear transform;
* :func:`filtfilt` = ``scipy.signal.filtfilt(b, a, x)`` (odd extension of ``3 * max(len(a),
  len(b))`` samples, initial state scaled to the first sample of each pass);
* :func:`find_peaks` = ``scipy.signal.find_peaks(x, distance=d, prominence=p)[0]`` (local
  maxima with flat tops at their middle, thinned by distance highest first, then kept by
  prominence over the whole signal).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def butter_lowpass(order: int, wn: float) -> tuple[FloatArray, FloatArray]:
    """``(b, a)`` of a digital Butterworth low-pass; ``wn`` is the cut-off over Nyquist."""
    if order < 1 or not 0.0 < wn < 1.0:
        raise ValueError(f"order {order} and cut-off {wn} (0 < wn < 1) make no filter")
    m = np.arange(-order + 1, order, 2)
    poles = -np.exp(1j * np.pi * m / (2 * order))  # analogue prototype, cut-off 1 rad/s
    fs2 = 4.0  # twice the sampling rate of 2 that SciPy normalises to
    warped = fs2 * math.tan(math.pi * wn / 2.0)
    poles = warped * poles
    gain = warped**order
    z_poles = (fs2 + poles) / (fs2 - poles)
    gain = gain * float(np.real(1.0 / np.prod(fs2 - poles)))
    b = gain * np.real(np.poly(-np.ones(order)))
    a = np.real(np.poly(z_poles))
    return np.asarray(b, dtype=np.float64), np.asarray(a, dtype=np.float64)


def _lfilter_zi(b: FloatArray, a: FloatArray) -> FloatArray:
    """Steady-state initial conditions of a direct form II transposed filter (step response)."""
    n = max(len(a), len(b))
    b = np.concatenate([b, np.zeros(n - len(b))]) / a[0]
    a = np.concatenate([a, np.zeros(n - len(a))]) / a[0]
    companion = np.zeros((n - 1, n - 1))
    companion[0] = -a[1:]
    companion[1:, :-1] += np.eye(n - 2)
    i_minus_a = np.eye(n - 1) - companion.T
    rhs = b[1:] - a[1:] * b[0]
    return np.asarray(np.linalg.solve(i_minus_a, rhs), dtype=np.float64)


def _lfilter(b: list[float], a: list[float], x: FloatArray, state: list[float]) -> FloatArray:
    """Direct form II transposed, in the order of operations SciPy's C loop uses."""
    n = len(b)
    z = list(state)
    out = np.empty(len(x))
    b0 = b[0]
    for t, value in enumerate(x.tolist()):
        y = z[0] + b0 * value
        for k in range(n - 2):
            z[k] = z[k + 1] + value * b[k + 1] - y * a[k + 1]
        z[n - 2] = value * b[n - 1] - y * a[n - 1]
        out[t] = y
    return out


def filtfilt(b: FloatArray, a: FloatArray, x: FloatArray) -> FloatArray:
    """Zero-phase filtering: forwards, then backwards over the result."""
    pad = 3 * max(len(a), len(b))
    if len(x) <= pad:
        raise ValueError(f"filtfilt needs more than {pad} samples, got {len(x)}")
    n = max(len(a), len(b))
    bn = np.concatenate([b, np.zeros(n - len(b))]) / a[0]
    an = np.concatenate([a, np.zeros(n - len(a))]) / a[0]
    zi = _lfilter_zi(bn, an)
    left = 2 * x[0] - x[pad:0:-1]
    right = 2 * x[-1] - x[-2 : -(pad + 2) : -1]
    ext = np.concatenate([left, x, right])
    bl, al = bn.tolist(), an.tolist()
    y = _lfilter(bl, al, ext, (zi * ext[0]).tolist())
    y = _lfilter(bl, al, y[::-1], (zi * y[-1]).tolist())[::-1]
    return np.asarray(y[pad:-pad], dtype=np.float64)


def _local_maxima(x: list[float]) -> list[int]:
    """Indices of local maxima; a flat top counts once, at its middle (left middle if even)."""
    peaks = []
    i, last = 1, len(x) - 1
    while i < last:
        if x[i - 1] < x[i]:
            ahead = i + 1
            while ahead < last and x[ahead] == x[i]:
                ahead += 1
            if x[ahead] < x[i]:
                peaks.append((i + ahead - 1) // 2)
                i = ahead
        i += 1
    return peaks


def _by_distance(peaks: NDArray[np.intp], heights: FloatArray, distance: int) -> NDArray[np.bool_]:
    keep = np.ones(len(peaks), dtype=bool)
    order = np.argsort(heights)  # SciPy's own (default) sort, so ties break the same way
    for j in order[::-1].tolist():
        if not keep[j]:
            continue
        k = j - 1
        while k >= 0 and peaks[j] - peaks[k] < distance:
            keep[k] = False
            k -= 1
        k = j + 1
        while k < len(peaks) and peaks[k] - peaks[j] < distance:
            keep[k] = False
            k += 1
    return keep


def _prominence(x: list[float], peak: int) -> float:
    top = x[peak]
    left_min = top
    i = peak
    while i >= 0 and x[i] <= top:
        left_min = min(left_min, x[i])
        i -= 1
    right_min = top
    i = peak
    while i < len(x) and x[i] <= top:
        right_min = min(right_min, x[i])
        i += 1
    return top - max(left_min, right_min)


def find_peaks(x: FloatArray, distance: float, prominence: float) -> NDArray[np.intp]:
    """Peaks at least ``distance`` samples apart (higher ones win) with at least ``prominence``."""
    if distance < 1:
        raise ValueError("distance must be at least 1")
    values = np.asarray(x, dtype=np.float64).tolist()
    peaks = np.array(_local_maxima(values), dtype=np.intp)
    if len(peaks) > 1:
        peaks = peaks[_by_distance(peaks, np.asarray(x)[peaks], math.ceil(distance))]
    kept = [p for p in peaks.tolist() if _prominence(values, p) >= prominence]
    return np.array(kept, dtype=np.intp)
