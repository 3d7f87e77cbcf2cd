"""Finding a phone rotation that never made it into the file's metadata.

A clip filmed with the phone on its side but saved without a rotation flag shows the runner
lying down, and pose models trained on upright people then fail or mislabel limbs. We run the
pose model on a few sample crops at 0, 90, 180 and 270 degrees (clockwise) and keep the first
rotation in which most samples show an upright person: shoulders above hips above ankles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from footfix.gait import keypoints as kp
from footfix.gait.keypoints import FloatArray
from footfix.gait.pose import PoseEstimator
from footfix.gait.video import Frame, rotate_frame

ROTATIONS_DEG = (0, 90, 270, 180)
ACCEPT_AFTER = 3


def is_upright(xy_px: FloatArray) -> bool:
    """Head-to-feet axis within 45° of straight down the image (image y grows downwards).

    BlazePose aligns its own crop to the body, so it can find a lying person; the upright test
    therefore looks at the direction of the body, not only at whether keypoints were found.
    """
    shoulders = np.nanmean(xy_px[[kp.LEFT_SHOULDER, kp.RIGHT_SHOULDER]], axis=0)
    hips = np.nanmean(xy_px[[kp.LEFT_HIP, kp.RIGHT_HIP]], axis=0)
    ankles = np.nanmean(xy_px[[kp.LEFT_ANKLE, kp.RIGHT_ANKLE]], axis=0)
    torso, legs = hips - shoulders, ankles - hips
    return bool(torso[1] > abs(torso[0]) and legs[1] > abs(legs[0]))


def find_rotation(
    samples: Sequence[Frame], make_estimator: Callable[[], PoseEstimator]
) -> tuple[int | None, int]:
    """``(rotation_deg, upright_samples)``; rotation ``None`` when nobody is seen at all.

    A rotation is accepted as soon as ``ACCEPT_AFTER`` samples in a row look upright, so the
    usual case (an upright clip) costs three pose runs.
    """
    if not samples:
        return None, 0
    estimator = make_estimator()
    try:
        best: tuple[int | None, int] = (None, 0)
        for rotation in ROTATIONS_DEG:
            upright = 0
            for tried, frame in enumerate(samples, start=1):
                found = estimator.estimate(rotate_frame(frame, rotation))
                if found is not None and is_upright(found[0]):
                    upright += 1
                if upright == tried == ACCEPT_AFTER:
                    return rotation, upright
            if upright > best[1]:
                best = (rotation, upright)
            if upright * 2 > len(samples):
                return rotation, upright
        return best
    finally:
        estimator.close()
