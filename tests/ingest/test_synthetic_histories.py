"""Synthetic multi-week histories with known events give exactly the expected findings.

Runs are written as FIT with fit-tool (and one history as GPX with gpxpy), so the test also checks
footfix's decoders against encoders it does not share code with.
"""

from __future__ import annotations

import csv
import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import gpxpy.gpx
import pytest

from footfix.intake.evidence import merge_evidence
from footfix.intake.load import parse_case
from footfix.services.watch_evidence import evidence_from_activity_paths

from .fit_synth import RunSpec, write_run

AS_OF = datetime(2026, 9, 20, 20, 0, tzinfo=UTC)  # a Sunday evening
FIRST_MONDAY = datetime(2026, 7, 13, 7, 0, tzinfo=UTC)  # ten weeks before


def _week_runs(week: int, long_km: float, **kw: Any) -> list[RunSpec]:
    monday = FIRST_MONDAY + timedelta(weeks=week)
    return [
        RunSpec(monday + timedelta(days=1), 8, **kw),
        RunSpec(monday + timedelta(days=3), 8, **kw),
        RunSpec(monday + timedelta(days=6), long_km, **kw),
    ]


def _strava_export(folder: Path, runs: list[tuple[RunSpec, str]]) -> Path:
    (folder / "activities").mkdir(parents=True)
    with (folder / "activities.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Activity ID", "Activity Type", "Activity Gear", "Filename"])
        for n, (spec, shoe) in enumerate(runs):
            plain = folder / f"{n}.fit"
            write_run(plain, spec)
            (folder / "activities" / f"{n}.fit.gz").write_bytes(gzip.compress(plain.read_bytes()))
            plain.unlink()
            writer.writerow([n, "Run", shoe, f"activities/{n}.fit.gz"])
    return folder


@pytest.fixture(scope="module")
def loaded_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Spike, hill block, shoe change and a left-long contact-time balance."""
    runs: list[tuple[RunSpec, str]] = []
    for week in range(10):
        hills = 20.0 if week >= 6 else 1.0  # the last four weeks are hilly
        long_km = 24.0 if week == 8 else 14.0 if week >= 4 else 12.0
        shoe = "Vaporfly 3" if week >= 7 else "Pegasus 39"
        for spec in _week_runs(week, long_km, balance_left_pct=53.0, climb_m_per_km=hills):
            runs.append((spec, shoe))
    return _strava_export(tmp_path_factory.mktemp("loaded"), runs)


def test_loaded_history_gives_exactly_the_expected_findings(loaded_history: Path) -> None:
    evidence = evidence_from_activity_paths([loaded_history], as_of=AS_OF)
    changes = {c["change"]: c for c in evidence.patch["history"]["training_changes"]}
    assert set(changes) == {"long_run_increase", "hills_added", "new_shoes"}
    spike = changes["long_run_increase"]
    assert spike["weeks_ago"] == 1
    assert spike["amount_pct"] == 71  # 24 km after a longest of 14 km
    assert "24.0 km on 2026-09-13" in spike["note"] and "(14.0 km" in spike["note"]
    assert changes["new_shoes"]["weeks_ago"] == 2
    assert "Vaporfly 3" in changes["new_shoes"]["note"]
    gait = evidence.patch["gait"]
    assert gait["cadence_spm"] == 170
    assert gait["gct_balance_left_pct"] == 53.0
    assert gait["overstride"] == {"left": True}
    assert gait["push_off_short"] == {"right": True}
    weekly = evidence.patch["training"]["weekly_distance_recent"]
    assert len(weekly) == 8
    assert weekly[-2] == {"value": 40.0, "unit": "km"}  # 8 + 8 + 24
    assert any("push-off on the right" in note for note in evidence.notes)


def test_findings_merge_into_a_valid_case(loaded_history: Path) -> None:
    evidence = evidence_from_activity_paths([loaded_history], as_of=AS_OF)
    case = parse_case({"case_format": 1, "patient": {"painful_side": "left"}}, source="test")
    merged, provenance = merge_evidence(case, [evidence])
    assert provenance["gait.overstride"] == "watch"
    assert merged.gait is not None and merged.gait.cadence_spm == 170


def test_steady_symmetric_history_gives_no_changes(tmp_path: Path) -> None:
    for week in range(10):
        for n, spec in enumerate(_week_runs(week, 12.0, balance_left_pct=50.3)):
            write_run(tmp_path / f"w{week}-{n}.fit", spec)
    evidence = evidence_from_activity_paths([tmp_path], as_of=AS_OF)
    assert "history" not in evidence.patch
    gait = evidence.patch["gait"]
    assert gait["gct_balance_left_pct"] == 50.3
    assert "overstride" not in gait and "push_off_short" not in gait


def test_break_then_right_long_balance(tmp_path: Path) -> None:
    for week in (0, 1, 2, 3, 7, 8, 9):  # three weeks off in the middle
        for n, spec in enumerate(_week_runs(week, 8.0, balance_left_pct=47.0)):
            write_run(tmp_path / f"w{week}-{n}.fit", spec)
    evidence = evidence_from_activity_paths([tmp_path], as_of=AS_OF)
    changes = evidence.patch["history"]["training_changes"]
    assert [c["change"] for c in changes] == ["return_after_break"]
    assert changes[0]["weeks_ago"] == 2
    gait = evidence.patch["gait"]
    assert gait["overstride"] == {"right": True}
    assert gait["push_off_short"] == {"left": True}


def test_hilly_runs_do_not_count_for_asymmetry(tmp_path: Path) -> None:
    for week in range(6, 10):
        for n, spec in enumerate(_week_runs(week, 8.0, balance_left_pct=53.5, climb_m_per_km=25)):
            write_run(tmp_path / f"w{week}-{n}.fit", spec)
    evidence = evidence_from_activity_paths([tmp_path], as_of=AS_OF)
    assert "overstride" not in evidence.patch["gait"]


def test_gpx_history_volume_jump(tmp_path: Path) -> None:
    """A GPX history (gpxpy writer): four weeks with one 20 km run, then two with 36 km."""
    for week in range(6):
        km = 20.0 if week < 4 else 36.0
        monday = AS_OF - timedelta(weeks=5 - week, days=6)
        gpx = gpxpy.gpx.GPX()
        track = gpxpy.gpx.GPXTrack(name=f"week {week}")
        track.type = "running"
        gpx.tracks.append(track)
        segment = gpxpy.gpx.GPXTrackSegment()
        track.segments.append(segment)
        speed_mps, step_s = 3.0, 10
        for i in range(int(km * 1000 / speed_mps / step_s) + 1):
            segment.points.append(
                gpxpy.gpx.GPXTrackPoint(
                    latitude=46.0 + i * speed_mps * step_s / 111_195,
                    longitude=14.0,
                    elevation=300.0,
                    time=monday + timedelta(seconds=i * step_s),
                )
            )
        (tmp_path / f"week{week}.gpx").write_text(gpx.to_xml())
    evidence = evidence_from_activity_paths([tmp_path], as_of=AS_OF)
    changes = {c["change"]: c for c in evidence.patch["history"]["training_changes"]}
    assert set(changes) == {"volume_increase", "long_run_increase"}
    assert changes["volume_increase"]["amount_pct"] == pytest.approx(80, abs=1)
    assert changes["long_run_increase"]["amount_pct"] == pytest.approx(80, abs=1)
    assert "band 30-100%" in changes["long_run_increase"]["note"]


def test_faster_harder_block_is_a_speed_increase(tmp_path: Path) -> None:
    for week in range(10):
        hard = week >= 8  # the last two weeks: two of three runs fast and at a high heart rate
        for n, spec in enumerate(_week_runs(week, 10.0, heart_rate_bpm=135)):
            if hard and n < 2:
                spec = RunSpec(spec.start, 8.0, speed_mps=3.6, heart_rate_bpm=172)
            write_run(tmp_path / f"w{week}-{n}.fit", spec)
    evidence = evidence_from_activity_paths([tmp_path], as_of=AS_OF)
    changes = evidence.patch["history"]["training_changes"]
    assert [c["change"] for c in changes] == ["speed_increase"]
    assert "hard over the last two weeks" in changes[0]["note"]
