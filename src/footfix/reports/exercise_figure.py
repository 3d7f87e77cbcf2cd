"""An exercise's two key positions as one SVG: start (1) and end (2), the moving part dark,
its start position ghosted and its path drawn as an arrow. Black, white and greys only, so it
prints on any printer; no text inside, so no font is needed.

Plain ``xml.etree``: the figure is a few dozen lines and circles, the standard library escapes
and serialises it, and no drawing library is worth a dependency for that.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from footfix.knowledge.pose_models import Figure
from footfix.knowledge.poses import (
    XY,
    Bone,
    Placed,
    bone,
    ground,
    interpolate,
    point_path,
    posed,
)

MARGIN, GAP, PATH_STEPS = 5.0, 16.0, 24
INK, GREY, FAR_INK, FAR_FILL, GHOST, PAPER = "#111", "#444", "#8a8a8a", "#e4e4e4", "#c8c8c8", "#fff"
ARROW_BOX = ((-5.0, -5.0), (5.0, 5.0))  # room for an arrowhead around its tip
CHILD = {"thigh": "shin", "shin": "foot", "foot": "toes", "upper_arm": "forearm", "trunk": "head"}


@dataclass(frozen=True)
class Frame:
    """Model box shared by both panels, so a body that moves is seen to move."""

    x0: float
    y1: float
    width: float
    height: float

    def at(self, p: XY, panel: int) -> XY:
        return (p[0] - self.x0 + MARGIN + panel * (self.width + GAP), self.y1 - p[1] + MARGIN)


def _extent(placed: Placed) -> list[XY]:
    pts: list[XY] = []
    for b in placed.body.bones:
        r = b.width / 2 + 1
        pts += [(b.a[0] - r, b.a[1] - r), (b.b[0] + r, b.b[1] + r)]
        pts += [(b.a[0] + r, b.a[1] + r), (b.b[0] - r, b.b[1] - r)]
    hx, hy = placed.body.points["head"]
    r = placed.body.head_r + 2
    pts += [(hx - r, hy - r), (hx + r, hy + r)]
    for s in placed.props:
        if s.kind in {"ball", "roller"}:
            (cx, cy), r = s.points[0], s.radius + 1
            pts += [(cx - r, cy - r), (cx + r, cy + r)]
        elif s.kind != "wall":  # a wall is clipped to the panel
            pts += list(s.points)
    return pts


def moving_ends(figure: Figure) -> list[str]:
    """The moving segments whose free end gets an arrow: the tip of each moving chain."""
    moving: set[str] = set(figure.moving)
    tips: list[str] = []
    for name in figure.moving:
        side, _, part = name.partition("_") if name not in {"trunk", "head"} else ("", "", name)
        child = CHILD.get(part)
        child_name = f"{side}_{child}" if side and child else child
        if child_name not in moving:
            tips.append(name)
    return tips


def arrow_paths(figure: Figure) -> dict[str, list[XY]]:
    """The paths that get an arrow: the figure's own choice, else each moving chain's tip."""
    if figure.arrows:
        return {p: point_path(figure, p, PATH_STEPS) for p in figure.arrows}
    steps = [interpolate(figure, i / PATH_STEPS) for i in range(PATH_STEPS + 1)]
    return {n: [bone(s, n).b for s in steps] for n in moving_ends(figure)}


def _f(v: float) -> str:
    return f"{v:.2f}"


def _line(parent: ET.Element, a: XY, b: XY, colour: str, width: float, **extra: str) -> None:
    ET.SubElement(
        parent,
        "line",
        x1=_f(a[0]),
        y1=_f(a[1]),
        x2=_f(b[0]),
        y2=_f(b[1]),
        stroke=colour,
        attrib={"stroke-width": _f(width), "stroke-linecap": "round", **extra},
    )


def _bones(g: ET.Element, frame: Frame, panel: int, bones: list[Bone], moving: set[str]) -> None:
    """Capsules with an outline: all outlines first, so joints merge into one shape."""
    for b in bones:
        colour = INK if b.name in moving else (FAR_INK if b.far else GREY)
        _line(g, frame.at(b.a, panel), frame.at(b.b, panel), colour, b.width + 1.6)
    for b in bones:
        fill = INK if b.name in moving else (FAR_FILL if b.far else PAPER)
        _line(g, frame.at(b.a, panel), frame.at(b.b, panel), fill, b.width)


def _head(g: ET.Element, frame: Frame, panel: int, placed: Placed, dark: bool) -> None:
    centre = frame.at(placed.body.points["head"], panel)
    r = placed.body.head_r
    fx, fy = placed.body.face
    if fx or fy:  # a small nose shows which way the figure faces
        tip = frame.at(
            (
                placed.body.points["head"][0] + fx * (r + 2),
                placed.body.points["head"][1] + fy * (r + 2),
            ),
            panel,
        )
        _line(g, centre, tip, INK if dark else GREY, 2.4)
    ET.SubElement(
        g,
        "circle",
        cx=_f(centre[0]),
        cy=_f(centre[1]),
        r=_f(r),
        fill=INK if dark else PAPER,
        stroke=INK if dark else GREY,
        attrib={"stroke-width": "1.4"},
    )


def _props(g: ET.Element, frame: Frame, panel: int, placed: Placed, bands: bool) -> None:
    for s in placed.props:
        if (s.kind == "band") != bands:
            continue
        if s.kind in {"ball", "roller"}:
            cx, cy = frame.at(s.points[0], panel)
            attrs = {"stroke-width": "1.2"}
            ET.SubElement(
                g,
                "circle",
                cx=_f(cx),
                cy=_f(cy),
                r=_f(s.radius),
                fill=PAPER,
                stroke=GREY,
                attrib=attrs,
            )
            if s.kind == "roller":
                ET.SubElement(
                    g,
                    "circle",
                    cx=_f(cx),
                    cy=_f(cy),
                    r=_f(s.radius / 3),
                    fill=GHOST,
                    stroke=GREY,
                    attrib=attrs,
                )
        elif s.kind == "wall":
            x = frame.at(s.points[0], panel)[0]
            top, bottom = MARGIN, frame.at((0.0, 0.0), panel)[1]
            _line(g, (x, top), (x, bottom), GREY, 2.0, **{"stroke-linecap": "butt"})
            step = -3.0 if s.points[0][0] > 0 else 3.0
            for y in range(int(top) + 4, int(bottom), 6):
                _line(g, (x, y), (x - step, y + 3), FAR_INK, 0.8)
        elif s.kind == "band":
            _line(
                g,
                frame.at(s.points[0], panel),
                frame.at(s.points[1], panel),
                GREY,
                1.3,
                **{"stroke-dasharray": "3 2"},
            )
        else:  # step
            (ax, ay), (bx, by) = (frame.at(p, panel) for p in s.points)
            ET.SubElement(
                g,
                "rect",
                x=_f(min(ax, bx)),
                y=_f(min(ay, by)),
                width=_f(abs(bx - ax)),
                height=_f(abs(by - ay)),
                fill=FAR_FILL,
                stroke=GREY,
                attrib={"stroke-width": "1.2"},
            )


def _pushed(path: list[XY], centre: XY) -> list[XY]:
    """A path moved a little away from the body's centre, so the arrow does not cover it."""
    out = []
    for x, y in path:
        d = math.hypot(x - centre[0], y - centre[1]) or 1.0
        out.append((x + (x - centre[0]) / d * 6.0, y + (y - centre[1]) / d * 6.0))
    return out


def _arrow(g: ET.Element, frame: Frame, path: list[XY]) -> None:
    pts = [frame.at(p, 1) for p in path]
    data = "M " + " L ".join(f"{_f(x)} {_f(y)}" for x, y in pts[:-1])
    attrs = {"stroke-width": "1.3", "stroke-linejoin": "round"}
    ET.SubElement(g, "path", d=data, fill="none", stroke=INK, attrib=attrs)
    (x0, y0), (x1, y1) = pts[-3], pts[-1]
    ang = math.atan2(y1 - y0, x1 - x0)
    tips = [(x1 - 5 * math.cos(ang + k), y1 - 5 * math.sin(ang + k)) for k in (0.45, -0.45)]
    corners = " ".join(f"{_f(x)},{_f(y)}" for x, y in [(x1, y1), *tips])
    ET.SubElement(g, "polygon", points=corners, fill=INK)


def _panel_number(g: ET.Element, frame: Frame, panel: int) -> None:
    """1 and 2 as dots (one, two), not digits, so the SVG needs no font."""
    x, y = MARGIN + panel * (frame.width + GAP) + 2, MARGIN + 1
    for k in range(panel + 1):
        ET.SubElement(g, "circle", cx=_f(x + k * 5), cy=_f(y), r="1.8", fill=INK)


def figure_svg(figure: Figure, title: str) -> str:
    """The figure as a standalone SVG document; ``title`` is its accessible name."""
    start, end = posed(figure, "start"), posed(figure, "end")
    centre = end.body.points["mid_trunk"]
    paths = [_pushed(path, centre) for path in arrow_paths(figure).values()]
    reach = [(x + dx, y + dy) for path in paths for x, y in path for dx, dy in ARROW_BOX]
    pts = _extent(start) + _extent(end) + reach + [(0.0, 0.0)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    ys += [ground(figure, min(xs) - 6), ground(figure, max(xs) + 6)]  # a hill's ends show
    frame = Frame(min(xs) - 6, max(max(ys) + 6, 30.0), max(xs) - min(xs) + 12, 0.0)
    frame = Frame(frame.x0, frame.y1, frame.width, frame.y1 - min(0.0, min(ys)))
    total_w, total_h = 2 * frame.width + GAP + 2 * MARGIN, frame.height + 2 * MARGIN
    svg = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {_f(total_w)} {_f(total_h)}",
        width=_f(total_w * 1.5),
        height=_f(total_h * 1.5),
        role="img",
    )
    ET.SubElement(svg, "title").text = title
    moving: set[str] = set(figure.moving)
    for panel, placed in ((0, start), (1, end)):
        g = ET.SubElement(svg, "g")
        x_lo, x_hi = frame.x0, frame.x0 + frame.width
        _line(
            g,
            frame.at((x_lo, ground(figure, x_lo)), panel),
            frame.at((x_hi, ground(figure, x_hi)), panel),
            INK,
            1.0,
            **{"stroke-linecap": "butt"},
        )
        _props(g, frame, panel, placed, bands=False)
        if panel == 1:  # where the moving part started
            ghosts = [b for b in start.body.bones if b.name in moving]
            for b in ghosts:
                _line(
                    g,
                    frame.at(b.a, 1),
                    frame.at(b.b, 1),
                    GHOST,
                    b.width,
                    **{"stroke-dasharray": "2 1.5"},
                )
        far = [b for b in placed.body.bones if b.far]
        near = [b for b in placed.body.bones if not b.far and b.name not in {"trunk", "head"}]
        core = [b for b in placed.body.bones if b.name in {"trunk", "head"}]
        _bones(g, frame, panel, far, moving)
        _bones(g, frame, panel, core, moving)
        _head(g, frame, panel, placed, "head" in moving)
        _bones(g, frame, panel, near, moving)
        _props(g, frame, panel, placed, bands=True)
        _panel_number(g, frame, panel)
        if panel == 1:
            for path in paths:
                _arrow(g, frame, path)
    # between the panels: a chevron saying "then"
    mid_x, mid_y = MARGIN + frame.width + GAP / 2, MARGIN + frame.height / 2
    chevron = [(mid_x - 3, mid_y - 5), (mid_x + 4, mid_y), (mid_x - 3, mid_y + 5)]
    ET.SubElement(
        svg,
        "polygon",
        points=" ".join(f"{_f(x)},{_f(y)}" for x, y in chevron),
        fill=FAR_INK,
    )
    return ET.tostring(svg, encoding="unicode")
