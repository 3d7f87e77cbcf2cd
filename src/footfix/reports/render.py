"""A report as HTML or PDF, from one Jinja2 template (``templates/report.html.j2``).

The PDF is that same HTML laid out by WeasyPrint (Pango and HarfBuzz underneath; fonts are
embedded). Outside text (names, notes, case wording) is autoescaped; only the SVG footfix
draws itself from numbers is placed as markup.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from footfix.errors import ErrorKind, FootfixError
from footfix.reports.exercise_figure import figure_svg

if TYPE_CHECKING:  # a type only: the renderer draws what the report use case returns
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


def render_html(content: ReportContent, *, paper: Paper = "a4", charts: bool = True) -> str:
    figures = {
        card.id: Markup(figure_svg(card.figure, card.title))
        for card in content.cards
        if card.figure is not None
    }
    chart = None
    if charts and content.chart is not None:
        from footfix.reports.charts import inline_svg, progress_figure

        chart = Markup(inline_svg(progress_figure(content.chart)))
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
