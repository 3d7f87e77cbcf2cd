"""Body sides and how a cause's side relates to the painful foot."""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    NONE = "n/a"  # not sided (history, training load)

    def covers(self, other: Side) -> bool:
        """True when a finding on this side says something about `other`."""
        if self is Side.NONE or other is Side.NONE:
            return True
        return self is other or self is Side.BOTH or other is Side.BOTH

    @property
    def opposite(self) -> Side:
        if self is Side.LEFT:
            return Side.RIGHT
        if self is Side.RIGHT:
            return Side.LEFT
        return self


class Relation(StrEnum):
    SAME = "same"
    OPPOSITE = "opposite"
    BOTH = "both"
    NA = "n/a"


def relation_to(cause_side: Side, painful_side: Side, worse_side: Side | None = None) -> Relation:
    """Where a cause sits relative to the painful foot."""
    if cause_side is Side.NONE:
        return Relation.NA
    if cause_side is Side.BOTH:
        return Relation.BOTH
    reference = painful_side
    if painful_side is Side.BOTH:
        if worse_side in (Side.LEFT, Side.RIGHT):
            reference = worse_side
        else:
            return Relation.SAME
    if reference is Side.NONE:
        return Relation.NA
    return Relation.SAME if cause_side is reference else Relation.OPPOSITE


def merge_sides(sides: set[Side]) -> Side:
    """One side from the set of sides where something was seen."""
    concrete = {s for s in sides if s is not Side.NONE}
    if Side.BOTH in concrete or {Side.LEFT, Side.RIGHT} <= concrete:
        return Side.BOTH
    if concrete:
        return next(iter(concrete))
    return Side.NONE
