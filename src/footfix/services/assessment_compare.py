"""Two saved assessments of one patient side by side, and what changed between them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from footfix.errors import NotFound
from footfix.services import exam_form
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


def _findings(entry: AssessmentEntry) -> dict[exam_form.Key, Any]:
    return exam_form.findings(json.loads(entry.case_json))


def _words(field: exam_form.ExamField, value: Any) -> str:
    if value is None:
        return "not examined"
    if isinstance(value, list):
        return ", ".join(choice_label(str(v)) for v in value) or "examined, none found"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        number = str(int(value)) if float(value).is_integer() else f"{value:g}"
        return f"{number} {field.unit}" if field.unit else number
    return str(value).replace("_", " ")


def _exam_changes(older: AssessmentEntry, newer: AssessmentEntry) -> list[str]:
    """One line per finding and side that changed; the same finding written per side in one
    case and for the painful foot in the other is the same finding."""
    before, after = _findings(older), _findings(newer)
    order = {f.name: i for i, f in enumerate(exam_form.exam_fields())}
    keys = sorted(set(before) | set(after), key=lambda k: (order[k[0].name], k[1]))
    changes = []
    for field, side in keys:
        old, new = before.get((field, side)), after.get((field, side))
        if old != new:
            where = f"{field.label} ({side})" if side else field.label
            changes.append(f"{where}: {_words(field, old)} → {_words(field, new)}")
    return changes


def compare(
    store: Store, user: SessionUser, runner_uid: str, first: str, second: str
) -> Comparison:
    """``first`` and ``second`` are assessment uids of this patient, in either order."""
    history = {e.uid: e for e in assessment_history(store, user, runner_uid)}
    if first not in history or second not in history:
        raise NotFound("no such assessment for this patient")
    older, newer = sorted((history[first], history[second]), key=lambda e: (e.at, e.uid))
    a, b = _side(older), _side(newer)
    changes = _exam_changes(older, newer)
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
