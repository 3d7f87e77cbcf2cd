"""Texts in the runner's own units, with nothing meant only for the knowledge base's authors.

Knowledge-base texts name the flat-running gate as ``{flat_gate}`` ("4-5 miles" or "6.4-8 km")
or ``{flat_gate_min}`` ("4 miles" or "6.4 km"), never in both unit systems at once. Notes for
reviewers (why a figure is uncertain) are kept in the knowledge base and its references, and are
cut from what a runner reads.
"""

from __future__ import annotations

import re
from typing import Any

from footfix.domain.units import format_distance
from footfix.knowledge.models import Progression

# Reviewer notes that must never reach a runner: parenthesised remarks about verification.
_INTERNAL_NOTE = re.compile(
    r"\s*\((?:[^()]*\b(?:from memory|not verified|unverified|reportedly|verify)\b[^()]*)\)",
    re.IGNORECASE,
)


# A finding's measured distance is recorded in km ("(3.22 km)"); a runner in miles reads miles.
_KM_VALUE = re.compile(r"\((\d+(?:\.\d+)?) km\)")


def tokens(prog: Progression, units: str) -> dict[str, str]:
    gate = prog.flat_gate
    return {
        "{flat_gate}": gate.text(units),
        "{flat_gate_min}": format_distance(gate.in_units(units), units),
    }


def for_runner(text: str, prog: Progression, units: str) -> str:
    """The text with the runner's units filled in and internal notes removed."""
    if "{" in text:
        for token, value in tokens(prog, units).items():
            text = text.replace(token, value)
    if "(" in text:
        text = _INTERNAL_NOTE.sub("", text)
        if units == "mi":
            text = _KM_VALUE.sub(lambda m: f"({format_distance(float(m[1]), 'mi', 2)})", text)
    return text


def localise(value: Any, prog: Progression, units: str) -> Any:
    """Apply :func:`for_runner` to every string in plain records (dicts, lists)."""
    if isinstance(value, str):
        return for_runner(value, prog, units)
    if isinstance(value, list):
        return [localise(v, prog, units) for v in value]
    if isinstance(value, dict):
        return {k: localise(v, prog, units) for k, v in value.items()}
    return value
