"""TCX bytes → Activities, one per <Activity>, including the ``RunCadence`` extension."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from footfix.ingest.activity import Activity, Samples
from footfix.ingest.errors import CorruptFile, NotAnActivity
from footfix.ingest.track_points import Point, build_track, parse_time, to_float

_SPORTS = {"running": "running", "biking": "cycling", "other": "generic"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(element: ET.Element, *path: str) -> ET.Element | None:
    current: ET.Element | None = element
    for name in path:
        if current is None:
            return None
        current = next((c for c in current if _local(c.tag) == name), None)
    return current


def _text(element: ET.Element, *path: str) -> str | None:
    found = _find(element, *path)
    return found.text if found is not None else None


def _point(tp: ET.Element) -> Point | None:
    time = parse_time(_text(tp, "Time"))
    if time is None:
        return None
    point = Point(
        time=time,
        lat=to_float(_text(tp, "Position", "LatitudeDegrees")),
        lon=to_float(_text(tp, "Position", "LongitudeDegrees")),
        altitude_m=to_float(_text(tp, "AltitudeMeters")),
        distance_m=to_float(_text(tp, "DistanceMeters")),
        heart_rate_bpm=to_float(_text(tp, "HeartRateBpm", "Value")),
        strides_pm=to_float(_text(tp, "Cadence")),
    )
    for item in (_find(tp, "Extensions") or ET.Element("none")).iter():
        name = _local(item.tag)
        if name == "RunCadence":
            point.strides_pm = to_float(item.text)
        elif name == "Speed":
            point.speed_mps = to_float(item.text)
        elif name == "Watts":
            point.power_w = to_float(item.text)
    return point


# laps and track agree when their distances differ by no more than this (GPS against the
# device's own odometer, rounding of lap totals)
_AGREE_M = 50.0
_AGREE_SHARE = 0.03
_AGREE_S = 60.0  # lap time may exceed the track's span by this much (clock rounding)
_PAUSE_GAP_S = 30.0  # a longer gap between track points, covering no ground, is a pause
_STILL_MPS = 0.5


def _recorded_s(samples: Samples) -> float:
    """The track's own timer: its span less the pauses (gaps in the recording with no ground
    covered). Judging each one-second step by its speed instead undercounts: many devices
    update the distance in lumps, so a runner looks still for most of the seconds."""
    total = 0.0
    times, distances = samples.time_s, samples.distance_m
    for i in range(1, len(times)):
        dt = times[i] - times[i - 1]
        if dt <= _PAUSE_GAP_S or (distances[i] - distances[i - 1]) / dt >= _STILL_MPS:
            total += dt
    return total


def _km_min(distance_m: float, time_s: float) -> str:
    return f"{distance_m / 1000:.2f} km in {time_s / 60:.1f} min"


def _totals(
    laps: list[ET.Element], track_s: float, track_m: float, track_span_s: float
) -> tuple[float, float, str | None] | None:
    """(moving time, distance, note): the laps' totals when they agree with the track; None
    when there are no lap totals to go by.

    Lap totals are the device's own (its timer leaves pauses out), so they are preferred. Some
    exports close the last lap minutes before the track ends (Movescount) and others drop
    track points the laps still count; mixing the two gave a distance from one and a time from
    the other. When they disagree, distance and time come together from whichever covers more
    distance (the other has lost part of the session), and a note says so.
    """
    lap_s = sum(to_float(_text(lap, "TotalTimeSeconds")) for lap in laps)
    lap_m = sum(to_float(_text(lap, "DistanceMeters")) for lap in laps)
    if not laps or not math.isfinite(lap_s) or not math.isfinite(lap_m) or lap_s <= 0:
        return None
    laps_said, track_said = _km_min(lap_m, lap_s), _km_min(track_m, track_s)
    if abs(lap_m - track_m) > max(_AGREE_M, _AGREE_SHARE * max(lap_m, track_m)):
        if track_m > lap_m:
            return (
                track_s,
                track_m,
                (
                    f"the laps ({laps_said}) and the track points ({track_said}) disagree: the "
                    "track's figures are used, as the laps end before it"
                ),
            )
        return (
            lap_s,
            lap_m,
            (
                f"the laps ({laps_said}) and the track points ({track_said}) disagree: the laps' "
                "figures are used, as the track is missing part of the session"
            ),
        )
    if lap_s > track_span_s + _AGREE_S:
        return (
            track_s,
            lap_m,
            (
                f"the laps last {lap_s / 60:.1f} min but the track points span only "
                f"{track_span_s / 60:.1f} min: the track's moving time is used"
            ),
        )
    return lap_s, lap_m, None


def _activity(element: ET.Element, source: str, device: str | None) -> Activity | None:
    sport = _SPORTS.get((element.get("Sport") or "").lower(), "generic")
    laps = [c for c in element if _local(c.tag) == "Lap"]
    points = [
        p for p in (_point(tp) for tp in element.iter() if _local(tp.tag) == "Trackpoint") if p
    ]
    if len(points) < 2:
        return None
    built = build_track(points, foot_sport=sport == "running")
    totals = _totals(laps, _recorded_s(built.samples), built.distance_m, built.elapsed_s)
    moving_s, distance_m, note = totals or (built.moving_s, built.distance_m, None)
    return Activity(
        source=source,
        file_format="tcx",
        sport=sport,
        sub_sport=None,
        start_utc=min(p.time for p in points),
        elapsed_s=built.elapsed_s,
        moving_s=moving_s,
        distance_m=distance_m,
        ascent_m=built.ascent_m,
        avg_heart_rate_bpm=built.avg_heart_rate_bpm,
        device=device,
        has_gps=built.has_gps,
        samples=built.samples,
        notes=(note,) if note else (),
    )


def read_tcx_bytes(raw: bytes, source: str) -> list[Activity]:
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as err:
        raise CorruptFile(source, f"the TCX is not well-formed XML ({err})") from err
    activities = []
    for element in root.iter():
        if _local(element.tag) == "Activity":
            device = _text(element, "Creator", "Name")
            found = _activity(element, source, device)
            if found:
                activities.append(found)
    if not activities:
        raise NotAnActivity(source, "the TCX holds no activity with timed track points")
    return activities
