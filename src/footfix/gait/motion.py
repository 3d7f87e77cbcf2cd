"""Motion blobs and camera motion, from greyscale copies of each frame shrunk to ~``LOW_RES_PX``.

Runs before any pose model. For each frame:

* **Camera motion**: up to ``N_FEATURES`` corners of the previous frame are followed into this
  one by sparse pyramidal Lucas-Kanade optical flow (OpenCV), and a similarity transform (shift,
  rotation, zoom) is fitted to them with RANSAC. The runner covers a minority of the corners, so
  the fit follows the background; the point pairs are kept so that, once the runner is chosen,
  the background motion can be measured from the corners *outside* the runner's box alone
  (:func:`footfix.gait.select.camera_motion`).
* **Moving blobs**: the previous frame is first warped by that transform (so a panning camera's
  background cancels out), then differenced with this one; changed pixels are grown and split
  into connected blobs, reported as boxes ``(x0, y0, x1, y1)`` in *raw* (not yet
  orientation-corrected) full-resolution pixels, with the share of the frame that still moved.

Shrinking takes every n-th pixel (nearest-neighbour; the Gaussian blur that follows removes the
aliasing), which costs a fifth of area-averaging the full frame.
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
N_FEATURES = 60
#: Below this background shift (low-resolution pixels per frame, about 0.3% of the frame) the
#: camera counts as still: hand tremor and sub-pixel flow noise stay below it, while a phone
#: following a runner moves the background by 1-5% of the frame per frame.
STILL_SHIFT_PX = 1.0

Box = tuple[float, float, float, float]
Points = NDArray[np.float32]  # (n, 4): x, y in the previous frame, dx, dy; full-res pixels


@dataclass(frozen=True)
class FrameMotion:
    blobs: tuple[Box, ...]
    moving_share: float
    #: background shift fitted over the whole frame, full-res pixels (dx, dy)
    shift: tuple[float, float] = (0.0, 0.0)
    #: zoom factor of the fitted transform (1 = none) and share of corners that fit it
    zoom: float = 1.0
    fit_share: float = 1.0
    #: followed corners (see ``Points``); empty when none could be followed
    flow: Points | None = None


class MotionMeter:
    """Feed frames in order; each ``add`` returns that frame's motion."""

    def __init__(self, width_px: int, height_px: int) -> None:
        self.step = max(1, int(np.ceil(max(width_px, height_px) / LOW_RES_PX)))
        self._previous: NDArray[np.uint8] | None = None
        self._kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))

    def _grey(self, frame: Frame) -> NDArray[np.uint8]:
        h, w = frame.shape[:2]
        size = (-(-w // self.step), -(-h // self.step))
        small = cv2.resize(frame, size, interpolation=cv2.INTER_NEAREST)
        grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        return np.asarray(cv2.GaussianBlur(grey, (5, 5), 0), dtype=np.uint8)

    def add(self, frame: Frame) -> FrameMotion:
        grey = self._grey(frame)
        previous, self._previous = self._previous, grey
        if previous is None:
            return FrameMotion((), 0.0)  # the first frame has nothing to compare with
        transform, flow, fit_share = self._background(previous, grey)
        step = float(self.step)
        if transform is not None:
            transform[:, 2] *= 2.0  # fitted at half the grey image's size
        shift, zoom = (0.0, 0.0), 1.0
        if transform is not None:
            shift = (float(transform[0, 2]) * step, float(transform[1, 2]) * step)
            zoom = float(np.hypot(transform[0, 0], transform[1, 0]))
            moved = np.hypot(*shift) / step > STILL_SHIFT_PX or abs(zoom - 1.0) > 0.002
            if moved:
                size = (grey.shape[1], grey.shape[0])
                previous = np.asarray(
                    cv2.warpAffine(previous, transform, size, borderMode=cv2.BORDER_REPLICATE),
                    dtype=np.uint8,
                )
        changed = (cv2.absdiff(grey, previous) > DIFF_THRESHOLD).astype(np.uint8)
        share = float(changed.mean())
        grown = cv2.dilate(changed, self._kernel, iterations=2)
        n, _, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
        min_area = MIN_BLOB_SHARE * grown.size
        blobs = tuple(
            (
                float(stats[i, 0] * step),
                float(stats[i, 1] * step),
                float((stats[i, 0] + stats[i, 2]) * step),
                float((stats[i, 1] + stats[i, 3]) * step),
            )
            for i in range(1, n)
            if stats[i, 4] >= min_area
        )
        return FrameMotion(blobs, share, shift, zoom, fit_share, flow)

    def _background(
        self, previous: NDArray[np.uint8], grey: NDArray[np.uint8]
    ) -> tuple[NDArray[np.float64] | None, Points | None, float]:
        """Similarity transform previous -> this frame, fitted at half the grey size (cheap;
        a camera's motion is smooth and large-scale)."""
        before, after = cv2.pyrDown(previous), cv2.pyrDown(grey)
        corners = cv2.goodFeaturesToTrack(before, N_FEATURES, 0.01, 5)
        if corners is None or len(corners) < 6:
            return None, None, 0.0
        moved, status, _ = cv2.calcOpticalFlowPyrLK(
            before, after, corners, np.empty_like(corners), winSize=(11, 11), maxLevel=2
        )
        ok = status.ravel() == 1
        if ok.sum() < 6:
            return None, None, 0.0
        a, b = corners[ok].reshape(-1, 2), moved[ok].reshape(-1, 2)
        transform, inliers = cv2.estimateAffinePartial2D(a, b, method=cv2.RANSAC)
        step = 2.0 * self.step
        flow = np.hstack([a * step, (b - a) * step]).astype(np.float32)
        if transform is None or inliers is None:
            return None, flow, 0.0
        return np.asarray(transform, dtype=np.float64), flow, float(inliers.mean())
