"""New kinds of load, added one at a time once flat running is comfortable.

The article's list, in the order footfix introduces them: hills, softer shoes, short bouts of
barefoot walking then running, and short build-up sprints. An element counts as handled once two
sessions that used it settled by the next morning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from footfix.tracking.log_entry import RunEntry

if TYPE_CHECKING:
    from footfix.tracking.history import JudgedDay

LOAD_ELEMENTS: tuple[str, ...] = ("hills", "softer_shoes", "barefoot", "build_up_sprints")
SESSIONS_TO_ESTABLISH = 2

ELEMENT_DOSE: dict[str, str] = {
    "hills": "one run a week with a few gentle rises; keep the rest flat",
    "softer_shoes": "one easy run a week in softer shoes, the others in the stiffer pair",
    "barefoot": "1–2 min of barefoot walking on even grass, then up to 2 × 30 s of easy running",
    "build_up_sprints": "after an easy run, 4 × 60–80 m building to brisk, full walk back",
}


def elements_in(run: RunEntry) -> set[str]:
    found: set[str] = set()
    if run.hills:
        found.add("hills")
    if run.shoes in ("soft", "minimal"):
        found.add("softer_shoes")
    if run.shoes == "barefoot":
        found.add("barefoot")
    if run.sprints:
        found.add("build_up_sprints")
    return found


def established_elements(days: Sequence[JudgedDay]) -> list[str]:
    """Elements used in at least two sessions that settled, in the introduction order."""
    counts = dict.fromkeys(LOAD_ELEMENTS, 0)
    for day in days:
        if day.verdict.verdict != "progress":
            continue
        for element in set().union(*(elements_in(r) for r in day.log.runs)):
            counts[element] += 1
    return [e for e in LOAD_ELEMENTS if counts[e] >= SESSIONS_TO_ESTABLISH]


def next_element(days: Sequence[JudgedDay]) -> str | None:
    """The one element to work on now: the first in order not yet handled."""
    done = set(established_elements(days))
    return next((e for e in LOAD_ELEMENTS if e not in done), None)
