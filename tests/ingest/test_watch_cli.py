"""``footfix import`` and ``footfix load`` through the real command line app."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from footfix.cli.app import app

runner = CliRunner()


def test_import_summarises_and_lists_skipped_files(watch_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "import",
            str(watch_dir / "fit" / "garmin-fenix-5-run.fit"),
            str(watch_dir / "fit" / "invalid"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Imported" in result.output and "1 run;" in result.output
    assert "3 skipped" in result.output
    assert "checksum" in result.output
    assert "Traceback" not in result.output


def test_import_with_an_unknown_runner_is_a_clear_error(
    watch_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    """Storing needs a runner added first (tests/store/test_activities_cli.py covers storing)."""
    monkeypatch.setenv("FOOTFIX_DATABASE_URL", f"sqlite+pysqlite:///{tmp_path / 'db.sqlite3'}")
    result = runner.invoke(
        app, ["import", str(watch_dir / "fit" / "garmin-fenix-5-run.fit"), "--runner", "ann"]
    )
    assert result.exit_code == 2
    assert "no runner called 'ann'" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_import_of_nothing_readable_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "junk.fit").write_bytes(b"junk")
    result = runner.invoke(app, ["import", str(tmp_path)])
    assert result.exit_code == 2
    assert "no activity could be read" in result.output
    assert "Traceback" not in result.output


def test_load_prints_weeks_and_writes_a_chart(watch_dir: Path, tmp_path: Path) -> None:
    chart = tmp_path / "load.png"
    result = runner.invoke(
        app,
        [
            "load",
            str(watch_dir / "fit" / "sample_mulitple_header.fit"),
            "--units",
            "mi",
            "--plot",
            str(chart),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Weekly running (mi)" in result.output
    assert "cycling" in result.output  # other sports are reported apart
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_load_rejects_unknown_units(watch_dir: Path) -> None:
    result = runner.invoke(app, ["load", str(watch_dir), "--units", "furlongs"])
    assert result.exit_code == 2
    assert "km or mi" in result.output
