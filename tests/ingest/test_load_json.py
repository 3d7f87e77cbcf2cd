"""``footfix load FILE --json``: valid JSON on stdout whose figures are those of the tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footfix.cli import watch_commands
from footfix.cli.app import app

runner = CliRunner()


def _rows(text: str, columns: int) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("┃│").split("│")]
        if len(cells) == columns and cells[0][:2] in ("19", "20"):  # a dated row
            rows.append(cells)
    return rows


@pytest.mark.parametrize("units", ["km", "mi"])
def test_load_json_matches_the_tables(
    watch_dir: Path, monkeypatch: pytest.MonkeyPatch, units: str
) -> None:
    monkeypatch.setattr(watch_commands.out, "width", 300)  # one line per row
    files = [str(watch_dir / "fit"), str(watch_dir / "gpx"), str(watch_dir / "tcx")]
    shown = runner.invoke(app, ["load", *files, "--units", units])
    printed = runner.invoke(app, ["load", *files, "--units", units, "--json"])
    assert shown.exit_code == 0 and printed.exit_code == 0, shown.output + printed.output
    data = json.loads(printed.stdout)  # stdout holds the JSON alone
    assert data["units"] == units and data["runner"] is None and data["hard_known"] is True
    assert data["activities"] > 0 and data["weeks"]

    weeks = _rows(shown.stdout, 9)
    expected = data["weeks"][-16:]
    assert len(weeks) == len(expected) and sum(w["runs"] for w in data["weeks"]) > 0
    for row, week in zip(weeks, expected, strict=True):
        day, runs, distance, _bar, hours, longest, change, hard, climb = row
        assert day == week["week_start"] and int(runs) == week["runs"]
        assert float(distance) == week["distance"] and float(longest) == week["longest"]
        assert float(hours) == week["moving_h"] and int(climb) == week["ascent_m_per_km"]
        assert change == ("" if week["change_pct"] is None else f"{week['change_pct']:+d}%")
        assert hard == str(week["hard_pct"])

    dynamics = _rows(shown.stdout, 8)
    assert len(dynamics) == len(data["dynamics"])
    for row, run in zip(dynamics, data["dynamics"], strict=True):
        assert row[0] == run["day"] and float(row[1]) == run["distance"]
        assert row[2] == ("" if run["cadence_spm"] is None else str(run["cadence_spm"]))
        assert f"{run['running_pct']}% running" in row[7]
    for spike in data["long_run_spikes"]:
        assert f"Long run {spike['distance']:.1f} {units} on {spike['day']}" in shown.stdout
    for other in data["other_sports"]:
        assert f"{other['sessions']} x {other['sport']}, {other['distance']:.1f}" in shown.stdout


def test_load_json_miles_are_kilometres_converted(watch_dir: Path) -> None:
    path = str(watch_dir / "fit")
    km = json.loads(runner.invoke(app, ["load", path, "--json"]).stdout)
    mi = json.loads(runner.invoke(app, ["load", path, "--json", "--units", "mi"]).stdout)
    total_km = sum(w["distance"] for w in km["weeks"])
    total_mi = sum(w["distance"] for w in mi["weeks"])
    assert total_km > 0 and total_mi == pytest.approx(
        total_km / 1.609344, abs=0.1 * len(km["weeks"])
    )
