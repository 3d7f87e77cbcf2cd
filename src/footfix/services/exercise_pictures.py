"""An exercise's picture (start and end positions, as ``footfix exercises ID --svg`` writes it)
for a page that shows plan cards. Drawn once per exercise and process: the knowledge base is
fixed while the process runs."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=256)
def picture_svg(exercise_id: str) -> str | None:
    """The SVG of the exercise's figure, or None for an item that is not a movement."""
    from footfix.knowledge.kb import load_default
    from footfix.reports.exercise_figure import figure_svg

    found = load_default().exercises.get(exercise_id)
    if found is None or found.figure is None:
        return None
    return figure_svg(found.figure, f"{found.title}: start (1) and end (2) positions")


def pictures(exercise_ids: Iterable[str]) -> dict[str, str]:
    """Each id that has a picture, with its SVG."""
    out = {}
    for exercise_id in exercise_ids:
        svg = picture_svg(exercise_id)
        if svg is not None:
            out[exercise_id] = svg
    return out
