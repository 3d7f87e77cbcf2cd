"""The eight-week journey through the real CLI alone, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footfix.cli.app import app
from tests.cli_tracking.journey import DAYS, EXPECTED_WEEKLY_PHASES, START, date_of

cli = CliRunner()


def footfix(*args: str) -> str:
    result = cli.invoke(app, list(args))
    assert result.exit_code == 0, f"footfix {' '.join(args)}\n{result.output}"
    return result.output


def weekly_phases(name: str) -> list[str]:
    phases = []
    for week in range(8):
        report = json.loads(
            footfix("progress", "--runner", name, "--on", date_of(week * 7 + 6), "--json")
        )
        phases.append(report["phase"])
    return phases


def test_eight_week_journey_and_round_trip(
    cli_env: str, empty_cli_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    footfix("runner", "add", "mia", "--units", "km", "--side", "left", "--severity", "moderate",
            "--start", START.isoformat())  # fmt: skip
    for offset, args in sorted(DAYS.items()):
        footfix("log", "--runner", "mia", "--date", date_of(offset), *args)
    assert weekly_phases("mia") == EXPECTED_WEEKLY_PHASES

    show = footfix("runner", "show", "mia")
    assert (
        "Progress load, hills included -> Return to running on the flat" in show
        and "pain reached 6/10" in show
    )
    text = footfix(
        "progress", "--runner", "mia", "--on", date_of(55), "--plot", str(tmp_path / "p.png")
    )
    assert "Full training" in text and "full_training" not in text
    assert (tmp_path / "p.png").stat().st_size > 1000

    exported = tmp_path / "mia.json"
    footfix("export", "--runner", "mia", "-o", str(exported))
    original = json.loads(exported.read_text())
    monkeypatch.setenv("FOOTFIX_DATABASE_URL", empty_cli_url)
    footfix("import-data", str(exported))
    assert weekly_phases("mia") == EXPECTED_WEEKLY_PHASES
    again = json.loads(footfix("export", "--runner", "mia"))
    for doc in (original, again):
        doc.pop("exported_at")
    assert again == original
