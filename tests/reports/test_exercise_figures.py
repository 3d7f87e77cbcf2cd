"""Every exercise picture is drawn from valid pose data, inside its own page, and follows edits."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pydantic import ValidationError

from footfix.knowledge.figure_check import MIN_TRAVEL, check_figures, needs_figure
from footfix.knowledge.kb import load_default
from footfix.knowledge.pose_models import Figure
from footfix.knowledge.poses import bone, clearance, posed
from footfix.reports.exercise_figure import figure_svg
from tests.cli_runner import run_cli

KB = load_default()
FIGURED = [e for e in KB.exercises.values() if e.figure is not None]
SVG = "{http://www.w3.org/2000/svg}"


def _numbers(element: ET.Element) -> list[tuple[float, float, float]]:
    """Every drawn point as (x, y, reach): a circle reaches its radius beyond its centre."""
    a = element.attrib
    tag = element.tag.removeprefix(SVG)
    if tag == "line":
        return [(float(a["x1"]), float(a["y1"]), 0.0), (float(a["x2"]), float(a["y2"]), 0.0)]
    if tag == "circle":
        return [(float(a["cx"]), float(a["cy"]), float(a["r"]))]
    if tag == "rect":
        x, y, w, h = (float(a[k]) for k in ("x", "y", "width", "height"))
        return [(x, y, 0.0), (x + w, y + h, 0.0)]
    if tag in {"path", "polygon"}:
        raw = [
            float(v)
            for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", a.get("d", a.get("points", "")))
        ]
        return [(raw[i], raw[i + 1], 0.0) for i in range(0, len(raw), 2)]
    return []


def test_every_movement_item_has_a_picture_and_the_check_is_clean() -> None:
    needing = [e.id for e in KB.exercises.values() if needs_figure(e)]
    assert len(needing) >= 25
    # the return-to-run ways of running are copied too: hills, flat running, barefoot, strides
    assert {"hills", "flat_firm_surface_running", "barefoot_walk_run", "build_up_sprints"} <= set(
        needing
    )
    assert all(KB.exercises[i].figure is not None for i in needing)
    assert check_figures(KB.exercises) == []
    hills = KB.exercises["hills"].model_copy(update={"figure": None})
    assert check_figures({"hills": hills}) == [
        "exercises.yaml:hills: a movement item needs a figure"
    ]


def test_the_hills_picture_stands_on_a_hill() -> None:
    figure = KB.exercises["hills"].figure
    assert figure is not None and figure.slope > 0
    root = ET.fromstring(figure_svg(figure, "Hills"))
    floors = [el for el in root.iter(f"{SVG}line") if el.attrib.get("stroke-linecap") == "butt"]
    floors = [el for el in floors if el.attrib["stroke"] == "#111"][:2]  # each panel's ground
    for floor in floors:  # rising to the right: SVG's y grows downwards
        assert float(floor.attrib["y2"]) < float(floor.attrib["y1"]) - 3
    for which in ("start", "end"):  # a foot touches the slope, nothing sinks into it
        placed = posed(figure, which)
        gaps = [
            clearance(figure.slope, p, b.width / 2) for b in placed.body.bones for p in (b.a, b.b)
        ]
        assert -0.01 <= min(gaps) < 0.01
    flat = figure.model_copy(update={"slope": 0.0})
    assert figure_svg(flat, "Hills") != figure_svg(figure, "Hills")


@pytest.mark.parametrize("item", FIGURED, ids=[e.id for e in FIGURED])
def test_each_figure_is_drawn_from_valid_data(item) -> None:  # type: ignore[no-untyped-def]
    figure = item.figure
    start, end = posed(figure, "start"), posed(figure, "end")
    for name in figure.moving:  # what is highlighted really moves
        a, b = bone(start, name), bone(end, name)
        assert max(math.dist(a.a, b.a), math.dist(a.b, b.b)) >= MIN_TRAVEL, name
    for placed in (start, end):  # the body rests on the floor (or the hill), never below it
        lowest = min(
            clearance(figure.slope, p, b.width / 2) for b in placed.body.bones for p in (b.a, b.b)
        )
        assert lowest >= -0.01
    svg = figure_svg(figure, item.title)
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == item.title
    x0, y0, width, height = (float(v) for v in root.attrib["viewBox"].split())
    drawn = [p for el in root.iter() for p in _numbers(el)]
    assert len(drawn) > 40
    for x, y, reach in drawn:
        assert math.isfinite(x) and math.isfinite(y)
        assert x0 <= x - reach and x + reach <= x0 + width, (item.id, x, reach, width)
        assert y0 <= y - reach and y + reach <= y0 + height, (item.id, y, reach, height)
    dark = [el for el in root.iter(f"{SVG}line") if el.attrib["stroke"] == "#111"]
    assert dark, "the moving part is drawn dark"
    assert root.iter(f"{SVG}polygon"), "an arrowhead shows the direction"


def test_a_clinician_edit_to_a_position_changes_the_picture() -> None:
    figure = KB.exercises["hip_flexor_strengthening"].figure
    assert figure is not None
    lower = figure.model_copy(
        update={
            "end": figure.end.model_copy(
                update={"left": figure.end.left.model_copy(update={"hip": 60.0})}
            )
        }
    )
    assert figure_svg(lower, "x") != figure_svg(figure, "x")
    knee = lambda f: bone(posed(f, "end"), "left_thigh").b  # noqa: E731
    assert knee(lower)[1] < knee(figure)[1]  # a lower knee lift draws a lower knee


def test_bad_pose_data_is_rejected_with_its_reason() -> None:
    base = {"start": {}, "end": {"left": {"hip": 90}}, "moving": ["left_thigh"]}
    Figure.model_validate(base)
    for bad in (
        {**base, "moving": ["left_wing"]},
        {**base, "end": {"left": {"hip": 400}}},
        {**base, "props": [{"kind": "band", "at": "left_hand"}]},
        {**base, "start": {"left": {"hips": 10}}},
    ):
        with pytest.raises(ValidationError):
            Figure.model_validate(bad)
    still = Figure.model_validate({**base, "end": {}})
    ex = KB.exercises["hip_flexor_strengthening"].model_copy(update={"figure": still})
    problems = check_figures({ex.id: ex})
    assert problems and "barely moves" in problems[0]


def test_cli_writes_the_svg_and_refuses_an_item_without_a_picture(tmp_path: Path) -> None:
    target = tmp_path / "bridges.svg"
    code, output = run_cli("exercises", "bridges", "--svg", str(target))
    assert code == 0, output
    assert ET.fromstring(target.read_text()).tag == f"{SVG}svg"
    code, output = run_cli("exercises", "referral", "--svg", str(tmp_path / "r.svg"))
    assert code == 2 and "no picture" in output
    assert not (tmp_path / "r.svg").exists()
