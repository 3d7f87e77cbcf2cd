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


def _box(data: bytes, path: list[bytes]) -> int:
    """Offset of the box at ``path`` (e.g. moov/trak/.../stts) in an MP4 file."""
    start, end = 0, len(data)
    for name in path:
        while start + 8 <= end:
            size = int.from_bytes(data[start : start + 4], "big")
            if data[start + 4 : start + 8] == name:
                break
            start += size
        else:
            raise AssertionError(f"no {name!r} box")
        if name != path[-1]:
            start, end = start + 8, start + size
    return start


def _lying_copy(source: Path, target: Path, claimed_frames: int) -> Path:
    """The real clip with its sample table claiming ``claimed_frames``: the one 'time to
    sample' entry's count, which is where FFmpeg (and so OpenCV) takes the frame count from."""
    data = bytearray(source.read_bytes())
    stts = _box(bytes(data), [b"moov", b"trak", b"mdia", b"minf", b"stbl", b"stts"])
    assert int.from_bytes(data[stts + 12 : stts + 16], "big") == 1  # one entry: count, delta
    data[stts + 16 : stts + 20] = claimed_frames.to_bytes(4, "big")
    target.write_bytes(bytes(data))
    return target


@pytest.mark.slow
@pytest.mark.parametrize("claimed", [1, 100_000])
def test_a_real_clip_whose_header_lies_is_analysed_by_its_decoded_frames(
    tmp_path: Path, claimed: int
) -> None:
    pytest.importorskip("mediapipe")
    from footfix.gait.pipeline import analyse_pose
    from footfix.gait.video import probe
    from tests.gait.conftest import MALE_SIDE

    path = _lying_copy(MALE_SIDE, tmp_path / "lying.mp4", claimed)
    assert probe(path).n_frames == claimed  # the header says so...
    capture = cv2.VideoCapture(str(path))
    decoded = 0
    while capture.grab():
        decoded += 1
    capture.release()
    assert decoded == 360  # ...but all 360 frames still decode
    # two shares: with 1 claimed, the first share is empty; with 100,000, the second is
    track = analyse_pose(path, workers=2)
    assert track.n_frames == 360
    found = np.isfinite(track.xy_px).any(axis=(1, 2))
    assert found.mean() > 0.9  # the runner is found, not "no person"
