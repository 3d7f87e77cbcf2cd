"""GPX bytes → Activities, one per track, with heart rate and cadence from any extension.

Extensions differ by vendor (Garmin TrackPointExtension ``hr``/``cad``, Cluetrust ``hr``/
``cadence``, plain ``heartrate``/``power``), so points are read by the local tag name whatever
the namespace.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from footfix.ingest.activity import NAN, Activity
from footfix.ingest.errors import CorruptFile, NotAnActivity
from footfix.ingest.sport_guess import guess_sport, moving_cadence_spm
from footfix.ingest.track_points import Point, Track, build_track, parse_time, to_float

# GPX <type> values: Garmin writes words, Strava writes its own numbers
_TYPES = {"running": "running", "run": "running", "9": "running", "trail_running": "running",
          "cycling": "cycling", "biking": "cycling", "ride": "cycling", "1": "cycling",
          "walking": "walking", "walk": "walking", "10": "walking", "hiking": "hiking",
          "hike": "hiking", "4": "hiking", "swimming": "swimming", "16": "swimming",
          "17": "cycling", "23": "rowing", "53": "running"}  # fmt: skip
# (Strava: 16 swim, 17 virtual ride, 23 rowing, 53 virtual run, e.g. Zwift runs)
_EXTENSION_TAGS = {"hr": "heart_rate_bpm", "heartrate": "heart_rate_bpm", "cad": "strides_pm",
                   "cadence": "strides_pm", "power": "power_w", "speed": "speed_mps"}  # fmt: skip


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child_text(element: ET.Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return child.text
    return None


def _point(element: ET.Element) -> Point | None:
    time = parse_time(_child_text(element, "time"))
    if time is None:
        return None
    point = Point(
        time=time,
        lat=to_float(element.get("lat")),
        lon=to_float(element.get("lon")),
        altitude_m=to_float(_child_text(element, "ele")),
    )
    for child in element:
        if _local(child.tag) != "extensions":
            continue
        for item in child.iter():
            attr = _EXTENSION_TAGS.get(_local(item.tag))
            if attr and item.text:
                setattr(point, attr, to_float(item.text))
    return point


_FOOT_SPORTS = {"running", "walking", "hiking"}


def _guessed(points: list[Point]) -> tuple[str, Track, tuple[str, ...]]:
    """A track with no ``<type>``: the sport from its speed and cadence (see sport_guess)."""
    built = build_track(points, foot_sport=True)  # cadence doubled to steps/min, as for a run
    guess = guess_sport(built.distance_m, built.moving_s, moving_cadence_spm(built.samples))
    if guess.sport not in _FOOT_SPORTS:  # pedal revolutions are no step cadence
        blank = (NAN,) * len(built.samples)
        built = dataclasses.replace(
            built, samples=dataclasses.replace(built.samples, cadence_spm=blank)
        )
    return guess.sport, built, (guess.note,)


def read_gpx_bytes(raw: bytes, source: str) -> list[Activity]:
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as err:
        raise CorruptFile(source, f"the GPX is not well-formed XML ({err})") from err
    creator = root.get("creator")
    activities = []
    for track in (e for e in root if _local(e.tag) == "trk"):
        kind = (_child_text(track, "type") or "").strip().lower()
        sport = _TYPES.get(kind, "generic")
        points = [p for p in (_point(e) for e in track.iter() if _local(e.tag) == "trkpt") if p]
        if len(points) < 2:
            continue
        notes: tuple[str, ...] = ()
        if kind:
            built = build_track(points, foot_sport=sport in _FOOT_SPORTS)
        else:
            sport, built, notes = _guessed(points)
        activities.append(
            Activity(
                source=source,
                file_format="gpx",
                sport=sport,
                sub_sport=None,
                start_utc=min(p.time for p in points),
                elapsed_s=built.elapsed_s,
                moving_s=built.moving_s,
                distance_m=built.distance_m,
                ascent_m=built.ascent_m,
                avg_heart_rate_bpm=built.avg_heart_rate_bpm,
                device=creator,
                has_gps=built.has_gps,
                samples=built.samples,
                notes=notes,
                sport_guessed=not kind,
            )
        )
    if not activities:
        raise NotAnActivity(
            source, "the GPX holds no track with timed points (a route or waypoints)"
        )
    return activities
