"""A scripted eight-week recovery, day by day, as CLI arguments.

Week 1 limited walking; week 2 walking settles and running opens; weeks 3–4 flat running builds
to 6.5 km (past the 6.4 km gate of kb/phases.yaml); week 5 early hills bring a flare and a step
back; week 6 flat again and back to hills; weeks 7–8 hills then softer shoes, ending in full
training.
"""

from __future__ import annotations

import datetime as dt

START = dt.date(2026, 1, 5)  # a Monday
EXPECTED_WEEKLY_PHASES = [
    "rehab_no_running",
    "return_to_run_flat",
    "return_to_run_flat",
    "progress_load_hills",
    "return_to_run_flat",
    "progress_load_hills",
    "progress_load_hills",
    "full_training",
]


def _day(first: float, during: float, walk: float, *run: str) -> list[str]:
    args = ["--first-step", f"{first:g}", "--during", f"{during:g}", "--walk-min", f"{walk:g}"]
    return args + list(run)


def _plan() -> dict[int, list[str]]:
    days: dict[int, list[str]] = {}
    for i in range(7):
        days[i] = _day(5, 3, 10, "--exercise", "heel_raise_toe_up:3x10")
    for i in range(7, 11):
        days[i] = _day(4, 3, 20)
    for i in range(11, 14):
        days[i] = _day(2, 1, 50, "--retest", "heel_raise_single_leg_reps=22:left")
    flat = {14: "2", 16: "3", 18: "4", 20: "5", 22: "6.5", 24: "6.5", 26: "6.5"}
    for i in range(14, 28):
        extra = ["--run", flat[i], "--surface", "road", "--shoes", "stiff"] if i in flat else []
        days[i] = _day(1, 1, 45, *extra)
    days[28] = _day(1, 3, 45, "--run", "5", "--hills", "--surface", "road")
    days[29] = _day(2, 2, 45)
    days[30] = _day(1, 6, 45, "--run", "6", "--hills", "--surface", "road")
    days[31] = _day(4, 3, 30)
    days[32] = _day(3, 2, 40)
    days[33] = _day(2, 2, 45)
    days[34] = _day(2, 1, 45)
    for i in range(35, 42):
        extra = {35: "5", 37: "6", 39: "6.5", 41: "6"}
        run = ["--run", extra[i], "--surface", "road"] if i in extra else []
        days[i] = _day(1, 1, 60, *run)
    hills = {42: ["--hills"], 44: ["--hills"], 46: ["--shoes", "soft"], 48: ["--shoes", "soft"]}
    hills |= {50: ["--shoes", "soft"], 52: ["--hills"], 54: ["--sprints"]}
    for i in range(42, 56):
        run = ["--run", "6", "--surface", "road", *hills[i]] if i in hills else []
        days[i] = _day(0 if i > 44 else 1, 0 if i > 44 else 1, 60, *run)
    return days


DAYS = _plan()


def date_of(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()
