"""Reading frames: open, probe and iterate a clip with OpenCV.

Frames are BGR ``uint8`` arrays exactly as OpenCV decodes them. OpenCV's FFmpeg backend already
applies a phone's rotation metadata (``CAP_PROP_ORIENTATION_AUTO``), so "raw" frames here are
what a video player shows; a phone rotation that was never written into the metadata is found
later by :mod:`footfix.gait.orientation`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from footfix.gait.errors import NotAVideoError, UnreadableVideoError

# FFmpeg inside OpenCV prints its own complaints ("moov atom not found") straight to stderr; the
# errors below say it in words a runner understands. Read on the first capture, so set here.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")

#: Below this frame rate contact times are only good to about one frame (33 ms at 30 fps).
GOOD_TIMING_FPS = 60.0

Frame = NDArray[np.uint8]


@dataclass(frozen=True)
class VideoInfo:
    path: Path
    fps: float
    n_frames: int
    width_px: int
    height_px: int
    rotation_meta_deg: int

    @property
    def duration_s(self) -> float:
        return self.n_frames / self.fps

    def warnings(self) -> list[str]:
        out = []
        if self.fps < GOOD_TIMING_FPS:
            out.append(
                f"The clip has {self.fps:.0f} fps: contact times and event timing are only good "
                f"to about ±{1000 / self.fps:.0f} ms per step; film at 60 fps or more for "
                "better timing."
            )
        return out


def _open(path: Path) -> cv2.VideoCapture:
    if not path.is_file():
        raise NotAVideoError(f"{path} does not exist or is not a file.")
    cap = cv2.VideoCapture(str(path))
    if not cap.isOpened():
        cap.release()
        raise NotAVideoError(f"{path} is not a video file OpenCV can open.")
    return cap


def probe(path: Path) -> VideoInfo:
    """Read the clip's header and check that its first frame decodes."""
    cap = _open(path)
    try:
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        n_frames = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        rotation = int(cap.get(cv2.CAP_PROP_ORIENTATION_META) or 0) % 360
        ok, frame = cap.read()
        if not ok or frame is None:
            raise UnreadableVideoError(f"{path} opened, but no frame could be decoded.")
        if fps <= 1.0 or fps > 1000.0:
            raise UnreadableVideoError(f"{path} reports an implausible frame rate ({fps}).")
        height_px, width_px = frame.shape[:2]
    finally:
        cap.release()
    if n_frames <= 0:
        n_frames = sum(1 for _ in iter_frames(path, 0, 10**7))
    return VideoInfo(path, fps, n_frames, int(width_px), int(height_px), rotation)


def iter_frames(
    path: Path, start: int, stop: int, seek: bool = False
) -> Iterator[tuple[int, Frame]]:
    """Yield ``(index, frame)`` for frames ``start <= index < stop`` in order.

    By default the frames before ``start`` are grabbed (decoded without conversion) from the
    first frame: slow, but exact for every codec, which event timing depends on. ``seek`` asks
    FFmpeg to jump (``CAP_PROP_POS_FRAMES``: decoding starts at the key frame before
    ``start``), which is exact for the usual MP4/WebM files but not promised for every file,
    so a caller that seeks must check the first frame it gets (see
    :mod:`footfix.gait.halves`).
    """
    cap = _open(path)
    try:
        index = 0
        if seek and start > 0 and cap.set(cv2.CAP_PROP_POS_FRAMES, start):
            index = start
        while index < start:
            if not cap.grab():
                return
            index += 1
        while index < stop:
            ok, frame = cap.read()
            if not ok or frame is None:
                return
            yield index, np.asarray(frame, dtype=np.uint8)
            index += 1
    finally:
        cap.release()


def rotate_frame(frame: Frame, rotation_deg: int) -> Frame:
    """Rotate clockwise by a multiple of 90 degrees."""
    codes = {
        90: cv2.ROTATE_90_CLOCKWISE,
        180: cv2.ROTATE_180,
        270: cv2.ROTATE_90_COUNTERCLOCKWISE,
    }
    if rotation_deg % 360 == 0:
        return frame
    return np.asarray(cv2.rotate(frame, codes[rotation_deg % 360]), dtype=np.uint8)


def rotate_points(
    xy: NDArray[np.float64], rotation_deg: int, width_px: int, height_px: int
) -> NDArray[np.float64]:
    """Map points of a ``width_px`` x ``height_px`` image into the image rotated clockwise."""
    x, y = xy[..., 0], xy[..., 1]
    r = rotation_deg % 360
    if r == 0:
        out = np.stack([x, y], axis=-1)
    elif r == 90:
        out = np.stack([height_px - 1 - y, x], axis=-1)
    elif r == 180:
        out = np.stack([width_px - 1 - x, height_px - 1 - y], axis=-1)
    else:
        out = np.stack([y, width_px - 1 - x], axis=-1)
    return np.asarray(out, dtype=np.float64)
