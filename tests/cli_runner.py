"""Run the real footfix app in process, as the CLI tests do."""

from __future__ import annotations

from typer.testing import CliRunner

from footfix.cli.app import app

_cli = CliRunner()


def run_cli(*args: str) -> tuple[int, str]:
    """Exit code and output on one line (Rich wraps long lines); never a traceback."""
    result = _cli.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())
