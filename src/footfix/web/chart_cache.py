"""Chart SVGs kept per process, keyed by the data they are drawn from.

Drawing a chart with matplotlib costs tens to hundreds of milliseconds of CPU, while the data
behind a runner's dashboard changes only when they log a day. A chart is a pure function of its
:class:`~footfix.services.charts.ProgressChart` (the same data gives the same bytes: the SVG's
ids are salted with a constant), so its JSON is the key: a new log changes the data and so the
key, and nothing has to be invalidated. The cache holds SVG text only, bounded in size.
"""

from __future__ import annotations

from functools import lru_cache

from footfix.services.charts import LoadChart, ProgressChart

# Entries, per worker process: a phone-width SVG is ~40 KB, so 512 of them stay under ~20 MB.
CACHE_SIZE = 512


def progress_svg(chart: ProgressChart, width: float, label: str) -> str:
    """The inline SVG of ``chart`` (see ``reports.charts.inline_svg``), drawn once per data."""
    return _progress_svg(chart.model_dump_json(), width, label)


@lru_cache(maxsize=CACHE_SIZE)
def _progress_svg(chart_json: str, width: float, label: str) -> str:
    from footfix.reports.charts import inline_svg, progress_figure

    figure = progress_figure(ProgressChart.model_validate_json(chart_json), width=width)
    return inline_svg(figure, label)


def load_svg(chart: LoadChart, width: float, label: str) -> str:
    """The inline SVG of the weekly-load chart, drawn once per data like the progress chart."""
    return _load_svg(chart.model_dump_json(), width, label)


@lru_cache(maxsize=CACHE_SIZE)
def _load_svg(chart_json: str, width: float, label: str) -> str:
    from footfix.reports.charts import inline_svg, load_figure

    figure = load_figure(LoadChart.model_validate_json(chart_json), width=width)
    return inline_svg(figure, label)


def cache_info() -> tuple[int, int, int]:
    """(hits, misses, entries) of this process's caches, for the metrics endpoint."""
    infos = (_progress_svg.cache_info(), _load_svg.cache_info())
    return (
        sum(i.hits for i in infos),
        sum(i.misses for i in infos),
        sum(i.currsize for i in infos),
    )


def clear() -> None:
    _progress_svg.cache_clear()
    _load_svg.cache_clear()
