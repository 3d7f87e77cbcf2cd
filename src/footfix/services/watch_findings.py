"""Imported activities → case-format findings (training changes, weekly distance, gait).

Pure: takes activities and a reference time, returns a patch in case-file vocabulary and notes.
"""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta
from typing import Any

from footfix.ingest.activity import Activity
from footfix.ingest.dynamics import persistent_asymmetry, run_dynamics
from footfix.ingest.load_metrics import (
    acute_chronic_ratio,
    gear_changes,
    long_run_spikes,
    returns_after_break,
    weekly_load,
)

RECENT_WEEKS = 12  # changes older than this are history, not a cause of today's pain
WEEKS_SHOWN = 8
VOLUME_JUMP_PCT = 30.0  # two weeks against the two before (Nielsen 2014: a caution, not a stop)
HILLS_MIN_M_PER_KM = 10.0
HARD_SHARE_MIN_PCT = 20.0  # a faster block: at least this share of running time spent hard


def _weeks_ago(moment: datetime, as_of: datetime) -> int:
    return max(0, (as_of - moment).days // 7)


def _pct(value: float) -> int:
    """Whole percent, capped where the case format stops (1000 %): the note keeps the detail."""
    return max(-100, min(1000, round(value)))


def _km(metres: float) -> float:
    return round(metres / 1000, 1)


def findings_from_activities(
    activities: list[Activity], as_of: datetime
) -> tuple[dict[str, Any], list[str]]:
    runs = [a for a in activities if a.is_running and a.start_utc <= as_of]
    notes: list[str] = []
    if not runs:
        return {}, ["No running activities in the watch files."]
    recent_from = as_of - timedelta(weeks=RECENT_WEEKS)
    changes: list[dict[str, Any]] = []

    spikes = [s for s in long_run_spikes(runs) if s.start_utc >= recent_from]
    if spikes:
        s = max(spikes, key=lambda s: s.increase_pct)
        changes.append({
            "change": "long_run_increase",
            "weeks_ago": _weeks_ago(s.start_utc, as_of),
            "amount_pct": _pct(s.increase_pct),
            "note": f"Longest run {_km(s.distance_m)} km on {s.start_utc:%Y-%m-%d}, "
            f"{s.increase_pct:.0f}% longer than the longest of the previous 30 days "
            f"({_km(s.previous_longest_m)} km; band {s.band})",
        })  # fmt: skip

    weeks = weekly_load(runs, as_of)
    breaks = [r for r in returns_after_break(runs) if r.start_utc >= recent_from]
    # after a break the return itself is the change; a "volume jump" from zero says nothing more
    if len(weeks) >= 4 and not any(r.start_utc >= as_of - timedelta(weeks=4) for r in breaks):
        before = sum(w.distance_m for w in weeks[-4:-2])
        latest = sum(w.distance_m for w in weeks[-2:])
        if before > 0 and 100 * (latest / before - 1) > VOLUME_JUMP_PCT:
            pct = 100 * (latest / before - 1)
            changes.append({
                "change": "volume_increase", "weeks_ago": 0, "amount_pct": _pct(pct),
                "note": f"Last two weeks {_km(latest)} km against {_km(before)} km the two "
                f"weeks before (+{pct:.0f}%)",
            })  # fmt: skip
    if len(weeks) >= 8:
        climb_before = _climb_per_km(weeks[-8:-4])
        climb_now = _climb_per_km(weeks[-4:])
        if climb_now >= HILLS_MIN_M_PER_KM and climb_now >= 2 * max(climb_before, 1.0):
            changes.append({
                "change": "hills_added", "weeks_ago": 0,
                "amount_pct": _pct(100 * (climb_now / max(climb_before, 1.0) - 1)),
                "note": f"Climbing {climb_now:.0f} m per km over the last four weeks against "
                f"{climb_before:.0f} m per km the four weeks before",
            })  # fmt: skip

    if len(weeks) >= 6:
        hard_before = _hard_pct(weeks[-6:-2])
        hard_now = _hard_pct(weeks[-2:])
        if hard_now >= HARD_SHARE_MIN_PCT and hard_now >= 2 * max(hard_before, 5.0):
            changes.append({
                "change": "speed_increase", "weeks_ago": 0,
                "note": f"{hard_now:.0f}% of running time hard over the last two weeks against "
                f"{hard_before:.0f}% the four weeks before (by heart rate, or pace without it)",
            })  # fmt: skip

    shoes = [g for g in gear_changes(runs) if g.start_utc >= recent_from]
    if shoes:
        g = shoes[-1]
        changes.append({
            "change": "new_shoes", "weeks_ago": _weeks_ago(g.start_utc, as_of),
            "note": f"First run in '{g.gear}' on {g.start_utc:%Y-%m-%d}"
            + (f" (before: '{g.previous}')" if g.previous else ""),
        })  # fmt: skip

    if breaks:
        r = breaks[-1]
        changes.append({
            "change": "return_after_break", "weeks_ago": _weeks_ago(r.start_utc, as_of),
            "note": f"Running again on {r.start_utc:%Y-%m-%d} after "
            f"{r.break_days:.0f} days without a run",
        })  # fmt: skip

    patch: dict[str, Any] = {}
    if changes:
        patch["history"] = {"training_changes": changes}
        notes.extend(c["note"] for c in changes)
    shown = weeks[-WEEKS_SHOWN:]
    patch["training"] = {
        "weekly_distance_recent": [{"value": _km(w.distance_m), "unit": "km"} for w in shown]
    }
    ratio = acute_chronic_ratio(runs, as_of)
    if ratio is not None:
        notes.append(
            f"Acute:chronic distance ratio {ratio:.2f} (information only, not a risk score)"
        )
    gait, gait_notes = _gait(runs, as_of)
    if gait:
        patch["gait"] = gait
    return patch, notes + gait_notes


def _hard_pct(weeks: list[Any]) -> float:
    moving_s = sum(w.moving_s for w in weeks)
    return 100 * sum(w.hard_s for w in weeks) / moving_s if moving_s > 0 else 0.0


def _climb_per_km(weeks: list[Any]) -> float:
    distance_km = sum(w.distance_m for w in weeks) / 1000
    return sum(w.ascent_m for w in weeks) / distance_km if distance_km > 0 else 0.0


def _gait(runs: list[Activity], as_of: datetime) -> tuple[dict[str, Any], list[str]]:
    recent = [run_dynamics(r) for r in runs if r.start_utc >= as_of - timedelta(weeks=WEEKS_SHOWN)]
    recent = [d for d in recent if d.running_share >= 0.5]
    gait: dict[str, Any] = {}
    notes: list[str] = []
    cadences = [d.cadence_spm for d in recent if d.cadence_spm is not None]
    if cadences:
        gait["cadence_spm"] = round(statistics.median(cadences))
        notes.append(f"Cadence {gait['cadence_spm']} steps/min (median of {len(cadences)} runs)")
    ratios = [d.vertical_ratio_pct for d in recent if d.vertical_ratio_pct is not None]
    if ratios:
        gait["vertical_ratio_pct"] = round(statistics.median(ratios), 1)
    flat = [d.balance_left_pct for d in recent if d.flat and d.balance_left_pct is not None]
    if flat:
        gait["gct_balance_left_pct"] = round(statistics.median(flat), 1)
    asym = persistent_asymmetry(recent)
    if asym:
        other = "right" if asym.side_longer_contact == "left" else "left"
        gait["overstride"] = {asym.side_longer_contact: True}
        gait["push_off_short"] = {other: True}
        notes.append(
            f"Ground-contact balance {asym.median_left_pct:.1f}% left (median), beyond 52.2% "
            f"toward the {asym.side_longer_contact} on {asym.runs_in_red} of {asym.runs_counted} "
            f"flat easy runs: suggests a short push-off on the {other} and over-reach on the "
            f"{asym.side_longer_contact} (a hypothesis to check with heel-raise and hop tests)"
        )
    elif flat:
        notes.append(
            f"Ground-contact balance {gait['gct_balance_left_pct']}% left: "
            "no persistent marked asymmetry"
        )
    return gait, notes
