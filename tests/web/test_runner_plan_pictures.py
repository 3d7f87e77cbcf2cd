"""The plan page's exercise cards carry the exercise's picture: the same SVG figure that
``footfix exercises ID --svg`` writes, inline, with an accessible name and no style."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from footfix.knowledge.kb import load_default
from footfix.reports.exercise_figure import figure_svg
from tests.web.saved_assessment import save_case
from tests.web.signed_in_runner import SignedIn, signed_in

__all__ = ["signed_in"]
CARD = re.compile(
    r'<article class="card exercise" aria-labelledby="x-([a-z0-9_]+)">(.*?)</article>', re.S
)


def test_plan_cards_show_each_exercise_picture(signed_in: SignedIn) -> None:
    save_case(signed_in.store, signed_in.user)
    plan = signed_in.client.get("/plan")
    assert plan.status_code == 200
    cards = dict(CARD.findall(plan.text))
    kb = load_default().exercises
    drawn = [i for i in cards if kb[i].figure is not None]
    plain = [i for i in cards if kb[i].figure is None]
    assert drawn, "the example plan has movements to draw"
    for exercise_id in drawn:
        body = cards[exercise_id]
        assert body.count("<svg") == 1, exercise_id
        svg = body[body.index("<svg") : body.index("</svg>") + 6]
        expected = figure_svg(kb[exercise_id].figure, "x")  # type: ignore[arg-type]
        # the CLI's picture: same drawing, the title here names the two positions
        strip = re.compile(r"<title>.*?</title>")
        assert strip.sub("", svg) == strip.sub("", expected)
        root = ET.fromstring(svg)
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and kb[exercise_id].title in (title.text or "")
        assert root.get("role") == "img" and "style" not in svg
    for exercise_id in plain:  # an item that is not a movement has no picture
        assert "<svg" not in cards[exercise_id]
