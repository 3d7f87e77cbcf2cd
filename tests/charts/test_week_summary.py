""" "This week": ``footfix progress`` opens with a plain-words summary that fits one screen;
the tables wait behind ``--full``; nothing a person reads carries an internal id."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from footfix.cli.app import app
from footfix.domain.result import PHASE_ORDER
from tests.paths import CASES

cli = CliRunner()
INTERNAL_ID = re.compile(r"\b[a-z]+_[a-z_]+\b")  # rehab_no_running, return_to_run, ...


def footfix(*args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, f"footfix {' '.join(args)}\n{result.output}"
    return result.stdout


@pytest.fixture
def assessed(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "80")
    footfix("runner", "add", "ann", "--start", "2026-03-02")
    footfix("assess", str(CASES / "E01-pf-ankle-df-load-spike.yaml"), "--save",
            "--runner", "ann")  # fmt: skip
    for day, first in (("2026-03-02", "4"), ("2026-03-03", "3"), ("2026-03-04", "3")):
        footfix("log", "-r", "ann", "--date", day, "--first-step", first, "--during", "2",
                "--walk-min", "30")  # fmt: skip
    return "ann"


def test_progress_opens_with_this_week_on_one_screen(assessed: str) -> None:
    shown = footfix("progress", "-r", assessed, "--on", "2026-03-05")
    lines = shown.splitlines()
    assert len(lines) <= 24, shown
    assert lines[1:3] and "This week" in shown[:400]
    assert "Exercises:" in shown and "No running this week." in shown
    assert "Next gate" in shown and "Weekly trends" not in shown
    assert not INTERNAL_ID.findall(shown), INTERNAL_ID.findall(shown)
    assert "{" not in shown  # no raw JSON


def test_full_adds_the_tables_and_json_carries_the_same_summary(assessed: str) -> None:
    full = footfix("progress", "-r", assessed, "--on", "2026-03-05", "--full")
    assert "Weekly trends" in full and "Exercises today" in full
    data = json.loads(footfix("progress", "-r", assessed, "--on", "2026-03-05", "--json"))
    summary = data["summary"]
    assert summary["phase"] == data["phase"] and summary["phase"] in PHASE_ORDER
    assert summary["phase_title"] in full and summary["running_allowed"] is False
    assert summary["exercises"][0]["title"] in full
    for item in summary["today"]:
        assert item[:40] in " ".join(full.split())
        assert not INTERNAL_ID.findall(item)
    gate = summary["next_gate"]
    assert f"{gate['met']} of {gate['total']} done" in full


def test_assess_output_names_phases_and_steps_in_words(cli_env: str) -> None:
    for case in ("E01-pf-ankle-df-load-spike.yaml", "E09-cauda-equina-emergency.yaml"):
        shown = footfix("assess", str(CASES / case))
        for internal in ("rehab_no_running", "return_to_run", "cauda_equina", "refer_first"):
            assert internal not in shown, (case, internal)
