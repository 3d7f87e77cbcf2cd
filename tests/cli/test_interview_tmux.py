"""The interview in a real terminal (tmux), answered as a runner would.

Three months of heel pain after switching to minimal shoes: a typo fixed with the arrow keys, a
step back, `none` for the warning signs, a Ctrl-C halfway, then the same command resumes and the
case file it writes is checked field by field.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml

from footfix.knowledge.kb import load_default

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, tmp: Path) -> None:
        self.name = f"footfix-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp
        self.env = {
            "FOOTFIX_DATA_DIR": str(tmp / "data"),
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "TERM": "xterm",
        }
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "160", "-y", "50", "-c", str(tmp)],
            check=True,
        )

    def run(self, command: str) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        self.keys(f"clear; env {exports} {command}; echo EXIT=$?", enter=True)

    def keys(self, text: str, enter: bool = False) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        if enter:
            self.press("Enter")

    def press(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-J", "-S", "-400", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def last_line(self) -> str:
        lines = [line for line in self.screen().splitlines() if line.strip()]
        return lines[-1] if lines else ""

    def wait_for(self, text: str, timeout: float = 30) -> None:
        """Wait until the last line (where the cursor waits) shows ``text``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.last_line():
                return
            time.sleep(0.05)
        raise AssertionError(f"never saw {text!r}; screen ends:\n" + self.screen()[-1500:])

    def wait_text(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            assert time.monotonic() < deadline, f"never saw {text!r}:\n" + self.screen()[-1500:]
            time.sleep(0.05)

    def answer(self, prompt: str, reply: str) -> None:
        """Answer the prompt on the last line, then wait until it has been read."""
        self.wait_for(prompt)
        waiting = self.last_line()
        self.keys(reply, enter=True)
        deadline = time.monotonic() + 10
        while self.last_line() in (waiting, waiting + reply) and time.monotonic() < deadline:
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False)


@pytest.fixture
def term(tmp_path: Path):  # type: ignore[no-untyped-def]
    t = Terminal(tmp_path)
    yield t
    t.close()


def footfix_command() -> str:
    return f"{shlex.quote(sys.executable)} -m footfix"


def test_a_runner_answers_stops_halfway_and_resumes(term: Terminal, tmp_path: Path) -> None:
    out = tmp_path / "heel.yaml"
    partial = tmp_path / "heel.yaml.partial"
    term.run(f"{footfix_command()} interview --out heel.yaml")
    term.answer("Which foot hurts?", "left")
    # a typo fixed in the line editor: type "1", arrow left, "4" -> 41 (no escape codes)
    term.wait_for("Your age in years?")
    term.keys("1")
    term.press("Left")
    term.keys("4", enter=True)
    term.answer("Sex?", "back")  # a step back: the age is asked again ...
    term.answer("Your age in years?", "42")  # ... and the new answer replaces the old one
    term.answer("Sex?", "female")
    term.answer("For how many years have you been running?", "6")
    term.answer("How far did you run in a usual week", "35 km")
    term.answer("For how many weeks has it hurt?", "13")
    term.answer("Did it come on gradually or suddenly?", "gradual")
    term.answer("Did it start with a fall", "n")
    term.answer("Where does it hurt?", "1, 2")
    term.answer("What does it feel like?", "sharp")
    term.answer("Are the first steps after sleep", "y")
    term.answer("Does it ease after a few minutes", "y")
    term.answer("Does it wake you at night?", "n")
    term.answer("Does it ache when you are resting?", "n")
    term.answer("Worst pain this week", "6")
    # Ctrl-C halfway: the answers so far are kept beside the case file, nothing else is written
    term.wait_for("Typical pain, 0 to 10?")
    term.press("C-c")
    term.wait_for("EXIT=130")
    screen = term.screen()
    assert "Traceback" not in screen and "answers are kept in" in screen
    assert not out.exists()
    assert partial.stat().st_mode & 0o777 == 0o600
    kept = yaml.safe_load(partial.read_text())
    assert kept["case"]["patient"]["age"] == 42
    assert kept["case"]["history"]["pain_nrs"] == {"worst": 6}

    term.run(f"{footfix_command()} interview --out heel.yaml")
    term.wait_for("Typical pain, 0 to 10?")
    assert "Resuming 15 answers" in term.screen()
    term.answer("Typical pain, 0 to 10?", "3")
    term.answer("before the pain goes above 3 out of 10?", "45")
    term.answer("Standing on the painful foot is...", "1")
    term.answer("Is there a wound on the painful foot?", "none")
    term.answer("Numbness around the groin", "none")  # shows the whole list first ...
    term.wait_for("None of these")
    assert "A new change in bladder or bowel control?" in term.screen()
    term.answer("None of these", "y")  # ... then confirms
    term.answer("In the last 3 months, any of these?", "none")  # clot risks: no calf check
    term.answer("Any of these in your history?", "none")
    term.answer("Are your periods regular?", "regular")
    term.answer("Have you been eating less than your training needs", "n")
    term.answer("How many kilos have you lost", "0")
    term.answer("Are you running at the moment?", "y")
    term.answer("Runs per week now?", "3")
    term.answer("How far do you run in a week now", "20 km")
    term.answer("Longest recent run", "8 km")
    term.answer("Do you run without walk breaks?", "y")
    term.answer("What do you mostly run on?", "road")
    term.answer("Do your runs include hills?", "skip")  # comes back at the end
    term.answer("Pain while running, 0 to 10?", "?")
    term.wait_text("Why: Pain above 3")
    term.answer("Pain while running, 0 to 10?", "11")
    term.wait_text("give a number from 0 to 10")
    term.answer("Pain while running, 0 to 10?", "2")
    term.answer("Is it worse the morning after a run?", "y")
    term.answer("did any of these change?", "minimal shoes")
    term.answer("About how many weeks ago did that change happen?", "14")
    term.answer("Which shoes do you run in now", "barefoot-style shoes, bought in spring")
    for prompt in (
        "Knee-to-wall",
        "Single-leg heel raises",
        "Do up to 10 small hops",
        "Does squeezing the sides",
        "Standing, does bending the big toe",
        "Does tapping the inside of the heel",
        "Does tapping behind the inner ankle",
        "Sitting slumped, knee straight",
        "Where is it tender",
        "Lying with one knee hugged",
        "Single-leg bridges",
        "does the painful foot feel warmer",
        "Walking on your heels",
        "Walking on tiptoe",
        "Foot posture score of the painful foot",
        "Seated upper-body turn",
        "Lying leg slide out to the side",
        "Big-toe lift while standing",
        "Does tapping the inner side of the heel bone",  # asked for inner-heel pain only
        "does your foot land well ahead",
        "Which part of the foot lands first?",
    ):
        term.answer(prompt, "dk")
    term.answer("Do your runs include hills?", "n")
    term.wait_for("EXIT=0", timeout=60)

    screen = term.screen()
    assert "Traceback" not in screen and "\x1b[" not in screen and "^[[" not in screen
    assert "no referral needed" in screen.lower()  # every warning sign was answered
    assert "A drastic change in shoes, terrain or speed" in screen
    assert not partial.exists()
    assert out.stat().st_mode & 0o777 == 0o600
    case = yaml.safe_load(out.read_text())
    patient, history = case["patient"], case["history"]
    assert case["case_format"] == 1
    assert patient == {
        "painful_side": "left",
        "age": 42,
        "sex": "female",
        "running_years": 6,
        "weekly_distance": {"value": 35, "unit": "km"},
    }
    assert history["duration_weeks"] == 13 and history["onset"] == "gradual"
    assert history["pain_location"] == ["medial_heel", "central_heel"]
    assert history["pain_nrs"] == {"worst": 6, "typical": 3}
    assert history["walk_stand_tolerance_min"] == 45
    assert history["training_changes"] == [{"change": "minimal_shoes", "weeks_ago": 14}]
    assert history["medical_history"] == []
    assert history["energy"] == {
        "periods": "regular",
        "restricted_eating": False,
        "weight_loss_kg": 0,
    }
    assert history["currently_running"] == {
        "running": True,
        "sessions_per_week": 3,
        "weekly_distance": {"value": 20, "unit": "km"},
        "longest_run": {"value": 8, "unit": "km"},
        "continuous": True,
        "surface": "road",
        "hills": False,
        "pain_during": 2,
        "worse_next_morning": True,
    }
    screened = {
        q.value
        for q in load_default().interview.questions
        if q.kind == "present" and q.value != "spreading_redness"  # only asked after redness
    }
    assert set(history["associated_absent"]) == screened
    assert "associated" not in history
    assert "exam" not in case and "gait" not in case  # "don't know" leaves them unknown
    assert os.path.getsize(out) > 0
