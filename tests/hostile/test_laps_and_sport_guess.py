"""Real files altered in the test the way other devices write them: TCX laps that disagree with
the track (Movescount), and GPX tracks that name no sport (Polar, Sports Tracker, Strava)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from footfix.ingest import read_bytes
from footfix.ingest.activity import Activity
from footfix.ingest.reader import read_input_bytes
from footfix.ingest.sources import Input
from footfix.ingest.sport_guess import guess_sport
from tests.paths import WATCH

FR410_RUN = WATCH / "tcx" / "tcxparser_fr410_run.tcx"  # three laps, 4.7 km at 8.5 km/h
POLAR_RUN = WATCH / "tcx" / "sweatpy_3173437224_polar_m400_run.tcx"  # "Running" at 4.6 km/h
FENIX_RUN = WATCH / "fit" / "activity-small-fenix2-run.fit"  # 9 km, cadence at every record
STRAVA_RIDE = WATCH / "gpx" / "sweatpy_4801048867_strava.gpx"  # a 36 km ride, type 1
CAR = WATCH / "gpx" / "gpxpy_around-visnjan-with-car.gpx"  # a drive, no type
TCX_NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def _local(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _all(element: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in element.iter() if _local(e) == name]


def _child(element: ET.Element, name: str) -> ET.Element:
    return next(c for c in element if _local(c) == name)


def _odometer(root: ET.Element) -> list[tuple[datetime, float]]:
    """(time, cumulative distance) of every track point that states its distance."""
    return [
        (datetime.fromisoformat(_child(tp, "Time").text or ""), float(d[0].text or ""))
        for tp in _all(root, "Trackpoint")
        if (d := [c for c in tp if _local(c) == "DistanceMeters"])
    ]


def _tcx(path: Path = FR410_RUN) -> tuple[ET.Element, Activity]:
    raw = path.read_bytes()
    return ET.fromstring(raw), read_bytes(raw, path.name)[0]


def _read(root: ET.Element) -> Activity:
    return read_bytes(ET.tostring(root), "altered.tcx")[0]


@pytest.mark.parametrize("path", [FR410_RUN, POLAR_RUN], ids=["fr410", "polar"])
def test_the_real_files_laps_and_track_agree(path: Path) -> None:
    root, run = _tcx(path)
    laps = _all(root, "Lap")
    assert run.distance_m == pytest.approx(_odometer(root)[-1][1], 1e-3)
    assert run.moving_s == sum(float(_child(lap, "TotalTimeSeconds").text or "") for lap in laps)
    assert run.notes == ()


def test_laps_that_end_before_the_track_give_way_to_the_track() -> None:
    # Movescount's pattern: the last lap closes 4.7 minutes before the track's last point
    root, whole = _tcx()
    odometer = _odometer(root)
    cut = odometer[-1][0] - timedelta(minutes=4.7)
    lost_m = odometer[-1][1] - max(d for t, d in odometer if t <= cut)
    lap = _all(root, "Lap")[-1]
    seconds, meters = _child(lap, "TotalTimeSeconds"), _child(lap, "DistanceMeters")
    seconds.text = str(float(seconds.text or "") - 282)
    meters.text = str(float(meters.text or "") - lost_m)
    assert lost_m > 500  # the laps now say about 4.0 km where the track says 4.7
    run = _read(root)
    assert run.distance_m == pytest.approx(odometer[-1][1])  # the track's distance...
    pace = run.moving_s / run.distance_m
    assert pace == pytest.approx(whole.moving_s / whole.distance_m, rel=0.02)  # ...and its time
    assert any("disagree" in n and "laps end before it" in n for n in run.notes)


def test_a_track_missing_its_end_gives_way_to_the_laps() -> None:
    root, whole = _tcx()
    track = _all(root, "Track")[-1]
    points = [c for c in track if _local(c) == "Trackpoint"]
    for point in points[len(points) // 2 :]:  # the second half of the last lap is lost
        track.remove(point)
    run = _read(root)
    assert run.distance_m == pytest.approx(whole.distance_m)  # the laps' 4.5 km
    assert run.moving_s == whole.moving_s  # and the laps' time with it
    assert any("track is missing part of the session" in n for n in run.notes)


def _gpx(points: list[tuple[str, float, float, float | None]]) -> bytes:
    """Points (time, lat, lon, cadence) as a GPX with no <type>, cadence in Garmin's tag."""
    body = "".join(
        f'<trkpt lat="{lat}" lon="{lon}"><time>{time}</time>'
        + (f"<extensions><cad>{cad:.0f}</cad></extensions>" if cad is not None else "")
        + "</trkpt>"
        for time, lat, lon, cad in points
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test"'
        f' xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{body}</trkseg></trk></gpx>'
    ).encode()


def _fit_as_gpx(path: Path) -> bytes:
    """A real FIT run's records, decoded by fitdecode (independent of footfix's decoder)."""
    import fitdecode

    points = []
    with fitdecode.FitReader(str(path)) as reader:
        for frame in reader:
            if not isinstance(frame, fitdecode.FitDataMessage) or frame.name != "record":
                continue
            lat, lon = frame.get_value("position_lat"), frame.get_value("position_long")
            if lat is None or lon is None:
                continue
            semicircle = 180 / 2**31
            when = frame.get_value("timestamp").isoformat()
            points.append((when, lat * semicircle, lon * semicircle, frame.get_value("cadence")))
    return _gpx(points)


def _tcx_as_gpx(root: ET.Element) -> bytes:
    points = []
    for tp in _all(root, "Trackpoint"):
        position = [c for c in tp if _local(c) == "Position"]
        if position:
            cadence = [float(c.text or "") for c in tp if _local(c) == "Cadence"]
            points.append(
                (
                    _child(tp, "Time").text or "",
                    float(_child(position[0], "LatitudeDegrees").text or ""),
                    float(_child(position[0], "LongitudeDegrees").text or ""),
                    cadence[0] if cadence else None,
                )
            )
    return _gpx(points)


def test_an_untyped_gpx_run_is_read_as_running_with_its_cadence() -> None:
    fit_run = read_bytes(FENIX_RUN.read_bytes(), FENIX_RUN.name)[0]
    run = read_bytes(_fit_as_gpx(FENIX_RUN), "fenix.gpx")[0]
    assert run.sport == "running" and run.sport_guessed
    assert run.samples.present("cadence_spm") > 2000  # kept, as steps per minute
    note = run.notes[0]
    assert note.startswith("the file does not say which sport it was: read as running"), note
    assert "steps/min" in note
    assert run.distance_m == pytest.approx(fit_run.distance_m, rel=0.05)


def test_an_untyped_gpx_without_cadence_goes_by_speed() -> None:
    run = read_bytes(_tcx_as_gpx(_tcx()[0]), "fr410.gpx")[0]  # no cadence in this file
    assert run.sport == "running" and run.samples.present("cadence_spm") == 0


def test_a_walking_pace_and_cadence_is_walking_whatever_the_label_was() -> None:
    # Polar labelled this session Running; its points say 4.6 km/h at about 106 steps/min
    walk = read_bytes(_tcx_as_gpx(_tcx(POLAR_RUN)[0]), "polar.gpx")[0]
    assert walk.sport == "walking", walk.notes


def test_an_untyped_ride_and_a_drive_are_not_runs() -> None:
    text = STRAVA_RIDE.read_text(encoding="utf-8")
    assert "<type>1</type>" in text
    ride = read_bytes(text.replace("<type>1</type>", "").encode(), "ride.gpx")[0]
    assert ride.sport == "cycling" and ride.sport_guessed
    assert ride.samples.present("cadence_spm") == 0  # pedal revolutions are no steps
    drive = read_bytes(CAR.read_bytes(), CAR.name)[0]
    assert drive.sport == "generic"  # 37 km/h on average: no runner, and few riders
    assert "37.1 km/h" in drive.notes[0]


def test_strava_s_own_sport_beats_the_guess() -> None:
    item = Input("export.zip!activities/1.gpx", FR410_RUN, sport_hint="walking")
    walk = read_input_bytes(item, _tcx_as_gpx(_tcx()[0]))[0]
    assert walk.sport == "walking" and not walk.sport_guessed
    assert not any("does not say" in n for n in walk.notes)


@pytest.mark.parametrize(
    ("km_h", "cadence", "sport"),
    [
        (10.0, None, "running"),
        (10.0, 170.0, "running"),
        (5.0, 165.0, "running"),  # a slow uphill trail run: the cadence says running
        (5.0, None, "walking"),
        (5.0, 110.0, "walking"),
        (12.0, 110.0, "generic"),  # a walking cadence at a running speed: unknown
        (25.0, 170.0, "cycling"),  # pedalling 85 rpm, read in the cadence tag
        (25.0, None, "cycling"),
        (60.0, None, "generic"),
        (1.0, None, "generic"),
    ],
)
def test_the_documented_thresholds(km_h: float, cadence: float | None, sport: str) -> None:
    assert guess_sport(km_h / 3.6 * 3600, 3600, cadence).sport == sport
