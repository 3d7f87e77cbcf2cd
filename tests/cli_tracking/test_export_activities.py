"""``footfix export`` / ``footfix import-data`` with watch activities, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footfix.cli.app import app
from tests.cli_runner import run_cli as run
from tests.paths import WATCH

FILES = [
    WATCH / "fit" / "activity-small-fenix2-run.fit",
    WATCH / "fit" / "activity-large-fenxi2-multisport.fit",  # seven activities in one file
]
cli = CliRunner()


def test_export_and_import_data_carry_the_activities(
    cli_env: str, empty_cli_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("runner", "add", "ann", "--units", "mi", "--start", "2026-01-05")[0] == 0
    for day in ("2026-01-05", "2026-01-06"):
        code, out = run("log", "-r", "ann", "--date", day, "--first-step", "2", "--run", "1.5")
        assert code == 0, out
    code, out = run("import", *map(str, FILES), "--runner", "ann")
    assert code == 0 and "8 activities imported" in out, out
    exported = tmp_path / "ann.json"
    assert run("export", "--runner", "ann", "-o", str(exported))[0] == 0
    original = json.loads(exported.read_text(encoding="utf-8"))
    assert original["schema_version"] == 5 and len(original["activities"]) == 8

    monkeypatch.setenv("FOOTFIX_DATABASE_URL", empty_cli_url)
    future = tmp_path / "future.json"
    future.write_text(json.dumps({**original, "schema_version": 99}), encoding="utf-8")
    code, out = run("import-data", str(future))
    assert code == 2 and "schema_version 99 is not supported" in out, out
    assert "update footfix" in out and "Nothing was imported" in out
    assert "No runners yet" in run("runner", "list")[1]

    code, out = run("import-data", str(exported))
    assert code == 0 and "Imported ann" in out, out
    code, out = run("load", "--runner", "ann")
    assert code == 0 and "8 stored activities of ann" in out, out
    again = json.loads(cli.invoke(app, ["export", "--runner", "ann"]).output)
    for doc in (original, again):
        doc.pop("exported_at")
    assert again == original

    code, out = run("import-data", str(exported), "--as", "ann2")
    assert code == 0 and "Imported ann2" in out, out
    copy = json.loads(cli.invoke(app, ["export", "--runner", "ann2"]).output)
    assert copy["activities"] == original["activities"]
