"""Read findings off a validated case, as the knowledge base's finding definitions say.

Sided fields: a bare value describes the painful foot; ``{left, right}`` gives each side.
Distances are compared in km. Two values are computed rather than typed: ``patient.bmi`` and
``training.max_weekly_rise_pct`` (the largest rise from one week to the next, in per cent).
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import Any

from pydantic import BaseModel

from footfix.domain.finding import Finding
from footfix.domain.side import Side
from footfix.domain.units import to_km
from footfix.findings.finding_set import FindingSet
from footfix.intake.case_model import CaseFile, Distance, PerSide, TrainingChange
from footfix.knowledge.case_fields import VIRTUAL_FIELDS, sided_paths
from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.models import FindingDef, Match

# A week must reach this many km before a rise from it counts (tiny weeks make huge ratios).
MIN_WEEK_KM_FOR_RISE = 5.0
# Climbing back towards the usual volume is a return, not a spike, unless a week nearly doubles
# the one before (after quiet weeks, going straight back to full is the article's load spike).
RETURN_JUMP_PCT = 80.0
# A symptom asked on its own is answered by a "yes" (the first list) or a "no" (the second):
# either way ``FIELD:VALUE`` is known, so a question covering those symptoms is not asked again.
ANSWERED_LISTS = {"history.associated": ("history.associated", "history.associated_absent")}


def _painful(case: CaseFile) -> Side:
    side = case.patient.painful_side if case.patient else None
    return Side(side) if side else Side.NONE


def _virtual(case: CaseFile, path: str) -> list[tuple[Side, Any]]:
    if path == "patient.bmi":
        p = case.patient
        if p and p.height_cm and p.weight_kg:
            return [(Side.NONE, p.weight_kg / (p.height_cm / 100) ** 2)]
        return []
    if path == "training.max_weekly_rise_pct":
        weeks = case.training.weekly_distance_recent if case.training else None
        if not weeks or len(weeks) < 2:
            return []
        km = [to_km(w.value, w.unit) for w in weeks]
        usual = case.patient.weekly_distance if case.patient else None
        # climbing back towards the runner's usual volume is a return, not a spike
        ceiling = to_km(usual.value, usual.unit) if usual else 0.0
        rises = [
            (b - a) / a * 100
            for a, b in pairwise(km)
            if a >= MIN_WEEK_KM_FOR_RISE and (b > ceiling or (b - a) / a * 100 >= RETURN_JUMP_PCT)
        ]
        return [(Side.NONE, max(rises))] if rises else []
    raise KeyError(path)


def _number(value: Any) -> float | None:
    if isinstance(value, Distance):
        return to_km(value.value, value.unit)
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _compare(value: float, m: Match) -> bool:
    if m.lt is not None and not value < m.lt:
        return False
    if m.le is not None and not value <= m.le:
        return False
    if m.gt is not None and not value > m.gt:
        return False
    return not (m.ge is not None and not value >= m.ge)


def _side_pairs(values: list[tuple[Side, Any]]) -> dict[Side, float]:
    out: dict[Side, float] = {}
    for side, value in values:
        number = _number(value)
        if number is not None and side in (Side.LEFT, Side.RIGHT):
            out[side] = number
    return out


def _differs(mine: float, other: float, m: Match) -> bool:
    if m.deficit_abs is not None and other - mine >= m.deficit_abs:
        return True
    if m.excess_abs is not None and mine - other >= m.excess_abs:
        return True
    lsi = m.deficit_lsi_pct
    return lsi is not None and other > 0 and mine / other * 100 < lsi


def _match(defn: FindingDef, values: list[tuple[Side, Any]]) -> list[tuple[Side, Any]]:
    m = defn.match
    if m.deficit_abs is not None or m.deficit_lsi_pct is not None or m.excess_abs is not None:
        pairs = _side_pairs(values)
        if len(pairs) < 2:
            return []
        hits = []
        for side, mine in pairs.items():
            other = pairs[side.opposite]
            if (
                (m.deficit_abs is not None and other - mine >= m.deficit_abs)
                or (m.excess_abs is not None and mine - other >= m.excess_abs)
                or (
                    m.deficit_lsi_pct is not None
                    and other > 0
                    and mine / other * 100 < m.deficit_lsi_pct
                )
            ):
                hits.append((side, mine))
        return hits
    if m.balance_beyond is not None:
        hits = []
        for _, value in values:
            if value >= 50 + m.balance_beyond:
                hits.append((Side.LEFT, value))
            elif value <= 50 - m.balance_beyond:
                hits.append((Side.RIGHT, value))
        return hits
    return [(s, v) for s, v in values if (n := _number(v)) is not None and _compare(n, m)]


def _change_is_relevant(change: TrainingChange, case: CaseFile, kb: KnowledgeBase) -> bool:
    """A training change counts if it came before (or just after) the pain began."""
    weeks_ago = change.weeks_ago
    duration = case.history.duration_weeks if case.history else None
    if weeks_ago is None or duration is None:
        return True
    window = kb.settings.training_change_window
    earliest = duration - window.after_onset_weeks
    return bool(earliest <= weeks_ago <= duration + window.before_onset_weeks)


UNIT_SUFFIXES = {
    "_cm": "cm", "_deg": "°", "_min": "min", "_reps": "reps", "_s": "s", "_mm": "mm",
    "_spm": "steps/min", "_pct": "%", "_kg": "kg", "_weeks": "weeks",
}  # fmt: skip


def _unit(field: str) -> str:
    """The unit in a field's name (the case format puts it there)."""
    for suffix, unit in UNIT_SUFFIXES.items():
        if field.endswith(suffix):
            return unit
    return ""


_SCALARS = (str, bool, int, float)
_SIDES = ((Side.LEFT, "left"), (Side.RIGHT, "right"))


def _flatten(case: CaseFile, painful: Side) -> dict[str, list[tuple[Side, Any]]]:
    """Every field the case sets, by dotted path, as (side, value) pairs - in one walk."""
    sided = sided_paths()
    out: dict[str, list[tuple[Side, Any]]] = {}

    def add(path: str, side: Side, value: Any) -> None:
        if side is Side.NONE and path in sided:
            side = painful
        if path in out:
            out[path].append((side, value))
        else:
            out[path] = [(side, value)]

    def visit(path: str, side: Side, value: Any) -> None:
        if type(value) in _SCALARS:  # the common case first: most leaves are plain values
            add(path, side, value)
        elif isinstance(value, list):
            first = value[0] if value else None
            if isinstance(first, BaseModel) and not isinstance(first, Distance):
                for item in value:
                    visit(path, side, item)
            else:
                add(path, side, value)
        elif isinstance(value, PerSide):
            for s, name in _SIDES:
                sub = getattr(value, name)
                if sub is not None:
                    visit(path, s, sub)
        elif isinstance(value, Distance):
            add(path, side, value)
        elif isinstance(value, BaseModel):
            prefix = f"{path}." if path else ""
            for name, sub in value.__dict__.items():
                if sub is not None:
                    visit(prefix + name, side, sub)

    visit("", Side.NONE, case)
    return out


@cache
def _section(field: str) -> str:
    return ".".join(field.split(".")[:2])


def extract_findings(
    case: CaseFile, kb: KnowledgeBase, provenance: dict[str, str] | None = None
) -> FindingSet:
    painful = _painful(case)
    provenance = provenance or {}
    fields = _flatten(case, painful)
    for virtual in VIRTUAL_FIELDS:
        values = _virtual(case, virtual)
        if values:
            fields[virtual] = values
    found: list[Finding] = []
    for field, values in fields.items():
        defs = kb.findings_by_field.get(field)
        if not defs:
            continue
        if field == "history.training_changes.change" and case.history:
            changes = case.history.training_changes or []
            kept = {c.change for c in changes if _change_is_relevant(c, case, kb)}
            values = [(s, v) for s, v in values if v in kept]
        source = provenance.get(_section(field), "case") if provenance else "case"
        equals = kb.findings_by_value.get(field, {})
        for side, value in values:
            for item in value if isinstance(value, list) else (value,):
                if isinstance(item, (str, bool)):
                    for defn in equals.get(item, ()):
                        found.append(Finding(defn.id, side, defn.title, source))
        for defn in kb.numeric_findings.get(field, ()):
            for side, value in _match(defn, values):
                unit = "km" if isinstance(value, Distance) else _unit(field)
                number = _number(value)
                found.append(Finding(defn.id, side, defn.title, source, number, unit))
    known = {p for path in fields for p in _parents(path)}
    for field, lists in ANSWERED_LISTS.items():
        said = [v for path in lists for _side, values in fields.get(path, ()) for v in values]
        known |= {f"{field}:{v}" for v in said}
    return FindingSet(found, painful, frozenset(known))


@cache
def _parents(path: str) -> tuple[str, ...]:
    parts = path.split(".")
    return tuple(".".join(parts[: i + 1]) for i in range(len(parts)))
