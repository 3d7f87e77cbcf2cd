"""Which way the camera looks: side-on, from behind, or something we cannot analyse.

The test is the apparent shoulder width relative to torso length (shoulder centre to hip
centre). Side-on, the shoulders overlap (ratio under ``SIDE_MAX``); from behind or in front they
are about as wide as the torso is long (over ``REAR_MIN``). In between is an oblique view.
Front and rear are told apart by the order of the shoulders: seen from behind, the left
shoulder is on the image left.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from footfix.gait import keypoints as kp
from footfix.gait.errors import UnsupportedViewError
from footfix.gait.keypoints import FloatArray

SIDE_MAX = 0.35
REAR_MIN = 0.5

View = Literal["side", "rear"]


def shoulder_ratio(xy: FloatArray) -> float:
    width = np.abs(xy[:, kp.LEFT_SHOULDER, 0] - xy[:, kp.RIGHT_SHOULDER, 0])
    shoulders = np.nanmean(xy[:, [kp.LEFT_SHOULDER, kp.RIGHT_SHOULDER]], axis=1)
    hips = np.nanmean(xy[:, [kp.LEFT_HIP, kp.RIGHT_HIP]], axis=1)
    torso = np.hypot(*(shoulders - hips).T)
    return float(np.nanmedian(width / torso))


def detect_view(xy: FloatArray) -> View:
    ratio = shoulder_ratio(xy)
    if ratio < SIDE_MAX:
        return "side"
    if ratio > REAR_MIN:
        left_first = np.nanmean(xy[:, kp.LEFT_SHOULDER, 0] < xy[:, kp.RIGHT_SHOULDER, 0])
        if left_first >= 0.5:
            return "rear"
        raise UnsupportedViewError(
            "The runner seems to be filmed from the front; this analysis needs a side or rear view."
        )
    raise UnsupportedViewError(
        f"The camera looks at the runner at an angle (apparent shoulder width {ratio:.2f} of "
        "torso length), neither side-on nor from behind."
    )
