"""Real GPX and TCX files, checked against gpxpy and a direct reading of the XML."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import gpxpy
import pytest

from footfix.ingest import NotAnActivity, read_bytes

GPX_TRACKS = [
    "gpxpy_around-visnjan-with-car.gpx",
    "gpxpy_cerknicko-jezero.gpx",
    "gpxpy_korita-zbevnica.gpx",
    "gpxpy_track-with-less-sec-time.gpx",
    "sweatpy_4801048867_strava.gpx",
    "sweatpy_activity_4801048867.gpx",
]
TCX_FILES = [
    "sweatpy_3173437224_polar_m400_run.tcx",
    "sweatpy_activity_4801048867.tcx",
    "tcxparser_fr410_run.tcx",
    "tcxparser_fr410_run_no_hr.tcx",
    "tcxreader_cross-country-skiing_activity_1.tcx",
    "tcxreader_sup_activity_1.tcx",
]


@pytest.mark.parametrize("name", GPX_TRACKS)
def test_gpx_matches_gpxpy(watch_dir: Path, name: str) -> None:
    raw = (watch_dir / "gpx" / name).read_bytes()
    ours = read_bytes(raw, name)
    reference = gpxpy.parse(raw.decode("utf-8"))
    # a saved track without times is a route, not an activity
    tracks = [
        t for t in reference.tracks if sum(1 for p in t.walk(only_points=True) if p.time) >= 2
    ]
    assert len(ours) == len(tracks)
    for mine, track in zip(ours, tracks, strict=True):
        points = [p for p in track.walk(only_points=True) if p.time]
        assert len(mine.samples) == len(points)
        start = min(p.time for p in points if p.time)
        assert mine.start_utc == start
        length_m = track.length_2d()
        assert mine.distance_m == pytest.approx(length_m, rel=0.01, abs=1.0)


def test_gpx_strava_heart_rate_comes_from_the_extension(watch_dir: Path) -> None:
    raw = (watch_dir / "gpx" / "sweatpy_4801048867_strava.gpx").read_bytes()
    ride = read_bytes(raw, "strava.gpx")[0]
    expected = [float(v) for v in re.findall(rb"<gpxtpx:hr>(\d+)</gpxtpx:hr>", raw)]
    assert ride.sport == "cycling"  # Strava writes type 1 for a ride
    assert ride.samples.present("heart_rate_bpm") == len(expected)
    assert ride.avg_heart_rate_bpm == pytest.approx(sum(expected) / len(expected))


def test_gpx_without_a_timed_track_is_not_an_activity(watch_dir: Path) -> None:
    with pytest.raises(NotAnActivity):
        read_bytes((watch_dir / "gpx" / "gpxpy_gpx_with_garmin_extension.gpx").read_bytes(), "x")


def _child(element: ET.Element, name: str) -> str | None:
    found = next((c for c in element if c.tag.endswith("}" + name)), None)
    return found.text if found is not None else None


@pytest.mark.parametrize("name", TCX_FILES)
def test_tcx_matches_its_own_laps(watch_dir: Path, name: str) -> None:
    raw = (watch_dir / "tcx" / name).read_bytes()
    activity = read_bytes(raw, name)[0]
    root = ET.fromstring(raw)
    trackpoints = sum(1 for e in root.iter() if e.tag.endswith("}Trackpoint"))
    laps = [e for e in root.iter() if e.tag.endswith("}Lap")]
    lap_m = sum(float(_child(lap, "DistanceMeters")) for lap in laps)
    assert len(activity.samples) <= trackpoints  # points without a time are dropped
    assert len(activity.samples) >= 0.95 * trackpoints
    assert activity.distance_m == pytest.approx(lap_m, abs=0.5)
    assert activity.start_utc.tzinfo is not None


def test_polar_tcx_cadence_is_converted_to_steps(watch_dir: Path) -> None:
    raw = (watch_dir / "tcx" / "sweatpy_3173437224_polar_m400_run.tcx").read_bytes()
    run = read_bytes(raw, "polar")[0]
    points = [e for e in ET.fromstring(raw).iter() if e.tag.endswith("}Trackpoint")]
    strides = [float(_child(p, "Cadence")) for p in points if _child(p, "Cadence") is not None]
    got = [c for c in run.samples.cadence_spm if not math.isnan(c)]
    assert run.sport == "running"
    assert sum(got) == pytest.approx(2 * sum(strides))


def test_run_cadence_extension_is_read(watch_dir: Path) -> None:
    raw = (watch_dir / "tcx" / "tcxreader_cross-country-skiing_activity_1.tcx").read_bytes()
    activity = read_bytes(raw, "ski")[0]
    # the sport is "Other", so the cadence is not a running cadence and is not converted
    assert activity.sport == "generic"
    assert activity.samples.present("heart_rate_bpm") > 400
