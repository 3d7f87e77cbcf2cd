"""The report's pictures are drawn once per data: the same data gives the same image, new data
(a new log, an edited pose) a new one."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from footfix.knowledge.kb import load_default
from footfix.reports import render
from footfix.services.identity import RunnerName
from footfix.services.report import report_for_runner
from footfix.store.store import Store
from tests.reports.tracked import make_tracked_runner


def _svg(img: str) -> ET.Element:
    data = img.split("base64,", 1)[1].split('"', 1)[0]
    return ET.fromstring(base64.b64decode(data))


def test_figures_and_charts_are_cached_by_their_data(store: Store) -> None:
    figure = load_default().exercises["hills"].figure
    assert figure is not None
    first = render.figure_img(figure, "Hills")
    assert render.figure_img(figure.model_copy(), "Hills") is first  # equal data: cached
    steeper = figure.model_copy(update={"slope": 12.0})
    assert render.figure_img(steeper, "Hills") != first
    assert _svg(first).find("{http://www.w3.org/2000/svg}title").text == "Hills"  # type: ignore[union-attr]
    actor = make_tracked_runner(store, "ana")
    chart = report_for_runner(store, actor, RunnerName("ana")).chart
    assert chart is not None
    drawn = render.chart_img(chart)
    assert render.chart_img(chart.model_copy()) is drawn
    assert _svg(drawn).tag == "{http://www.w3.org/2000/svg}svg"
    fewer = chart.model_copy(update={"days": chart.days[:-3]})
    assert render.chart_img(fewer) != drawn
