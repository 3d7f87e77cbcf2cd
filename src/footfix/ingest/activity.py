"""The normalised activity: one sport session from any file format, in SI units and UTC.

Per-sample series are tuples of floats of equal length; ``math.nan`` marks a missing value, so
series can be summarised without ``None`` checks and pickle compactly between processes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

NAN = math.nan


@dataclass(frozen=True, slots=True)
class Samples:
    time_s: tuple[float, ...] = ()  # seconds since the activity start
    distance_m: tuple[float, ...] = ()
    speed_mps: tuple[float, ...] = ()
    altitude_m: tuple[float, ...] = ()
    heart_rate_bpm: tuple[float, ...] = ()
    cadence_spm: tuple[float, ...] = ()  # steps (both feet) per minute, foot sports only
    stance_time_ms: tuple[float, ...] = ()  # ground contact time
    stance_balance_left_pct: tuple[float, ...] = ()  # left foot's share of contact time
    vertical_oscillation_mm: tuple[float, ...] = ()
    vertical_ratio_pct: tuple[float, ...] = ()
    step_length_mm: tuple[float, ...] = ()
    power_w: tuple[float, ...] = ()

    def __len__(self) -> int:
        return len(self.time_s)

    def present(self, name: str) -> int:
        """How many samples hold a value for one series."""
        values: tuple[float, ...] = getattr(self, name)
        return sum(1 for v in values if not math.isnan(v))


@dataclass(frozen=True, slots=True)
class Activity:
    """One session of one sport. A multisport file gives several."""

    source: str  # file name (and archive member) it came from
    file_format: str  # fit | gpx | tcx
    sport: str  # FIT sport vocabulary: running, cycling, walking, swimming, transition, ...
    sub_sport: str | None  # treadmill, trail, track, indoor_running, ...
    start_utc: datetime  # timezone-aware, UTC
    elapsed_s: float  # wall-clock duration including pauses
    moving_s: float  # timer time, pauses excluded where the file says so
    distance_m: float
    ascent_m: float | None = None
    avg_heart_rate_bpm: float | None = None
    device: str | None = None
    gear: str | None = None  # shoe name, when an export says which shoe was worn
    has_gps: bool = False
    samples: Samples = field(default_factory=Samples)
    developer_means: tuple[tuple[str, float], ...] = ()  # e.g. ("Leg Spring Stiffness", 9.8)
    notes: tuple[str, ...] = ()  # data-quality remarks made while reading
    sport_guessed: bool = False  # the file named no sport: ``sport`` came from speed and cadence

    @property
    def is_running(self) -> bool:
        return self.sport == "running"

    @property
    def is_treadmill(self) -> bool:
        return self.sub_sport in {"treadmill", "indoor_running", "virtual_activity"} or (
            self.is_running and not self.has_gps
        )

    @property
    def end_utc(self) -> datetime:
        return self.start_utc + timedelta(seconds=self.elapsed_s)
