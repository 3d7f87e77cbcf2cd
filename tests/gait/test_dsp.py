"""footfix.gait.dsp gives SciPy's results (SciPy stays a test dependency for this check)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import signal as sp  # type: ignore[import-untyped]

from footfix.gait import dsp
from tests.gait.synthetic import Runner, make_track

TOL = 1e-9


@pytest.mark.parametrize("order", [1, 2, 3, 4, 5, 8])
@pytest.mark.parametrize("wn", [0.02, 0.1, 8 / 15, 0.8, 0.97])
def test_butterworth_design_matches_scipy(order: int, wn: float) -> None:
    b, a = dsp.butter_lowpass(order, wn)
    want_b, want_a = sp.butter(order, wn)
    np.testing.assert_allclose(b, want_b, rtol=0, atol=TOL)
    np.testing.assert_allclose(a, want_a, rtol=0, atol=TOL)


@pytest.mark.parametrize("order, wn", [(0, 0.5), (4, 0.0), (4, 1.0), (2, -0.1)])
def test_butterworth_refuses_impossible_filters(order: int, wn: float) -> None:
    with pytest.raises(ValueError):
        dsp.butter_lowpass(order, wn)


def _traces() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    t = np.arange(400) / 60.0
    stride = 300 + 80 * np.sin(2 * np.pi * 1.4 * t) + rng.normal(0, 4, len(t))
    synthetic = make_track(Runner(fps=60.0, duration_s=6.0, noise_px=2.0)).xy_px
    return [
        stride,
        rng.normal(0, 1, 31),  # just longer than the pad of a 4th-order filter
        np.cumsum(rng.normal(0, 1, 997)),
        1e4 + rng.normal(0, 1e-3, 200),
        *[synthetic[:, j, c] for j in (27, 28, 29, 31) for c in (0, 1)],
    ]


@pytest.mark.parametrize("wn", [8 / 15, 8 / 30, 8 / 60, 0.8])
def test_filtfilt_matches_scipy(wn: float) -> None:
    b, a = sp.butter(4, wn)
    for x in _traces():
        got = dsp.filtfilt(b, a, x)
        np.testing.assert_allclose(got, sp.filtfilt(b, a, x), rtol=0, atol=TOL)


def test_filtfilt_refuses_a_signal_no_longer_than_its_pad() -> None:
    b, a = dsp.butter_lowpass(4, 0.5)
    with pytest.raises(ValueError, match="more than 15"):
        dsp.filtfilt(b, a, np.zeros(15))
    assert len(dsp.filtfilt(b, a, np.zeros(16))) == 16


def test_find_peaks_matches_scipy_on_noisy_and_flat_topped_signals() -> None:
    rng = np.random.default_rng(11)
    signals = _traces()
    # flat tops and ties, which test the plateau middle and the distance tie-break
    signals.append(np.round(np.sin(np.arange(300) / 4.0) * 3) + rng.integers(0, 2, 300))
    signals.append(np.repeat(rng.integers(0, 5, 60), rng.integers(1, 4, 60)).astype(float))
    signals.append(np.array([0.0, 1, 1, 1, 0, 2, 2, 0, 2, 2, 2, 2, 0, 1]))
    signals.append(np.ones(10))
    signals.append(np.array([1.0, 2.0]))
    for x in signals:
        span = float(np.percentile(x, 95) - np.percentile(x, 5))
        for distance in (1, 2, 3.5, 7, 40):
            for prominence in (0.0, 0.3 * span, span):
                want, _ = sp.find_peaks(x, distance=distance, prominence=prominence)
                got = dsp.find_peaks(x, distance=distance, prominence=prominence)
                assert got.tolist() == want.tolist(), (len(x), distance, prominence)


def test_gait_modules_do_not_import_scipy() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import footfix.gait.analysis, footfix.gait.pipeline; "
        "print('scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
