"""Motion blobs: where something moves in each frame, found by frame differencing.

Runs before any pose model, on greyscale copies shrunk so the longer side is ``LOW_RES_PX``.
Each frame gives a list of moving blobs as boxes ``(x0, y0, x1, y1)`` in *raw* (not yet
orientation-corrected) full-resolution pixels, plus the fraction of the frame that moved; the
latter tells a hand-held, panning camera (everything moves) from a still one.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from footfix.gait.video import Frame

LOW_RES_PX = 320
#: Grey-level change that counts as motion; above sensor noise and compression flicker.
DIFF_THRESHOLD = 18
#: Blobs smaller than this share of the frame are noise (leaves, cables, a hand).
MIN_BLOB_SHARE = 0.002

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class FrameMotion:
    blobs: tuple[Box, ...]
    moving_share: float


class MotionMeter:
    """Feed frames in order; each ``add`` returns that frame's moving blobs."""

    def __init__(self, width_px: int, height_px: int) -> None:
        self.scale = LOW_RES_PX / max(width_px, height_px)
        self._previous: NDArray[np.uint8] | None = None
        self._kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))

    def add(self, frame: Frame) -> FrameMotion:
        scale = self.scale
        small = cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        blurred = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
        grey = np.asarray(blurred, dtype=np.uint8)
        previous, self._previous = self._previous, grey
        if previous is None:
            return FrameMotion((), 0.0)  # the first frame has nothing to compare with
        changed = (cv2.absdiff(grey, previous) > DIFF_THRESHOLD).astype(np.uint8)
        share = float(changed.mean())
        grown = cv2.dilate(changed, self._kernel, iterations=2)
        n, _, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
        min_area = MIN_BLOB_SHARE * grown.size
        blobs = tuple(
            (
                float(stats[i, 0] / scale),
                float(stats[i, 1] / scale),
                float((stats[i, 0] + stats[i, 2]) / scale),
                float((stats[i, 1] + stats[i, 3]) / scale),
            )
            for i in range(1, n)
            if stats[i, 4] >= min_area
        )
        return FrameMotion(blobs, share)
