"""The runner's logs in day order, each judged by the pain-monitoring model."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from footfix.domain.result import PhaseId
from footfix.tracking.log_entry import DayLog, MorningResponse
from footfix.tracking.pain_model import DayVerdict, judge_day, morning_response
from footfix.tracking.trends import RetestPoint

Severity = Literal["mild", "moderate", "severe"]
Units = Literal["km", "mi"]


@dataclass(frozen=True)
class RunnerProfile:
    """What the decisions need to know about the runner."""

    units: Units = "km"
    severity: Severity | None = None
    bone_stress: bool = False
    # tests measured in the saved assessment: retest evidence dated the day it was saved
    baseline_retests: tuple[RetestPoint, ...] = ()


@dataclass(frozen=True)
class PhaseState:
    """The phase in effect, since when, and from which day logs count towards its next gate."""

    phase: PhaseId
    since: dt.date
    evidence_from: dt.date


@dataclass(frozen=True)
class JudgedDay:
    log: DayLog
    response: MorningResponse | None
    verdict: DayVerdict

    @property
    def day(self) -> dt.date:
        return self.log.day


def judge_all(logs: Iterable[DayLog], bone_stress: bool) -> list[JudgedDay]:
    """Judge every day; the morning response comes from the day itself or the day after."""
    ordered = sorted(logs, key=lambda log: log.day)
    judged: list[JudgedDay] = []
    for index, log in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        response = morning_response(log, following)
        judged.append(JudgedDay(log, response, judge_day(log, response, bone_stress)))
    return judged


def between(days: Sequence[JudgedDay], first: dt.date, last: dt.date) -> list[JudgedDay]:
    """Days from ``first`` to ``last`` inclusive; ``days`` is in day order (as judge_all gives)."""
    start = bisect_left(days, first, key=_day_of)
    stop = bisect_right(days, last, key=_day_of)
    return list(days[start:stop])


def _day_of(day: JudgedDay) -> dt.date:
    return day.log.day


def last_days(days: Sequence[JudgedDay], as_of: dt.date, count: int) -> list[JudgedDay]:
    return between(days, as_of - dt.timedelta(days=count - 1), as_of)
