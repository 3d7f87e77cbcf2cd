"""footfix outcome record/show through the real CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from footfix.cli.app import app

cli = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = cli.invoke(app, list(args))
    return result.exit_code, result.output


def ok(*args: str) -> str:
    code, out = run(*args)
    assert code == 0, f"footfix {' '.join(args)}\n{out}"
    return out


def test_record_show_chart_and_export(cli_env: str, tmp_path: Path) -> None:
    ok("runner", "add", "ann", "--side", "left", "--start", "2026-01-05")
    log = ok("log", "-r", "ann", "--date", "2026-01-05", "--first-step", "6")
    assert "Outcome measure due: psfs" in log and "--sane 0-100" in log
    ok(
        "outcome",
        "record",
        "-r",
        "ann",
        "--date",
        "2026-01-05",
        "--psfs",
        "stairs=3",
        "--psfs",
        "run 5 km=0",
        "--psfs",
        "stand at work=4",
        "--sane",
        "40",
    )
    for day in range(6, 20):
        pain = "6" if day < 12 else "3"  # the first week at 6, the last at 3
        ok("log", "-r", "ann", "--date", f"2026-01-{day:02d}", "--first-step", pain)
    out = ok(
        "outcome",
        "record",
        "-r",
        "ann",
        "--date",
        "2026-01-19",
        "--psfs",
        "stairs=6",
        "--psfs",
        "run 5 km=2",
        "--psfs",
        "stand at work=6",
        "--sane",
        "50",
    )
    assert "PSFS up 2.3 points" in out and "above the 2-point MCID" in out
    assert "below the 15-point MCID" in out
    report = json.loads(ok("outcome", "show", "-r", "ann", "--on", "2026-01-19", "--json"))
    by_id = {m["id"]: m for m in report["measures"]}
    assert by_id["psfs"]["change"]["verdict"] == "improved"
    assert by_id["pain_nrs"]["change"]["verdict"] == "improved"  # week means 6 → 3
    assert [p["phase"] for p in by_id["sane"]["points"]] == ["rehab_no_running"] * 2
    assert by_id["psfs"]["next_due"] == "2026-02-02" and report["due"] == []
    chart = tmp_path / "outcomes.png"
    ok("outcome", "show", "-r", "ann", "--on", "2026-01-19", "--plot", str(chart))
    assert chart.stat().st_size > 5000 and chart.stat().st_mode & 0o077 == 0

    exported = json.loads(ok("export", "--runner", "ann"))
    assert exported["schema_version"] == 5 and len(exported["outcomes"]) == 4
    assert {o["measure"] for o in exported["outcomes"]} == {"psfs", "sane"}


def test_bad_outcomes_are_refused_whole(cli_env: str) -> None:
    ok("runner", "add", "bo", "--start", "2026-01-05")
    code, out = run(
        "outcome",
        "record",
        "-r",
        "bo",
        "--date",
        "2026-01-05",
        "--sane",
        "50",
        "--psfs",
        "stairs=12",
        "--psfs",
        "x=1",
    )
    assert code == 2 and "PSFS was not saved (nothing was)" in out and "outside 0–10" in out
    assert "3–5 activities" in out
    report = json.loads(ok("outcome", "show", "-r", "bo", "--on", "2026-01-05", "--json"))
    assert all(not m["points"] for m in report["measures"])  # SANE was not kept either
    ok("outcome", "record", "-r", "bo", "--date", "2026-01-05", "--sane", "50")
    code, out = run("outcome", "record", "-r", "bo", "--date", "2026-01-05", "--sane", "60")
    assert code == 2 and "--replace" in out
    ok("outcome", "record", "-r", "bo", "--date", "2026-01-05", "--sane", "60", "--replace")
    code, out = run("outcome", "record", "-r", "bo", "--psfs", "stairs")
    assert code == 2 and "NAME=NUMBER" in out
    code, out = run("outcome", "record", "-r", "bo", "--measure", "faam", "--item", "a=1")
    assert code == 2 and "no outcome measure 'faam'" in out
    code, out = run("outcome", "record", "-r", "bo", "--date", "2099-01-01", "--sane", "5")
    assert code == 2 and "Traceback" not in out
