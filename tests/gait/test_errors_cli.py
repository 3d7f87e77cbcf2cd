"""Bad input gives a clear message and filming advice, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from footfix.cli.app import app
from footfix.gait.errors import GaitError, NotAVideoError, UnreadableVideoError
from footfix.gait.video import probe


def test_not_a_video(tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("this is not a video")
    with pytest.raises((NotAVideoError, UnreadableVideoError)):
        probe(text)
    with pytest.raises(NotAVideoError):
        probe(tmp_path / "missing.mp4")


def test_cli_reports_bad_file_cleanly(tmp_path: Path) -> None:
    text = tmp_path / "clip.mov"
    text.write_text("nope")
    result = CliRunner().invoke(app, ["stride", str(text), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "film" in result.output.lower()


def test_cli_rejects_bad_view_and_box(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["stride", "x.mp4", "--view", "front"]).exit_code == 2
    assert runner.invoke(app, ["stride", "x.mp4", "--box", "1,2,3"]).exit_code == 2


def test_every_error_says_what_to_film() -> None:
    err = GaitError("bad")
    assert "fps" in err.advice and "What to do" in str(err)


def test_cli_module_imports_no_video_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, footfix.cli.stride_commands; "
        "print(any(m in sys.modules for m in ('cv2', 'mediapipe', 'matplotlib')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_clip_without_a_person_is_refused_cleanly(tmp_path: Path) -> None:
    """A real (tiny) video of a blank wall: the pipeline runs and says nobody was found."""
    import cv2
    import numpy as np

    path = tmp_path / "wall.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30.0, (320, 240))
    rng = np.random.default_rng(0)
    for _ in range(45):
        writer.write(
            np.full((240, 320, 3), 128, np.uint8) + rng.integers(0, 3, (240, 320, 3), np.uint8)
        )
    writer.release()
    result = CliRunner().invoke(app, ["stride", str(path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "No person" in result.output
    assert "Traceback" not in result.output
