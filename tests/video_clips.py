"""Stride clips derived from the real videos with OpenCV only (the decoder the pipeline uses; no
ffmpeg needed): a copy whose frames are changed, or only its first seconds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Change = Callable[[Any, int, float], Any]  # (frame, its index, frames per second) -> frame


def write_clip(
    source: Path, target: Path, *, change: Change | None = None, seconds: float | None = None
) -> Path:
    """``source`` written again to ``target`` (MP4), each frame through ``change``; with
    ``seconds``, only that many seconds from the start."""
    import cv2

    cap = cv2.VideoCapture(str(source))
    fps = cap.get(cv2.CAP_PROP_FPS)
    frames = None if seconds is None else round(seconds * fps)
    writer = None
    index = 0
    while frames is None or index < frames:
        ok, frame = cap.read()
        if not ok:
            break
        if change is not None:
            frame = change(frame, index, fps)
        if writer is None:
            h, w = frame.shape[:2]
            writer = cv2.VideoWriter(str(target), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
        writer.write(frame)
        index += 1
    cap.release()
    assert writer is not None, f"no frame could be read from {source}"
    writer.release()
    return target
