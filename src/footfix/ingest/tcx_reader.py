"""TCX bytes → Activities, one per <Activity>, including the ``RunCadence`` extension."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from footfix.ingest.activity import Activity
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


def _activity(element: ET.Element, source: str, device: str | None) -> Activity | None:
    sport = _SPORTS.get((element.get("Sport") or "").lower(), "generic")
    laps = [c for c in element if _local(c.tag) == "Lap"]
    points = [
        p for p in (_point(tp) for tp in element.iter() if _local(tp.tag) == "Trackpoint") if p
    ]
    if len(points) < 2:
        return None
    built = build_track(points, foot_sport=sport == "running")
    lap_time_s = sum(to_float(_text(lap, "TotalTimeSeconds")) for lap in laps)
    lap_distance_m = sum(to_float(_text(lap, "DistanceMeters")) for lap in laps)
    return Activity(
        source=source,
        file_format="tcx",
        sport=sport,
        sub_sport=None,
        start_utc=min(p.time for p in points),
        elapsed_s=built.elapsed_s,
        moving_s=lap_time_s if laps and not math.isnan(lap_time_s) else built.moving_s,
        distance_m=lap_distance_m if laps and not math.isnan(lap_distance_m) else built.distance_m,
        ascent_m=built.ascent_m,
        avg_heart_rate_bpm=built.avg_heart_rate_bpm,
        device=device,
        has_gps=built.has_gps,
        samples=built.samples,
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
