"""Shared by the XML readers: track points (GPX, TCX) → Samples and whole-track figures."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from footfix.ingest.activity import NAN, Samples

_EARTH_RADIUS_M = 6_371_008.8
_CLIMB_NOISE_M = 2.0  # ignore altitude wiggles smaller than this when summing the ascent
_MOVING_SPEED_MPS = 0.5  # slower than this between two points counts as standing


@dataclass(slots=True)
class Point:
    time: datetime
    lat: float = NAN
    lon: float = NAN
    altitude_m: float = NAN
    distance_m: float = NAN  # cumulative, when the file states it
    heart_rate_bpm: float = NAN
    strides_pm: float = NAN  # cadence as written: strides (one foot) per minute for running
    speed_mps: float = NAN
    power_w: float = NAN


def _haversine_m(a: Point, b: Point) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class Track:
    samples: Samples
    elapsed_s: float
    moving_s: float
    distance_m: float
    ascent_m: float | None
    has_gps: bool
    avg_heart_rate_bpm: float | None


def build_track(points: list[Point], foot_sport: bool) -> Track:
    """Cumulative distance (stated or from positions), speed, ascent and moving time."""
    # keep the file's order and drop a point whose time goes back: sorting by time would zig-zag
    # between points recorded out of order (some exporters) and multiply the distance
    kept = [points[0]]
    for point in points[1:]:
        if point.time >= kept[-1].time:
            kept.append(point)
    points = kept
    start = points[0].time
    has_gps = any(not math.isnan(p.lat) for p in points)
    distance, total, moving_s, ascent, low = [], 0.0, 0.0, 0.0, NAN
    prev: Point | None = None
    for p in points:
        if not math.isnan(p.distance_m):
            step = p.distance_m - total if prev else 0.0
            total = p.distance_m
        elif prev is not None and has_gps and not (math.isnan(p.lat) or math.isnan(prev.lat)):
            step = _haversine_m(prev, p)
            total += step
        else:
            step = 0.0
        if prev is not None:
            dt = (p.time - prev.time).total_seconds()
            if dt > 0 and step / dt >= _MOVING_SPEED_MPS:
                moving_s += dt
            if math.isnan(p.speed_mps) and dt > 0:
                p.speed_mps = step / dt
        if not math.isnan(p.altitude_m):
            if math.isnan(low) or p.altitude_m < low:
                low = p.altitude_m
            elif p.altitude_m - low >= _CLIMB_NOISE_M:
                ascent += p.altitude_m - low
                low = p.altitude_m
        distance.append(total)
        prev = p
    hr = [p.heart_rate_bpm for p in points if not math.isnan(p.heart_rate_bpm)]
    n = len(points)
    samples = Samples(
        time_s=tuple((p.time - start).total_seconds() for p in points),
        distance_m=tuple(distance),
        speed_mps=tuple(p.speed_mps for p in points),
        altitude_m=tuple(p.altitude_m for p in points),
        heart_rate_bpm=tuple(p.heart_rate_bpm for p in points),
        cadence_spm=tuple(2 * p.strides_pm if foot_sport else NAN for p in points),
        power_w=tuple(p.power_w for p in points),
        **{name: (NAN,) * n for name in _DYNAMICS_ONLY_IN_FIT},
    )
    has_altitude = any(not math.isnan(p.altitude_m) for p in points)
    return Track(
        samples=samples,
        elapsed_s=(points[-1].time - start).total_seconds(),
        moving_s=moving_s,
        distance_m=total,
        ascent_m=ascent if has_altitude else None,
        has_gps=has_gps,
        avg_heart_rate_bpm=sum(hr) / len(hr) if hr else None,
    )


_DYNAMICS_ONLY_IN_FIT = (
    "stance_time_ms",
    "stance_balance_left_pct",
    "vertical_oscillation_mm",
    "vertical_ratio_pct",
    "step_length_mm",
)


def parse_time(text: str | None) -> datetime | None:
    """ISO 8601 as GPX and TCX write it; naive times are taken as UTC, as both formats require."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def to_float(text: str | None) -> float:
    try:
        return float(text) if text is not None else NAN
    except ValueError:
        return NAN
