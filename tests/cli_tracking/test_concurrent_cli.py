"""Several ``footfix log`` processes started at the same moment all succeed."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from footfix.cli.app import app


def test_simultaneous_log_commands_all_succeed(cli_env: str) -> None:
    assert CliRunner().invoke(app, ["runner", "add", "ann", "--start", "2026-01-05"]).exit_code == 0
    env = {**os.environ, "FOOTFIX_DATABASE_URL": cli_env}
    commands = [
        [sys.executable, "-m", "footfix", "log", "-r", "ann", "--date", f"2026-01-{day:02d}",
         "--first-step", "2", "--run", "3", "--exercise", "bridges:3x10"]
        for day in range(5, 9)
    ]  # fmt: skip
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for cmd in commands
    ]
    outputs = [p.communicate(timeout=120)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs
    listing = CliRunner().invoke(app, ["runner", "list"]).output
    assert "4 days logged" in listing
