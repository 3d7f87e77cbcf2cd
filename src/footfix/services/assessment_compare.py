"""Two saved assessments of one patient side by side, and what changed between them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from footfix.errors import NotFound
from footfix.services.clinic import AssessmentEntry, assessment_history
from footfix.services.exam_words import choice_label
from footfix.services.sessions import SessionUser
from footfix.services.store_access import Store

TOP = 3


@dataclass(frozen=True)
class Side:
    entry: AssessmentEntry
    tissues: tuple[str, ...]  # the top few, "title (likelihood)"
    causes: tuple[str, ...]  # "title (side)"


@dataclass(frozen=True)
class Comparison:
    older: Side
    newer: Side
    changes: tuple[str, ...]  # in words, exam findings first


def _side(entry: AssessmentEntry) -> Side:
    result = entry.result
    tissues = tuple(f"{t.title} ({t.likelihood})" for t in result.tissues[:TOP])
    causes = tuple(f"{c.title} ({c.side})" for c in result.root_causes)
    return Side(entry, tissues, causes)


def _exam(entry: AssessmentEntry) -> dict[str, Any]:
    exam: dict[str, Any] = json.loads(entry.case_json).get("exam") or {}
    return exam


def _words(value: Any) -> str:
    if value is None:
        return "not examined"
    if isinstance(value, dict):
        return ", ".join(
            f"{k.replace('_', ' ')} {_words(v)}" for k, v in value.items() if v is not None
        )
    if isinstance(value, list):
        return ", ".join(choice_label(str(v)) for v in value) or "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def compare(
    store: Store, user: SessionUser, runner_uid: str, first: str, second: str
) -> Comparison:
    """``first`` and ``second`` are assessment uids of this patient, in either order."""
    history = {e.uid: e for e in assessment_history(store, user, runner_uid)}
    if first not in history or second not in history:
        raise NotFound("no such assessment for this patient")
    older, newer = sorted((history[first], history[second]), key=lambda e: (e.at, e.uid))
    a, b = _side(older), _side(newer)
    changes: list[str] = []
    before, after = _exam(older), _exam(newer)
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            label = name.replace("_", " ")
            changes.append(f"{label}: {_words(before.get(name))} → {_words(after.get(name))}")
    if older.result.phase != newer.result.phase:
        changes.append(f"phase: {older.phase} → {newer.phase}")
    old_top = older.result.tissues[0].title if older.result.tissues else "none"
    new_top = newer.result.tissues[0].title if newer.result.tissues else "none"
    if old_top != new_top:
        changes.append(f"most likely tissue: {old_top} → {new_top}")
    gone = [c for c in a.causes if c not in b.causes]
    new = [c for c in b.causes if c not in a.causes]
    changes += [f"root cause no longer found: {c}" for c in gone]
    changes += [f"new root cause: {c}" for c in new]
    return Comparison(a, b, tuple(changes) or ("nothing the assessment reads changed",))
