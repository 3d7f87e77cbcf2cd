"""CSV tables for spreadsheets: day logs, watch activities and outcome measures.

Distances are in the runner's units (the column name says which). Text that a spreadsheet
would read as a formula (a note starting with ``=``, ``+``, ``-``, ``@``) is prefixed with an
apostrophe, so opening the file can never run anything. No file paths, hashes or device names
are written, as in the default JSON export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from footfix.domain.units import from_km
from footfix.tracking.log_entry import DayLog, retest_name

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends: Excel's own
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def logs_csv(logs: Sequence[DayLog], units: str) -> str:
    header = [
        "day",
        "first_step_pain_nrs",
        "pain_during_nrs",
        "pain_after_nrs",
        "next_morning",
        "walk_stand_tolerance_min",
        "runs",
        f"run_distance_{units}",
        "run_minutes",
        "surfaces",
        "hills",
        "exercises",
        "retests",
        "red_flags",
        "notes",
    ]
    rows = []
    for log in logs:
        minutes = [r.duration_min for r in log.runs if r.duration_min is not None]
        rows.append(
            [
                log.day.isoformat(),
                log.first_step_pain_nrs,
                log.pain_during_nrs,
                log.pain_after_nrs,
                log.next_morning,
                log.walk_stand_tolerance_min,
                len(log.runs),
                round(from_km(log.run_km, units), 2) if log.runs else None,
                sum(minutes) if minutes else None,
                "; ".join(sorted({r.surface for r in log.runs if r.surface})),
                any(r.hills for r in log.runs) if log.runs else None,
                "; ".join(
                    f"{e.exercise} {e.sets}x{e.reps}" + (f" {e.side}" if e.side else "")
                    for e in log.exercises
                ),
                "; ".join(
                    f"{retest_name(t.test)}={t.value:g}" + (f" {t.side}" if t.side else "")
                    for t in log.retests
                ),
                "; ".join(log.red_flags),
                log.notes,
            ]
        )
    return _table(header, rows)


ACTIVITY_COLUMNS = (
    "sport",
    "sub_sport",
    "moving_s",
    "elapsed_s",
    "ascent_m",
    "avg_heart_rate_bpm",
    "cadence_spm",
    "stance_time_ms",
    "stance_balance_left_pct",
    "vertical_ratio_pct",
    "vertical_oscillation_mm",
    "step_length_mm",
    "running_speed_mps",
    "gear",
    "notes",
)


def activities_csv(rows: Sequence[Mapping[str, Any]], units: str) -> str:
    header = ["start_utc", f"distance_{units}", *ACTIVITY_COLUMNS]
    table = [
        [
            row["start_utc"].isoformat(),
            round(from_km(row["distance_m"] / 1000, units), 3),
            *(row.get(c) for c in ACTIVITY_COLUMNS),
        ]
        for row in rows
    ]
    return _table(header, table)


def outcomes_csv(rows: Sequence[tuple[str, str, float, str, Sequence[tuple[str, float]]]]) -> str:
    """``rows``: (day, measure, score, context, items)."""
    header = ["day", "measure", "score", "context", "items"]
    table = [
        [day, measure, score, context, "; ".join(f"{label}={value:g}" for label, value in items)]
        for day, measure, score, context, items in rows
    ]
    return _table(header, table)
