"""A finding: one fact about the runner, on a side, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass

from footfix.domain.side import Side


@dataclass(frozen=True, slots=True)
class Finding:
    id: str  # a knowledge-base finding id, e.g. "exam.windlass:positive"
    side: Side  # where it was seen; Side.NONE for history facts about the painful foot
    text: str  # plain words for explanations, e.g. "right windlass test positive"
    source: str = "case"  # "case", "watch", "video", ...
    value: float | str | bool | None = None
