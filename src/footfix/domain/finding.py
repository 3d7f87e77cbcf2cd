"""A finding: one fact about the runner, on a side, with where it came from."""

from __future__ import annotations

from typing import NamedTuple

from footfix.domain.side import Side


class Finding(NamedTuple):
    """Immutable; a named tuple because an assessment makes dozens and they must be cheap."""

    id: str  # a knowledge-base finding id, e.g. "exam.windlass:positive"
    side: Side  # where it was seen; Side.NONE for history facts about the painful foot
    title: str  # the finding's title in the knowledge base
    source: str = "case"  # "case", "watch", "video", ...
    value: float | str | bool | None = None
    unit: str = ""  # shown after a number, e.g. "km"

    @property
    def text(self) -> str:
        """Plain words for explanations, e.g. 'Windlass test: positive (right)'.

        Built on demand: most findings are never shown, and formatting all of them would cost
        more than the reasoning itself.
        """
        parts = [] if self.side is Side.NONE else [self.side.value]
        if isinstance(self.value, (int, float)) and not isinstance(self.value, bool):
            unit = self.unit if self.unit in ("%", "°") else f" {self.unit}" if self.unit else ""
            number = f"{self.value:.3g}{unit}"
            parts = [f"{parts[0]}: {number}"] if parts else [number]
        text = f"{self.title} ({parts[0]})" if parts else self.title
        return text if self.source == "case" else f"{text} [from {self.source}]"
