"""A video header that lies about its frame count cannot make the decoder keep unbounded memory."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from footfix.gait import halves
from footfix.gait.errors import VideoTooLongError


def _clip(path: Path, frames: int) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30.0, (64, 48))
    rng = np.random.default_rng(1)
    for _ in range(frames):
        writer.write(rng.integers(0, 255, (48, 64, 3), dtype=np.uint8))
    writer.release()
    return path


def test_frames_are_counted_as_decoded_not_taken_from_the_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _clip(tmp_path / "clip.avi", 40)
    # the last share decodes to the end of the clip whatever the header said (stop=None), and
    # keeps frames only within its byte budget (here room for 20 frames)
    share = halves.Half(path, 0, None, 20 * 64 * 48 * 3)
    motion = share.decode(64, 48)
    assert len(motion) == 40
    assert share.kept is None  # stopped keeping frames once past the budget


def test_too_many_decoded_frames_is_a_clear_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _clip(tmp_path / "long.avi", 30)
    monkeypatch.setattr(halves, "MAX_DECODED_FRAMES", 25)
    with pytest.raises(VideoTooLongError, match="more than 25 frames"):
        halves.Half(path, 0, None, 10**9).decode(64, 48)
