"""Distances in the runner's own units."""

from __future__ import annotations

from enum import StrEnum

KM_PER_MI = 1.609344


class DistanceUnit(StrEnum):
    KM = "km"
    MI = "mi"


def to_km(value: float, unit: DistanceUnit | str) -> float:
    return value * KM_PER_MI if DistanceUnit(unit) is DistanceUnit.MI else value


def from_km(value_km: float, unit: DistanceUnit | str) -> float:
    return value_km / KM_PER_MI if DistanceUnit(unit) is DistanceUnit.MI else value_km


def format_distance(value_km: float, unit: DistanceUnit | str, digits: int = 1) -> str:
    shown = from_km(value_km, unit)
    text = f"{shown:.{digits}f}".rstrip("0").rstrip(".")
    return f"{text} {DistanceUnit(unit).value}"
