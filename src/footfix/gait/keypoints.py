"""Keypoint layout and the pose track handed from the pose stage to the signal stage.

Coordinate convention (all gait modules): image pixels of the *upright* frame, origin at the
top-left, ``x`` to the right, ``y`` downwards. "Upright" means after any rotation metadata and
any detected phone rotation have been applied, so that the runner's head is above the feet.
Missing keypoints are ``NaN``. The layout is the 33-point BlazePose topology used by MediaPipe;
another pose model plugs in by filling the same indices (others stay ``NaN``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

N_KEYPOINTS = 33
NOSE = 0
LEFT_EAR, RIGHT_EAR = 7, 8
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_HIP, RIGHT_HIP = 23, 24
LEFT_KNEE, RIGHT_KNEE = 25, 26
LEFT_ANKLE, RIGHT_ANKLE = 27, 28
LEFT_HEEL, RIGHT_HEEL = 29, 30
LEFT_TOE, RIGHT_TOE = 31, 32  # "foot index" in MediaPipe's naming

#: Per-leg indices in a fixed order (hip, knee, ankle, heel, toe), used for left/right swaps.
LEFT_LEG = (LEFT_HIP, LEFT_KNEE, LEFT_ANKLE, LEFT_HEEL, LEFT_TOE)
RIGHT_LEG = (RIGHT_HIP, RIGHT_KNEE, RIGHT_ANKLE, RIGHT_HEEL, RIGHT_TOE)

#: Segments drawn on keyframes.
SKELETON = (
    (LEFT_SHOULDER, RIGHT_SHOULDER),
    (LEFT_SHOULDER, LEFT_HIP),
    (RIGHT_SHOULDER, RIGHT_HIP),
    (LEFT_HIP, RIGHT_HIP),
    (LEFT_HIP, LEFT_KNEE),
    (LEFT_KNEE, LEFT_ANKLE),
    (LEFT_ANKLE, LEFT_HEEL),
    (LEFT_HEEL, LEFT_TOE),
    (LEFT_ANKLE, LEFT_TOE),
    (RIGHT_HIP, RIGHT_KNEE),
    (RIGHT_KNEE, RIGHT_ANKLE),
    (RIGHT_ANKLE, RIGHT_HEEL),
    (RIGHT_HEEL, RIGHT_TOE),
    (RIGHT_ANKLE, RIGHT_TOE),
)

FloatArray = NDArray[np.float64]


@dataclass
class PoseTrack:
    """Keypoints of one person over a clip.

    ``xy_px`` has shape (frames, 33, 2) and ``visibility`` (frames, 33) in 0-1, both ``NaN`` where
    the pose model returned nothing for that frame.
    """

    xy_px: FloatArray
    visibility: FloatArray
    fps: float
    width_px: int
    height_px: int
    rotation_deg: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def n_frames(self) -> int:
        return int(self.xy_px.shape[0])

    @property
    def detected(self) -> NDArray[np.bool_]:
        """Frames in which the pose model found the person."""
        return np.asarray(np.isfinite(self.xy_px[:, LEFT_HIP, 0]), dtype=bool)

    @staticmethod
    def empty(n_frames: int, fps: float, width_px: int, height_px: int) -> PoseTrack:
        return PoseTrack(
            xy_px=np.full((n_frames, N_KEYPOINTS, 2), np.nan),
            visibility=np.full((n_frames, N_KEYPOINTS), np.nan),
            fps=fps,
            width_px=width_px,
            height_px=height_px,
        )
