"""End-to-end CLI tests of the core commands, through the installed `footfix` entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.paths import CASES as SHARED_CASES
from tests.paths import WATCH

FOOTFIX = shutil.which("footfix") or str(Path(os.sys.executable).parent / "footfix")  # type: ignore[attr-defined]
E02 = SHARED_CASES / "E02-pf-opposite-hip-overreach.yaml"


def footfix(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FOOTFIX, *args], input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd,
        env={**os.environ, "COLUMNS": "120"},
    )  # fmt: skip


def test_assess_reads_like_an_answer_first() -> None:
    res = footfix("assess", str(E02))
    assert res.returncode == 0, res.stderr
    head = res.stdout[: res.stdout.index("Today's exercises")]
    assert "Plantar fascia" in head and "This week: Return to running on the flat" in head
    assert "(right side, the other leg)" in head  # the side logic is in the answer
    assert "pushes off weakly" in head
    assert "does not diagnose" in res.stdout.replace("\n", " ")
    assert "What hurts - ranked tissues" not in res.stdout  # the tables are behind --full
    full = footfix("assess", str(E02), "--full")
    assert full.stdout.startswith(res.stdout.split("Today's exercises")[0])  # same summary
    assert "What hurts - ranked tissues" in full.stdout and "Plan - " in full.stdout


def test_assess_json_is_the_result_format() -> None:
    res = footfix("assess", str(E02), "--json")
    data = json.loads(res.stdout)
    assert data["result_format"] == 1 and data["case_id"] == E02.stem
    for key in (
        "referral",
        "red_flags",
        "tissues",
        "root_causes",
        "unknowns",
        "phase",
        "next_gate",
        "plan",
        "disclaimer",
        "knowledge_version",
    ):
        assert key in data


def test_markdown_report() -> None:
    res = footfix("assess", str(E02), "--markdown")
    assert res.stdout.startswith("# footfix assessment")
    assert "## Plan" in res.stdout and "## Why: root causes" in res.stdout


def test_a_bad_case_file_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_format: 1\npatient:\n  age: 250\n  painful_side: middle\n")
    res = footfix("assess", str(bad))
    assert res.returncode == 2
    assert "patient.age" in res.stderr and "patient.painful_side" in res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    missing = footfix("assess", str(tmp_path / "nope.yaml"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr


def test_schema_is_json_schema() -> None:
    data = json.loads(footfix("schema").stdout)
    assert data["title"] == "CaseFile" and "patient" in data["properties"]


def test_kb_commands() -> None:
    assert footfix("kb", "check").returncode == 0
    listing = footfix("kb", "list", "red_flags").stdout
    assert "cauda_equina" in listing
    shown = footfix("kb", "show", "plantar_fascia").stdout
    assert "prior" in shown and "told_apart_by" in shown
    assert footfix("kb", "show", "no_such_thing").returncode == 2


def test_exercises() -> None:
    assert "runners_lunge" in footfix("exercises").stdout
    one = footfix("exercises", "heel_raise_toe_up").stdout
    assert "Dose" in one and "Progression" in one
    wrong = footfix("exercises", "runners_lunges")
    assert wrong.returncode == 2 and "runners_lunge" in wrong.stderr


def test_demo_runs() -> None:
    res = footfix("demo")
    assert res.returncode == 0 and "Plan" in res.stdout


def test_interview_writes_a_case_and_says_the_red_flag_screen_is_open(tmp_path: Path) -> None:
    answers = "\n".join(["right", "41", "female", "dk", "dk", "13", *["dk"] * 120])
    out = tmp_path / "case.yaml"
    res = footfix("interview", "--out", str(out), stdin=answers + "\n")
    assert res.returncode == 0, res.stderr
    case = yaml.safe_load(out.read_text())
    assert case["patient"] == {"painful_side": "right", "age": 41, "sex": "female"}
    assert case["history"] == {"duration_weeks": 13}  # "don't know" leaves the rest unknown
    assert set(case) == {"case_format", "id", "patient", "history"}
    assert not (tmp_path / "case.yaml.partial").exists()
    # not sure of any warning sign: never "no referral needed"
    assert "no referral needed" not in res.stdout.lower()
    assert "some were not answered" in res.stdout and "Still unanswered: " in res.stdout


def test_interview_rejects_a_bad_answer_and_keeps_answers_when_input_ends(tmp_path: Path) -> None:
    out = tmp_path / "case.yaml"
    res = footfix("interview", "--out", str(out), stdin="middle\nleft\n250\n40\n")
    assert res.returncode == 0, res.stderr
    assert "'middle' is not one of" in res.stdout and "a number from 6 to 100" in res.stdout
    assert not out.exists()
    kept = yaml.safe_load((tmp_path / "case.yaml.partial").read_text())
    assert kept["case"]["patient"] == {"painful_side": "left", "age": 40}


def test_interview_settles_a_name_clash_before_the_first_question(tmp_path: Path) -> None:
    taken = tmp_path / "case.yaml"
    taken.write_text("case_format: 1\nid: somebody-else\n")
    res = footfix("interview", "--out", str(taken), stdin="other.yaml\nboth\n", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "already exists" in res.stdout
    assert res.stdout.index("already exists") < res.stdout.index("Which foot hurts?")
    assert taken.read_text() == "case_format: 1\nid: somebody-else\n"
    kept = yaml.safe_load((tmp_path / "other.yaml.partial").read_text())
    assert kept["case"]["patient"] == {"painful_side": "both"}


def test_assess_ask_answers_what_would_help_and_assesses_again(tmp_path: Path) -> None:
    case = tmp_path / "e10.yaml"
    shutil.copyfile(SHARED_CASES / "E10-minimal-pf-history-only.yaml", case)
    first = footfix("assess", str(case), "--json")
    unknown = [u["id"] for u in json.loads(first.stdout)["unknowns"]]
    assert "history.walk_stand_tolerance_min" in unknown
    # the screen first (each sign shown, then "none"), then the rest answered or not known
    stdin = "\n".join(["n", "n", "n", "full", "none", "none", "y", *["dk"] * 80])
    res = footfix("assess", str(case), "--ask", stdin=stdin + "\n")
    assert res.returncode == 0, res.stderr
    assert "some were not answered" in res.stdout  # the first assessment's open screen
    assert res.stdout.count("footfix assessment") == 2  # assessed again after the answers
    after = yaml.safe_load(case.read_text())
    assert after["history"]["weight_bearing"] == "full" and after["history"]["night_pain"] is False
    assert "saddle_numbness" in after["history"]["associated_absent"]
    again = json.loads(footfix("assess", str(case), "--json").stdout)
    assert again["red_flag_screen_unanswered"] == []
    assert footfix("assess", str(case), "--ask", "--json").returncode == 2


@pytest.mark.parametrize("flag", ["--json", "--markdown"])
def test_every_shared_case_through_the_cli(flag: str) -> None:
    for path in SHARED_CASES.glob("*.yaml"):
        res = footfix("assess", str(path), flag)
        assert res.returncode == 0 and res.stdout


def test_assess_with_a_bad_video_adds_a_note_and_a_bad_box_is_an_error(tmp_path: Path) -> None:
    case = str(SHARED_CASES / "E10-minimal-pf-history-only.yaml")
    not_video = tmp_path / "clip.mp4"
    not_video.write_text("this is not a video")
    truncated = tmp_path / "cut.mp4"  # a real MP4 cut short: FFmpeg finds no index ("moov")
    truncated.write_bytes((SHARED_CASES.parent / "video" / "male_side.mp4").read_bytes()[:5000])
    for bad in (not_video, truncated):
        res = footfix("assess", case, "--video", str(bad), "--json")
        assert res.returncode == 0, res.stderr
        notes = json.loads(res.stdout)["evidence_notes"]
        assert any(n.startswith(f"video: Skipped {bad.name}: ") for n in notes), notes
        assert res.stderr == ""  # neither a traceback nor the decoder's own words
    shown = footfix("assess", case, "--video", str(truncated))
    assert "Skipped cut.mp4" in shown.stdout and "moov" not in shown.stdout + shown.stderr
    bad_box = footfix("assess", case, "--video", str(not_video), "--box", "1,2")
    assert bad_box.returncode == 2 and "--box" in bad_box.stderr


def test_assess_with_watch_files_reports_what_they_added() -> None:
    case = str(SHARED_CASES / "E10-minimal-pf-history-only.yaml")
    watch = WATCH / "fit"
    data = json.loads(footfix("assess", case, "--activities", str(watch), "--json").stdout)
    assert any(n.startswith("watch: ") for n in data["evidence_notes"])
    assert any("invalid" in n or "Skipped" in n for n in data["evidence_notes"])
    res = footfix("assess", case, "--activities", "/no/such/folder", "--json")
    missing = json.loads(res.stdout)
    assert "watch: No activities could be read." in missing["evidence_notes"]
