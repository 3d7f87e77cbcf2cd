"""``footfix stride VIDEO --json``: valid JSON whose figures are the ones the table shows.

The pose model runs once per session (``pose_of``); both runs of the command reuse that pose
result, and everything after it (metrics, files, table, JSON) runs for real.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footfix.cli import stride_commands
from footfix.cli.app import app


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("┃│").split("│")]


def _close(cell: str, value: float | None) -> bool:
    if value is None:
        return cell == "-"
    decimals = len(cell.partition(".")[2])
    return abs(float(cell) - value) <= 0.5 * 10**-decimals + 1e-9


def test_stride_json_matches_the_table(
    clip: Callable[[str], Path],
    pose_of: Callable[[str], object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import footfix.gait.pipeline as pipeline

    track = pose_of("original")
    monkeypatch.setattr(pipeline, "analyse_pose", lambda *args, **kwargs: track)
    monkeypatch.setattr(stride_commands.out, "width", 400)  # one line per table row
    video = str(clip("original"))
    cli = CliRunner()
    shown = cli.invoke(app, ["stride", video, "--out", str(tmp_path / "table")])
    printed = cli.invoke(app, ["stride", video, "--json", "--out", str(tmp_path / "json")])
    assert shown.exit_code == 0 and printed.exit_code == 0, shown.output + printed.output

    data = json.loads(printed.stdout)  # nothing but the JSON on stdout
    assert data["format"] == 1 and data["view"] == "side" and data["video"] == "male_side.mp4"
    assert all(Path(f).is_file() for f in data["files"])
    assert {Path(f).name for f in data["files"]} >= {"metrics.json", "joint_angles.png"}

    rows = {}
    for line in shown.stdout.splitlines():
        cells = _cells(line)
        if len(cells) == 8 and cells[0] not in ("", "metric"):
            rows[cells[0]] = cells
    known = [m for m in data["metrics"] if m["confidence"] != "unknown"]
    assert len(known) >= 3  # a real side-view clip: cadence, contact time, ...
    assert set(rows) == {m["name"] for m in data["metrics"]}
    for metric in data["metrics"]:
        _, unit, left, right, value, usual, diff, _conf = rows[metric["name"]]
        assert unit == metric["unit"]
        assert _close(left, metric["left"]) and _close(right, metric["right"])
        assert _close(value, metric["value"]) and _close(diff, metric["left_minus_right"])
        if metric["usual_range"] is None:
            assert usual == "-"
        else:
            found = re.fullmatch(r"(-?[\d.]+)-(-?[\d.]+)", usual)
            assert found, usual
            low, high = found.groups()
            assert _close(low, metric["usual_range"][0]) and _close(high, metric["usual_range"][1])
    if data["case_fields"]:
        assert json.dumps(data["case_fields"]) in shown.stdout
    assert f"{data['fps']:.0f} fps" in shown.stdout
