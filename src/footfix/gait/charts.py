"""Chart of joint angles over the stride cycle (0-100% from one contact to the next).

Each stride of each foot is resampled to 101 points; the chart shows the mean and the spread
(±1 SD) of knee flexion, thigh angle and foot angle for both feet, with toe-off marked.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from footfix.gait import angles
from footfix.gait import keypoints as kp
from footfix.gait.keypoints import FloatArray


def cycles(series: FloatArray, contacts: list[tuple[float, float]]) -> FloatArray:
    """(strides, 101) array of ``series`` resampled between successive contacts."""
    out = []
    frames = np.arange(len(series))
    for (a, _), (b, _) in itertools.pairwise(contacts):
        t = np.linspace(a, b, 101)
        lo, hi = int(np.floor(a)), int(np.ceil(b)) + 1
        seg = series[lo:hi]
        if np.isfinite(seg).all() and hi <= len(series):
            out.append(np.interp(t, frames[lo:hi], seg))
    return np.array(out).reshape(-1, 101)


def write_angle_chart(
    xy: FloatArray, contacts: dict[str, list[tuple[float, float]]], sign: int, path: Path
) -> Path:
    import matplotlib

    matplotlib.use("Agg")  # files only, no display needed
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 4), sharex=True)
    x = np.linspace(0, 100, 101)
    for side, colour in (("left", "tab:orange"), ("right", "tab:blue")):
        hip, knee, ankle, heel, toe = kp.LEFT_LEG if side == "left" else kp.RIGHT_LEG
        series = {
            "Knee flexion (deg)": angles.knee_flexion_deg(xy[:, hip], xy[:, knee], xy[:, ankle]),
            "Thigh from vertical, + forward (deg)": angles.thigh_angle_deg(
                xy[:, hip], xy[:, knee], sign
            ),
            "Foot angle, + toes up (deg)": angles.foot_angle_deg(xy[:, heel], xy[:, toe], sign),
        }
        pairs = contacts.get(side, [])
        toe_off = [100 * (to - ic) / (nxt - ic) for (ic, to), (nxt, _) in itertools.pairwise(pairs)]
        for ax, (title, values) in zip(axes, series.items(), strict=True):
            c = cycles(values, pairs)
            if len(c) == 0:
                continue
            mean, sd = c.mean(axis=0), c.std(axis=0)
            ax.plot(x, mean, color=colour, label=f"{side} ({len(c)} strides)")
            ax.fill_between(x, mean - sd, mean + sd, color=colour, alpha=0.2)
            if toe_off:
                ax.axvline(float(np.median(toe_off)), color=colour, linestyle="--", linewidth=1)
            ax.set_title(title, fontsize=10)
    for ax in axes:
        ax.set_xlabel("% of stride from initial contact (dashed: toe-off)")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
