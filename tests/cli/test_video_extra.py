"""Without the video extra, the commands that need it name it instead of showing a traceback."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import CASES, VIDEO

# mediapipe set to None in sys.modules makes every import of it fail, as if it were not installed
RUN_WITHOUT_MEDIAPIPE = (
    "import sys; sys.modules['mediapipe'] = None\n"
    "from footfix.cli.app import main\n"
    "sys.argv = ['footfix', *sys.argv[1:]]\n"
    "main()\n"
)


def _footfix(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT_MEDIAPIPE, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_stride_names_the_missing_extra() -> None:
    done = _footfix("stride", str(VIDEO / "male_side.mp4"))
    assert done.returncode == 2, done.stderr
    assert "pip install 'footfix[video]'" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_assess_with_video_keeps_the_assessment_and_notes_the_extra() -> None:
    case = CASES / "E01-pf-ankle-df-load-spike.yaml"
    done = _footfix("assess", str(case), "--video", str(VIDEO / "male_side.mp4"))
    assert done.returncode == 0, done.stderr
    assert "footfix[video]" in done.stdout
    assert "Traceback" not in done.stderr
