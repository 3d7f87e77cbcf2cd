"""Patterns seen in real device files, rebuilt small in the test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from footfix.ingest import read_bytes
from tests.hostile.crafted import gpx


def test_backward_timestamps_do_not_zig_zag_the_distance() -> None:
    t0 = datetime(2025, 5, 1, 7, tzinfo=UTC)
    points = []
    for i in range(100):  # a straight line north, 33 m a point, every 5th point stamped late
        late = 30 if i % 5 == 0 and i else 0
        stamp = (t0 + timedelta(seconds=10 * i - late)).isoformat()
        points.append((stamp, 51.5 + i * 0.0003, -0.12))
    straight = read_bytes(gpx(points=[(t, la, lo) for t, la, lo in points]), "st.gpx")[0]
    assert straight.distance_m < 100 * 0.0003 * 111_200 * 1.05  # about 3.3 km, not several


def test_strava_virtual_run_type_counts_as_running() -> None:
    assert read_bytes(gpx(sport="53"), "zwift.gpx")[0].sport == "running"
    assert read_bytes(gpx(sport="17"), "zwift-ride.gpx")[0].sport == "cycling"
