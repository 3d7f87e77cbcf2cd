"""Users get clear messages, never a traceback, and a rejected entry leaves nothing behind."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from footfix.cli.app import app
from tests.cli_runner import run_cli as run

cli = CliRunner()


def test_invalid_log_names_field_value_and_allowed(cli_env: str) -> None:
    assert run("runner", "add", "ann", "--start", "2026-01-05")[0] == 0
    code, out = run(
        "log",
        "-r",
        "ann",
        "--date",
        "2026-01-05",
        "--during",
        "14",
        "--run",
        "3",
        "--shoes",
        "boots",
    )
    assert code == 2
    assert "pain during (0-10): 14 was entered" in out and "up to 10" in out
    assert "shoes: 'boots' was entered" in out and "'stiff'" in out
    exported = cli.invoke(app, ["export", "-r", "ann"]).output
    assert json.loads(exported)["day_logs"] == []


def test_common_mistakes_get_clear_messages(cli_env: str, tmp_path: Path) -> None:
    assert "No runners yet" in run("runner", "list")[1]
    code, out = run("progress")
    assert code == 2 and "no runners yet" in out
    run("runner", "add", "ann", "--units", "mi", "--start", "2026-01-05")
    code, out = run("runner", "add", "ann")
    assert code == 2 and "already exists" in out
    code, out = run("log", "-r", "ann", "--date", "2026-01-05")
    assert code == 2 and "nothing to log" in out
    code, out = run("log", "-r", "ann", "--date", "5/1/2026", "--during", "1")
    assert code == 2 and "YYYY-MM-DD" in out
    code, out = run("log", "-r", "ann", "--date", "2026-01-05", "--hills")
    assert code == 2 and "need --run" in out
    code, out = run("log", "-r", "ann", "--date", "2026-01-05", "--exercise", "bridges")
    assert code == 2 and "SETSxREPS" in out
    assert (
        run("log", "-r", "ann", "--date", "2026-01-05", "--run", "2", "--walk-breaks", "2:3")[0]
        == 0
    )
    code, out = run("log", "-r", "ann", "--date", "2026-01-05", "--during", "1")
    assert code == 2 and "--correct" in out
    assert run("log", "-r", "ann", "--date", "2026-01-05", "--during", "1", "--correct")[0] == 0
    code, out = run("progress", "--plot", str(tmp_path / "chart.pdf"))
    assert code == 2 and ".png or .svg" in out
    shown = run("progress", "--on", "2026-01-05")[1]
    assert "Rehabilitation without running" in shown and "rehab_no_running" not in shown
    future = tmp_path / "future.json"
    future.write_text(json.dumps({"schema_version": 99}))
    code, out = run("import-data", str(future))
    assert code == 2 and "schema_version 99" in out
    code, out = run("import-data", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in out
    assert "up to date" in run("db", "upgrade")[1]
