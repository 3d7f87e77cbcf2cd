"""``footfix progress --runner NAME --json``: valid JSON whose figures are the readable view's."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from footfix.cli.app import app


def test_progress_json_matches_the_view(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    cli = CliRunner()
    start = ["runner", "add", "ann", "--start", "2026-03-02"]
    assert cli.invoke(app, start).exit_code == 0
    days = [("2026-03-02", "4", "3"), ("2026-03-04", "3", "2"), ("2026-03-10", "2", "1")]
    for day, first, during in days:
        args = ["log", "-r", "ann", "--date", day, "--first-step", first, "--during", during]
        assert cli.invoke(app, [*args, "--walk-min", "40"]).exit_code == 0
    on = ["--runner", "ann", "--on", "2026-03-12"]
    shown = cli.invoke(app, ["progress", *on, "--full"])
    printed = cli.invoke(app, ["progress", *on, "--json"])
    assert shown.exit_code == 0 and printed.exit_code == 0, shown.output + printed.output
    data = json.loads(printed.stdout)
    assert data["runner"] == "ann" and data["summary"]["phase_title"] in shown.stdout
    assert f"{data['next_gate']['closeness']:.0%}" in shown.stdout or not data["next_gate"]["phase"]
    logged = [w for w in data["trends"] if w["days_logged"]]
    assert [w["week_start"] for w in logged] == ["2026-03-02", "2026-03-09"]
    rows = [line for line in shown.stdout.splitlines() if line.strip()[:4] == "2026"]
    assert len(rows) == len(logged)
    for row, week in zip(rows, logged, strict=True):
        cells = [c.strip() for c in row.split("│")]
        assert cells[0] == week["week_start"]
        assert cells[1].endswith(f"{week['first_step_pain_mean']:.1f}")
        assert cells[2] == f"{week['activity_pain_max']:g}"
    assert logged[0]["first_step_pain_mean"] == pytest.approx(3.5)


def test_progress_json_is_the_typed_view_the_api_serves(
    cli_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The printed JSON validates as services.progress_view.ProgressView, with gate closeness."""
    from footfix.services.progress_view import ProgressView

    cli = CliRunner()
    assert cli.invoke(app, ["runner", "add", "bo", "--start", "2026-03-02"]).exit_code == 0
    for day in ("2026-03-02", "2026-03-03", "2026-03-04"):
        args = ["log", "-r", "bo", "--date", day, "--first-step", "2", "--during", "1"]
        logged = cli.invoke(app, [*args, "--walk-min", "50"])
        assert logged.exit_code == 0, logged.output
    assert "moving on to return to running on the flat" in logged.stdout
    assert "return_to_run" not in logged.stdout and "rehab_no" not in logged.stdout
    printed = cli.invoke(app, ["progress", "--runner", "bo", "--on", "2026-03-05", "--json"])
    view = ProgressView.model_validate_json(printed.stdout)
    assert view.phase == "return_to_run_flat" and view.runner == "bo"
    gate = view.decision.gate
    met = [c for c in gate.criteria if c.gate and c.met]
    gating = [c for c in gate.criteria if c.gate]
    assert gate.closeness == pytest.approx(round(len(met) / len(gating), 2))
    assert view.history[-1].reasons[-1] == "moving on to return to running on the flat"
