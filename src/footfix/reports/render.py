"""A report as HTML or PDF, from one Jinja2 template (``templates/report.html.j2``).

The PDF is that same HTML laid out by WeasyPrint (Pango and HarfBuzz underneath; fonts are
embedded). Outside text (names, notes, case wording) is autoescaped; only the SVG footfix
draws itself from numbers is placed as markup.
"""

from __future__ import annotations

import base64
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from footfix.errors import ErrorKind, FootfixError
from footfix.reports.exercise_figure import figure_svg

if TYPE_CHECKING:  # types only: the renderer draws what the report use case returns
    from footfix.knowledge.pose_models import Figure
    from footfix.services.charts import ProgressChart
    from footfix.services.report import ReportContent

Paper = Literal["a4", "letter"]
PAGE_SIZE = {"a4": "A4", "letter": "letter"}


def _sentences(parts: list[str]) -> str:
    """Reasons as sentences in plain words: each ends with one full stop."""
    from footfix.services.plain_words import plain

    return " ".join(plain(p.strip()).rstrip(".") + "." for p in parts if p.strip())


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("footfix.reports", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sentences"] = _sentences
    return env


CACHE_SIZE = 256  # drawn pictures kept per process: a figure is ~8 KB, a chart ~40 KB


def _img(svg: str, alt: str, css: str) -> Markup:
    """An SVG as an ``<img>`` with a data URI: WeasyPrint parses it apart from the page's HTML,
    so its hundreds of elements skip the HTML parser and the page's CSS cascade (measured
    ~150 ms less CPU per report than inline SVG); the web page's CSP allows data: images."""
    data = base64.b64encode(svg.encode()).decode()
    return Markup(f'<img class="{css}" alt="{escape(alt)}" src="data:image/svg+xml;base64,{data}">')


@lru_cache(maxsize=CACHE_SIZE)
def _figure_img(figure_json: str, title: str) -> Markup:
    from footfix.knowledge.pose_models import Figure

    return _img(figure_svg(Figure.model_validate_json(figure_json), title), title, "figure")


def figure_img(figure: Figure, title: str) -> Markup:
    """An exercise's picture, drawn once per process for the same pose data and title."""
    return _figure_img(figure.model_dump_json(), title)


CHART_LABEL = "Chart of heel pain and running day by day, flares and phases marked"


@lru_cache(maxsize=CACHE_SIZE)
def _chart_img(chart_json: str) -> Markup:
    from footfix.reports.charts import inline_svg, progress_figure
    from footfix.services.charts import ProgressChart

    figure = progress_figure(ProgressChart.model_validate_json(chart_json))
    svg = inline_svg(figure, CHART_LABEL)
    if "xmlns=" not in svg[:300]:  # a standalone document needs its namespace
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return _img(svg, CHART_LABEL, "chart")


def chart_img(chart: ProgressChart) -> Markup:
    """The progress chart, drawn once per process for the same data (a new log is new data,
    so nothing needs invalidating; matplotlib is the report's costliest step after layout)."""
    return _chart_img(chart.model_dump_json())


def render_html(content: ReportContent, *, paper: Paper = "a4", charts: bool = True) -> str:
    figures = {
        card.id: figure_img(card.figure, card.title)
        for card in content.cards
        if card.figure is not None
    }
    chart = chart_img(content.chart) if charts and content.chart is not None else None
    template = _environment().get_template("report.html.j2")
    return template.render(
        c=content, r=content.result, figures=figures, chart=chart, paper=PAGE_SIZE[paper]
    )


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]  # no type hints published
    except ImportError as err:
        raise FootfixError(
            "PDF reports need WeasyPrint: install footfix with the pdf extra "
            "(pip install 'footfix[pdf]')",
            kind=ErrorKind.UNAVAILABLE,
        ) from err
    except OSError as err:  # the Python package is there, Pango is not
        raise FootfixError(
            "PDF reports need the Pango and HarfBuzz libraries: on Debian or Ubuntu "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core",
            kind=ErrorKind.UNAVAILABLE,
        ) from err
    return weasyprint


def html_to_pdf(html: str) -> bytes:
    pdf: bytes = _weasyprint().HTML(string=html).write_pdf()
    return pdf


def render_pdf(content: ReportContent, *, paper: Paper = "a4") -> bytes:
    return html_to_pdf(render_html(content, paper=paper))
