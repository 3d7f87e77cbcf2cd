"""Running dynamics leave out walking, and times become UTC whatever the file's offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from footfix.ingest import read_bytes
from footfix.ingest.dynamics import persistent_asymmetry, run_dynamics


def _gpx_with_walk_breaks() -> bytes:
    start = datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
    points, lat = [], 46.0
    for i in range(240):
        running = (i // 30) % 2 == 0  # five minutes running, five walking, in 10 s steps
        speed, strides = (3.0, 85) if running else (1.2, 55)
        lat += speed * 10 / 111_195
        stamp = (start + timedelta(seconds=10 * i)).astimezone().isoformat()
        points.append(
            f'<trkpt lat="{lat:.7f}" lon="14.0"><ele>300</ele><time>{stamp}</time>'
            f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr>"
            f"<gpxtpx:cad>{strides}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>"
        )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><type>running</type><trkseg>{''.join(points)}</trkseg></trk></gpx>"
    ).encode()


def test_walking_breaks_are_left_out_of_the_dynamics() -> None:
    run = read_bytes(_gpx_with_walk_breaks(), "intervals.gpx")[0]
    assert run.start_utc == datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
    summary = run_dynamics(run)
    assert summary.cadence_spm == 170  # 85 strides/min written, steps reported
    assert summary.running_share == pytest.approx(0.5, abs=0.02)
    assert summary.speed_mps == pytest.approx(3.0, rel=0.02)


def test_offset_times_become_utc() -> None:
    gpx = (
        b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        b'<trkpt lat="46" lon="14"><time>2026-05-03T11:00:00+02:00</time></trkpt>'
        b'<trkpt lat="46.01" lon="14"><time>2026-05-03T11:05:00+02:00</time></trkpt>'
        b"</trkseg></trk></gpx>"
    )
    walk = read_bytes(gpx, "offset.gpx")[0]
    assert walk.start_utc == datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
    assert walk.elapsed_s == 300
    assert walk.distance_m == pytest.approx(1112, abs=2)


def test_one_odd_run_is_not_a_persistent_asymmetry() -> None:
    run = read_bytes(_gpx_with_walk_breaks(), "x")[0]
    even = run_dynamics(run)
    assert persistent_asymmetry([even, even, even]) is None  # no balance data at all
