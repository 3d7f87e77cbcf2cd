"""Plain words for the identifiers the core works with, for everything a person reads.

Phases, red flags and exercises take their titles from the knowledge base. The day log's own
vocabulary (its red-flag ticks, retests and new kinds of load) is named here, beside the one
function, :func:`plain`, that turns any text the core wrote into words a runner reads.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from footfix.knowledge.kb import load_default

# What the day log can tick (tracking.log_entry.LogRedFlag), said as a runner would.
LOG_FLAG_WORDS: dict[str, str] = {
    "night_pain": "pain at night",
    "rest_pain": "pain at rest",
    "numbness_or_tingling": "numbness or tingling",
    "swelling": "swelling",
    "bruising": "bruising",
    "fever_or_unwell": "fever or feeling unwell",
    "unable_to_bear_weight": "unable to put weight on the foot",
    "bony_tenderness": "a bone that is tender to press",
    "saddle_numbness": "numbness between the legs",
    "bladder_bowel_change": "a change in bladder or bowel control",
    "calf_swelling": "a swollen calf",
    "cold_pale_foot": "a cold or pale foot",
}
# The retests a day log records (tracking.log_entry.RetestKind) and their unit.
RETEST_WORDS: dict[str, str] = {
    "heel_raise_single_leg_reps": "Single-leg heel raises (reps)",
    "knee_to_wall_cm": "Knee to wall (cm)",
    "hop_count": "Pain-free hops",
    "single_leg_balance_s": "Single-leg balance (s)",
    "brisk_walk_min": "Brisk walk (min)",
}
# New kinds of load in the return (tracking.load_elements.LOAD_ELEMENTS).
LOAD_ELEMENT_WORDS: dict[str, str] = {
    "hills": "hills",
    "softer_shoes": "softer shoes",
    "barefoot": "barefoot walking and running",
    "build_up_sprints": "build-up sprints",
}

# The method's steps a plan item belongs to (knowledge.models.Category), in the order shown.
CATEGORY_WORDS: dict[str, str] = {
    "referral": "See a clinician",
    "education": "Know your foot",
    "unloading": "Unloading",
    "mobility": "Mobility",
    "strength": "Strength",
    "plyometrics": "Springiness (hops and bounds)",
    "efficiency": "Running efficiency",
    "load": "Load",
    "return_to_run": "Return to running",
}

REFERRAL_WORDS: dict[str, str] = {
    "none": "No warning sign found: no referral needed on what you told us",
    "routine": "See a physiotherapist, doctor or foot specialist in the coming weeks",
    "urgent": "Urgent: see a doctor within the next few days",
    "emergency": "Emergency: go to hospital or call emergency services today",
}
#: after a "next test" that is a warning-sign check (an unknown of kind red_flag_screen)
WARNING_SIGN_TEST = (
    "a warning-sign check: its answer can change whether you should see a doctor first"
)

SCREEN_OPEN_WORDS = (
    "No warning sign found so far, but some were not answered: answer them before relying on "
    "this result"
)
# How a cause on one leg relates to the painful foot (root causes' `relation`).
RELATION_WORDS: dict[str, str] = {
    "same": "on the same side as the painful foot",
    "opposite": (
        "on the other leg: when one leg pushes off weakly, the other reaches further forward and "
        "lands harder, so the painful foot pays for the weak side"
    ),
    "both": "on both legs",
    "n/a": "",
}


def category_title(category: str) -> str:
    return CATEGORY_WORDS.get(category, _words(category).capitalize())


def phase_title(phase: str | None) -> str:
    if phase is None:
        return "none"
    found = _phases().get(phase)
    return found[0] if found else _words(phase)


def phase_description(phase: str) -> str:
    found = _phases().get(phase)
    return found[1] if found else ""


def exercise_title(exercise: str) -> str:
    found = load_default().exercises.get(exercise)
    return found.title if found else _words(exercise)


def retest_title(test: str, side: str | None = None) -> str:
    title = RETEST_WORDS.get(test, _words(test))
    return f"{title}, {side}" if side else title


@cache
def _phases() -> dict[str, tuple[str, str]]:
    return {p.id: (p.title, p.description) for p in load_default().phases.phases}


@cache
def _vocabulary() -> dict[str, str]:
    """Every identifier a core message may hold, with the words that replace it."""
    kb = load_default()
    words = {p: title.lower() for p, (title, _) in _phases().items()}
    words |= {flag.id: flag.title.lower() for flag in kb.red_flags}
    words |= LOG_FLAG_WORDS | LOAD_ELEMENT_WORDS
    words |= {c: t.lower() for c, t in CATEGORY_WORDS.items()}
    words |= {t: title.split(" (")[0].lower() for t, title in RETEST_WORDS.items()}
    words |= {e.id: e.title for e in kb.exercises.values()}
    return words


@cache
def _pattern() -> re.Pattern[str]:
    # longest first, so return_to_run_flat wins over any shorter id inside it
    ids = sorted((i for i in _vocabulary() if "_" in i), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, ids)) + r")\b")


def plain(text: str) -> str:
    """``text`` with every internal identifier replaced by its plain words."""
    words = _vocabulary()
    return _pattern().sub(lambda m: words[m.group(1)], text)


_NAMED_FIRST = re.compile(r"^\S*[./_@]\S")  # a file name, path, id or address opens the text


def sentence(text: str) -> str:
    """A message shown on its own as a sentence: a capital first letter and a full stop.

    The services' messages are clauses ("the log entry was not saved: ...") that read well
    after "Error:"; where one stands alone it is shown as a sentence. A message that opens with
    a file name, path or id keeps it as written.
    """
    text = text.strip()
    if not text:
        return text
    if not _NAMED_FIRST.match(text):
        text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def day_words(day: dt.date) -> str:
    """A day as a runner reads it in a sentence: "Tue 3 Nov"."""
    return f"{day:%a} {day.day} {day:%b}"


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def readable_days(text: str) -> str:
    """``text`` with every ISO date the core wrote (2026-11-03) said as :func:`day_words`."""

    def said(match: re.Match[str]) -> str:
        try:
            return day_words(dt.date.fromisoformat(match.group()))
        except ValueError:
            return match.group()

    return _ISO_DAY.sub(said, text)


def _words(identifier: str) -> str:
    return identifier.replace("_", " ")
