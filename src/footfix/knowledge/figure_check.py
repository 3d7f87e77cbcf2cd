"""`footfix kb check` for exercise pictures: every movement item has one, and each is drawable."""

from __future__ import annotations

import math

from footfix.knowledge.models import Exercise
from footfix.knowledge.pose_models import Figure
from footfix.knowledge.poses import point_path, posed, travel

#: plan items in these categories are movements a runner copies, so they need a picture
NEEDS_FIGURE = frozenset({"mobility", "strength", "plyometrics", "efficiency"})
#: return-to-run items that are a way of running (not shoes or surfaces alone) need one too
RUNNING_RETURN = ("return_to_run", "running")


def needs_figure(item: Exercise) -> bool:
    """Whether a runner copies this item's movement, so its card must carry a picture."""
    category, region = RUNNING_RETURN
    return bool(NEEDS_FIGURE & set(item.categories)) or (
        category in item.categories and item.region == region
    )


MIN_TRAVEL = 2.0  # model units (a body is about 100 tall): less would not show on the page


def figure_problems(figure: Figure) -> list[str]:
    """Why this figure cannot be drawn faithfully, if it cannot (empty when it is fine)."""
    problems = []
    for which in ("start", "end"):
        placed = posed(figure, which)
        coords = [c for p in placed.body.points.values() for c in p]
        coords += [c for s in placed.props for p in s.points for c in p]
        if not all(math.isfinite(c) for c in coords):
            problems.append(f"the {which} position has a point that is not a finite number")
    for name in figure.moving:
        if travel(figure, name) < MIN_TRAVEL:
            problems.append(f"'{name}' is marked moving but its end barely moves")
    for point in figure.arrows:
        path = point_path(figure, point, 4)
        if math.dist(path[0], path[-1]) < MIN_TRAVEL:
            problems.append(f"the arrow at '{point}' would have no length")
    return problems


def check_figures(exercises: dict[str, Exercise]) -> list[str]:
    errors = []
    for item in exercises.values():
        if item.figure is None:
            if needs_figure(item):
                errors.append(f"exercises.yaml:{item.id}: a movement item needs a figure")
            continue
        errors += [f"exercises.yaml:{item.id}: figure: {p}" for p in figure_problems(item.figure)]
    return errors
