"""The sport of a track that does not name one (many GPX exports), from its speed and cadence.

Polar, Movescount, Sports Tracker and several Strava GPX exports write no ``<type>``; read as
"generic", their runs would leave the running load. The guess uses two figures, each stated in
``docs/watch-data.md``:

- the moving speed: distance over moving time (pauses left out);
- the median cadence of the moving points that carry one, in steps per minute (GPX writes one
  foot's strides; cycling computers write pedal revolutions in the same tag).

A speed no runner holds for a whole session but a rider does is cycling. Otherwise the cadence
decides when there is one: a running cadence (140-220 steps/min) at up to 18 km/h is running,
slow trail runs included; a walking cadence (70-139) at up to 9 km/h is walking. With no
cadence (or one of neither kind) the speed decides alone: 1.8-6.5 km/h walking, 6.5-18 km/h
running. Anything else stays "generic". A slow ride (under 18 km/h, pedalling 70-110 rpm)
looks like a run and is read as one: the note says what the guess was made from, so the runner
can tell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from footfix.ingest.activity import Samples

# moving speed, m/s
WALK_MIN_MPS = 0.5  # slower than this is standing about, not a session of walking
RUN_MIN_MPS = 1.8  # 6.5 km/h: brisk walking tops out near here, easy running starts
WALK_MAX_MPS = 2.5  # 9 km/h: faster than this at a walking cadence is no walk
RUN_MAX_MPS = 5.0  # 18 km/h (3:20 min/km) held for a whole session: rare for a runner
RIDE_MIN_MPS = 6.0  # 21.6 km/h
RIDE_MAX_MPS = 10.0  # 36 km/h held for a whole session: racing cyclists, or a motor vehicle
# cadence, steps (both feet) per minute
RUN_CADENCE_SPM = (140.0, 220.0)
WALK_CADENCE_SPM = (70.0, 139.0)
MIN_CADENCE_POINTS = 30  # fewer moving points with a cadence than this: the cadence is ignored
GUESS_NOTE = "the file does not say which sport it was"
_MOVING_MPS = 0.5  # a point slower than this is a pause (as for the moving time)


@dataclass(frozen=True, slots=True)
class Guess:
    sport: str  # running | walking | cycling | generic
    note: str


def _median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def moving_cadence_spm(samples: Samples) -> float | None:
    """Median cadence (steps/min) of the moving points, or None when too few carry one."""
    found = [
        c
        for c, v in zip(samples.cadence_spm, samples.speed_mps, strict=True)
        if not math.isnan(c) and c > 0 and not math.isnan(v) and v >= _MOVING_MPS
    ]
    return _median(found) if len(found) >= MIN_CADENCE_POINTS else None


def _between(value: float, low_high: tuple[float, float]) -> bool:
    return low_high[0] <= value <= low_high[1]


def guess_sport(distance_m: float, moving_s: float, cadence_spm: float | None) -> Guess:
    """``cadence_spm``: the moving median as steps per minute (one foot's figure doubled)."""
    speed = distance_m / moving_s if moving_s > 0 else 0.0
    said = f"moving speed {speed * 3.6:.1f} km/h"
    if cadence_spm is not None:
        said += f", cadence {cadence_spm:.0f} steps/min"
    if RIDE_MIN_MPS <= speed <= RIDE_MAX_MPS:
        sport = "cycling"  # whatever the cadence: pedal revolutions share the tag
    elif cadence_spm is not None and _between(cadence_spm, RUN_CADENCE_SPM):
        sport = "running" if WALK_MIN_MPS <= speed <= RUN_MAX_MPS else "generic"
    elif cadence_spm is not None and _between(cadence_spm, WALK_CADENCE_SPM):
        sport = "walking" if WALK_MIN_MPS <= speed <= WALK_MAX_MPS else "generic"
    elif WALK_MIN_MPS <= speed < RUN_MIN_MPS:  # no cadence (or neither kind): the speed says
        sport = "walking"
    elif RUN_MIN_MPS <= speed <= RUN_MAX_MPS:
        sport = "running"
    else:
        sport = "generic"
    if sport == "generic":
        return Guess(sport, f"{GUESS_NOTE} ({said})")
    return Guess(sport, f"{GUESS_NOTE}: read as {sport} ({said})")
