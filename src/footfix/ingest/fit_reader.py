"""FIT bytes → Activities: one per session, so a multisport file splits by sport."""

from __future__ import annotations

import math
import struct
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from footfix.ingest import fit_profile as fp
from footfix.ingest.activity import NAN, Activity, Samples
from footfix.ingest.errors import NotAnActivity
from footfix.ingest.fit_decoder import FieldValue, decode_fit

_DEV_CODES = {0: "B", 1: "b", 2: "B", 3: "h", 4: "H", 5: "i", 6: "I", 8: "f", 9: "d", 10: "B",
              11: "H", 12: "I", 13: "B", 14: "q", 15: "Q", 16: "Q"}  # fmt: skip


def _num(values: dict[int | str, FieldValue], key: int, scale: float = 1.0) -> float:
    value = values.get(key)
    return value / scale if isinstance(value, int | float) else NAN


@dataclass
class _Session:
    start_fit: int
    end_fit: int
    values: dict[int | str, FieldValue]
    records: list[dict[int | str, FieldValue]] = field(default_factory=list)


def read_fit_bytes(raw: bytes, source: str) -> list[Activity]:
    """Every session in a FIT activity file, in time order."""
    messages = decode_fit(raw, fp.WANTED, source)
    by_kind: dict[int, list[dict[int | str, FieldValue]]] = defaultdict(list)
    for number, values in messages:
        by_kind[number].append(values)
    file_ids = by_kind[fp.FILE_ID]
    if file_ids:
        kind = file_ids[0].get(fp.FILE_TYPE)
        if kind != fp.ACTIVITY_FILE_TYPE:
            name = fp.FILE_TYPES.get(kind, str(kind)) if isinstance(kind, int) else "unknown"
            raise NotAnActivity(source, f"a FIT '{name}' file, not a recorded activity")
    records = [r for r in by_kind[fp.RECORD] if isinstance(r.get(fp.TIMESTAMP), int)]
    sessions = _sessions(by_kind, records)
    if not sessions:
        raise NotAnActivity(source, "the FIT file holds no session and no timed records")
    _assign(records, sessions)
    anchor_s, clock_note = _clock_anchor(by_kind, sessions)
    device = _device(file_ids[0]) if file_ids else None
    dev_fields = _developer_fields(by_kind[fp.FIELD_DESCRIPTION])
    return [
        _activity(s, source, anchor_s, clock_note, device, dev_fields)
        for s in sorted(sessions, key=lambda s: s.start_fit)
    ]


def _sessions(
    by_kind: dict[int, list[dict[int | str, FieldValue]]],
    records: list[dict[int | str, FieldValue]],
) -> list[_Session]:
    out = []
    for values in by_kind[fp.SESSION]:
        start = values.get(fp.S_START_TIME)
        end = values.get(fp.TIMESTAMP)
        elapsed = _num(values, fp.S_ELAPSED, 1000)
        if not isinstance(start, int):
            continue
        if not math.isnan(elapsed):
            end = start + math.ceil(elapsed)
        out.append(_Session(start, end if isinstance(end, int) else start, values))
    if out or not records:
        return out
    # no session message (some third-party writers): one session spanning the records
    sport = by_kind[fp.SPORT][0] if by_kind[fp.SPORT] else {}
    values = {
        fp.S_SPORT: sport.get(fp.SPORT_SPORT, 0),
        fp.S_SUB_SPORT: sport.get(fp.SPORT_SUB_SPORT, 0),
    }
    first, last = int(records[0][fp.TIMESTAMP]), int(records[-1][fp.TIMESTAMP])
    return [_Session(first, last, dict(values))]


def _assign(records: list[dict[int | str, FieldValue]], sessions: list[_Session]) -> None:
    ordered = sorted(sessions, key=lambda s: s.start_fit)
    for record in records:
        stamp = int(record[fp.TIMESTAMP])
        for session in reversed(ordered):  # the latest session that started by then
            if session.start_fit <= stamp <= session.end_fit + 1:
                session.records.append(record)
                break


def _clock_anchor(
    by_kind: dict[int, list[dict[int | str, FieldValue]]], sessions: list[_Session]
) -> tuple[int, str | None]:
    """Unix seconds of FIT time zero; old watches count from power-on: anchor on local time."""
    if min(s.start_fit for s in sessions) >= fp.RELATIVE_TIME_LIMIT:
        return fp.FIT_EPOCH_UNIX_S, None
    for activity in by_kind[fp.ACTIVITY]:
        local, stamp = activity.get(fp.A_LOCAL_TIMESTAMP), activity.get(fp.TIMESTAMP)
        if isinstance(local, int) and isinstance(stamp, int) and local >= fp.RELATIVE_TIME_LIMIT:
            note = (
                "device clock counted from power-on; "
                "start time taken from local time (zone unknown)"
            )
            return fp.FIT_EPOCH_UNIX_S + local - stamp, note
    return fp.FIT_EPOCH_UNIX_S, "device clock counted from power-on; start date unknown"


def _device(file_id: dict[int | str, FieldValue]) -> str | None:
    maker = file_id.get(fp.MANUFACTURER)
    if not isinstance(maker, int):
        return None
    name = fp.MANUFACTURERS.get(maker, f"manufacturer {maker}")
    product = file_id.get(fp.PRODUCT)
    return f"{name} {product}" if isinstance(product, int) else name


def _developer_fields(
    descriptions: list[dict[int | str, FieldValue]],
) -> dict[str, tuple[str, str]]:
    """'dev:<index>:<field>' → (field name, struct code)."""
    out = {}
    for d in descriptions:
        name, base = d.get(fp.D_NAME), d.get(fp.D_BASE_TYPE)
        index, number = d.get(fp.D_DEV_INDEX, 0), d.get(fp.D_FIELD_NUM)
        if not (isinstance(index, int) and isinstance(number, int)):
            continue
        if isinstance(name, str) and isinstance(base, int) and base & 0x1F in _DEV_CODES:
            out[f"dev:{index}:{number}"] = (
                name,
                _DEV_CODES[base & 0x1F],
            )
    return out


def _activity(
    session: _Session,
    source: str,
    anchor_s: int,
    clock_note: str | None,
    device: str | None,
    dev_fields: dict[str, tuple[str, str]],
) -> Activity:
    v = session.values
    sport = fp.sport_name(v.get(fp.S_SPORT))
    samples, has_gps, dev_means = _samples(session, sport, dev_fields)
    distance_m = _num(v, fp.S_DISTANCE, 100)
    notes = [clock_note] if clock_note else []
    if math.isnan(distance_m):
        recorded = [d for d in samples.distance_m if not math.isnan(d)]
        distance_m = recorded[-1] - recorded[0] if recorded else 0.0
        if not recorded:
            notes.append("no distance recorded")
    elapsed_s = _num(v, fp.S_ELAPSED, 1000)
    if math.isnan(elapsed_s):
        elapsed_s = float(session.end_fit - session.start_fit)
    timer_s = _num(v, fp.S_TIMER, 1000)
    ascent = _num(v, fp.S_ASCENT)
    hr = _num(v, fp.S_AVG_HR)
    return Activity(
        source=source,
        file_format="fit",
        sport=sport,
        sub_sport=fp.sub_sport_name(v.get(fp.S_SUB_SPORT)),
        start_utc=datetime.fromtimestamp(anchor_s + session.start_fit, tz=UTC),
        elapsed_s=elapsed_s,
        moving_s=elapsed_s if math.isnan(timer_s) else timer_s,
        distance_m=distance_m,
        ascent_m=None if math.isnan(ascent) else ascent,
        avg_heart_rate_bpm=None if math.isnan(hr) else hr,
        device=device,
        has_gps=has_gps,
        samples=samples,
        developer_means=dev_means,
        notes=tuple(notes),
    )


def _samples(
    session: _Session, sport: str, dev_fields: dict[str, tuple[str, str]]
) -> tuple[Samples, bool, tuple[tuple[str, float], ...]]:
    cols: dict[str, list[float]] = defaultdict(list)
    dev_sums: dict[str, list[float]] = defaultdict(list)
    foot = sport in fp.FOOT_SPORTS
    has_gps = False
    packed_distance_m, last_packed = NAN, -1
    for r in session.records:
        has_gps = has_gps or fp.R_LAT in r
        cols["time_s"].append(float(int(r[fp.TIMESTAMP]) - session.start_fit))
        distance = _num(r, fp.R_DISTANCE, 100)
        speed = _num(r, fp.R_ENHANCED_SPEED, 1000)
        if math.isnan(speed):
            speed = _num(r, fp.R_SPEED, 1000)
        packed = r.get(fp.R_COMPRESSED_SPEED_DISTANCE)
        if isinstance(packed, bytes) and len(packed) == 3:
            # 12 bits of speed (1/100 m/s) and a 12-bit rolling distance counter (1/16 m)
            speed = (packed[0] | (packed[1] & 0x0F) << 8) / 100
            counter = (packed[1] >> 4) | packed[2] << 4
            step = 0 if last_packed < 0 else (counter - last_packed) % 4096
            packed_distance_m = (
                0.0 if math.isnan(packed_distance_m) else packed_distance_m
            ) + step / 16
            last_packed, distance = counter, packed_distance_m
        altitude = _num(r, fp.R_ENHANCED_ALTITUDE, 5)
        if math.isnan(altitude):
            altitude = _num(r, fp.R_ALTITUDE, 5)
        cadence = _num(r, fp.R_CADENCE)
        fraction = _num(r, fp.R_FRACTIONAL_CADENCE, 128)
        strides = cadence + (0.0 if math.isnan(fraction) else fraction)
        cols["distance_m"].append(distance)
        cols["speed_mps"].append(speed)
        cols["altitude_m"].append(altitude - 500)
        cols["heart_rate_bpm"].append(_num(r, fp.R_HR))
        cols["cadence_spm"].append(2 * strides if foot else NAN)
        cols["stance_time_ms"].append(_num(r, fp.R_STANCE_TIME, 10))
        cols["stance_balance_left_pct"].append(_num(r, fp.R_STANCE_BALANCE, 100))
        cols["vertical_oscillation_mm"].append(_num(r, fp.R_VERTICAL_OSCILLATION, 10))
        cols["vertical_ratio_pct"].append(_num(r, fp.R_VERTICAL_RATIO, 100))
        cols["step_length_mm"].append(_num(r, fp.R_STEP_LENGTH, 10))
        cols["power_w"].append(_num(r, fp.R_POWER))
        for key, (name, code) in dev_fields.items():
            raw = r.get(key)
            if isinstance(raw, bytes) and len(raw) == struct.calcsize("<" + code):
                value = struct.unpack("<" + code, raw)[0]
                if value == value and abs(value) < 1e9:  # skip NaN and invalid markers
                    dev_sums[name].append(float(value))
    samples = Samples(**{name: tuple(values) for name, values in cols.items()})
    means = tuple((name, sum(v) / len(v)) for name, v in sorted(dev_sums.items()) if v)
    return samples, has_gps, means
