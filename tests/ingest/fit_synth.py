"""Write synthetic FIT runs with fit-tool: an encoder independent of footfix's decoder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport


@dataclass(frozen=True)
class RunSpec:
    start: datetime  # timezone-aware
    distance_km: float
    speed_mps: float = 3.0
    cadence_spm: float = 170.0
    balance_left_pct: float | None = 50.2
    climb_m_per_km: float = 0.0
    sport: Sport = Sport.RUNNING
    interval_s: int = 20
    heart_rate_bpm: int = 145


def write_run(path: Path, spec: RunSpec) -> Path:
    start_ms = round(spec.start.timestamp() * 1000)
    duration_s = spec.distance_km * 1000 / spec.speed_mps
    n = int(duration_s // spec.interval_s) + 1
    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 3113
    file_id.time_created = start_ms
    builder.add(file_id)
    ascent_m = spec.climb_m_per_km * spec.distance_km
    records = []
    for i in range(n):
        t_s = i * spec.interval_s
        rec = RecordMessage()
        rec.timestamp = start_ms + t_s * 1000
        rec.position_lat = 51.5 + t_s * spec.speed_mps * 9e-6
        rec.position_long = -0.12
        rec.distance = min(t_s * spec.speed_mps, spec.distance_km * 1000)
        rec.speed = spec.speed_mps
        # climb up and down in 1 km waves so the file's ascent matches climb_m_per_km
        rec.enhanced_altitude = 40 + spec.climb_m_per_km * abs(
            ((t_s * spec.speed_mps / 1000) % 2) - 1
        )
        rec.heart_rate = spec.heart_rate_bpm
        strides = spec.cadence_spm / 2
        rec.cadence = int(strides)
        rec.fractional_cadence = strides - int(strides)
        rec.stance_time = 250.0
        if spec.balance_left_pct is not None:
            rec.stance_time_balance = spec.balance_left_pct
        rec.vertical_ratio = 8.2
        rec.step_length = 1050.0
        records.append(rec)
    builder.add_all(records)
    session = SessionMessage()
    session.timestamp = start_ms + (n - 1) * spec.interval_s * 1000
    session.start_time = start_ms
    session.sport = spec.sport
    session.total_elapsed_time = (n - 1) * spec.interval_s
    session.total_timer_time = (n - 1) * spec.interval_s
    session.total_distance = spec.distance_km * 1000
    session.total_ascent = round(ascent_m)
    builder.add(session)
    builder.build().to_file(str(path))
    return path
