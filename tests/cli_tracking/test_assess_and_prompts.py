"""The lead's ``assess --save`` path into the store, and the interactive ``log`` prompts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footfix.cli import tracking_log_command
from footfix.cli.app import app

cli = CliRunner()
DEMO = Path(__file__).resolve().parents[2] / "src" / "footfix" / "examples" / "demo-runner.yaml"


def test_assess_save_records_snapshot_and_phase(cli_env: str) -> None:
    refused = cli.invoke(app, ["assess", str(DEMO), "--save", "--runner", "ghost"])
    assert refused.exit_code != 0 and "no runner called 'ghost'" in refused.output
    assert cli.invoke(app, ["runner", "add", "ann", "--start", "2026-01-05"]).exit_code == 0
    saved = cli.invoke(app, ["assess", str(DEMO), "--save", "--runner", "ann", "--json"])
    assert saved.exit_code == 0, saved.output
    exported = json.loads(cli.invoke(app, ["export", "-r", "ann"]).output)
    assert len(exported["assessments"]) == 1
    assessment = exported["assessments"][0]
    assert json.loads(assessment["result_json"])["phase"] == assessment["phase"]
    assert exported["plans"][0]["versions"][0]["assessment_uid"] == assessment["uid"]
    if assessment["phase"] != "rehab_no_running":
        assert exported["phase_history"][-1]["source"] == "assessment"


def test_log_prompts_when_no_flags_at_a_terminal(
    cli_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.invoke(app, ["runner", "add", "ann", "--start", "2026-01-05"]).exit_code == 0
    monkeypatch.setattr(tracking_log_command, "_at_terminal", lambda: True)
    answers = "3\n30\n2\n1\n4\n28\nfelt fine\n"
    result = cli.invoke(app, ["log", "-r", "ann", "--date", "2026-01-05"], input=answers)
    assert result.exit_code == 0, result.output
    day = json.loads(cli.invoke(app, ["export", "-r", "ann"]).output)["day_logs"][0]["entry"]
    assert day["first_step_pain_nrs"] == 3 and day["walk_stand_tolerance_min"] == 30
    assert day["runs"][0]["distance_km"] == 4 and day["notes"] == "felt fine"
