"""Report benchmark: one tracked runner's PDF with exercise pictures and the progress chart.

Timed from the store to the PDF's bytes (the report use case, the charts, the template and
WeasyPrint's layout), against WeasyPrint turning a one-page static document into a PDF in the
same run, so a slow machine shows in both. Target: under 1.5 s median. Timed twice: with the
pictures and chart cached (the same data drawn before in this process) and drawn afresh (a new
log, a new worker).
Run with ``python -m bench report``.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from bench.timing import median_ms
from footfix.reports import render
from footfix.reports.render import html_to_pdf, render_pdf
from footfix.services.identity import RunnerName
from footfix.services.report import report_for_runner
from footfix.store.settings import Settings, sqlite_url
from footfix.store.store import Store
from tests.reports.tracked import make_tracked_runner

REPEATS = 7  # each call lays out a several-page document: a few are enough for a median
TARGET_MS = 1500.0
STATIC = "<!DOCTYPE html><html><body><h1>One page</h1><p>A static paragraph.</p></body></html>"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Settings(database_url=sqlite_url(Path(folder) / "bench.sqlite3")))
        try:
            store.upgrade()
            actor = make_tracked_runner(store, "bench")

            def report() -> bytes:
                return render_pdf(report_for_runner(store, actor, RunnerName("bench")))

            def cold() -> bytes:  # the pictures and chart drawn afresh (a new log, a new worker)
                render._figure_img.cache_clear()
                render._chart_img.cache_clear()
                return report()

            pages = len(PdfReader(io.BytesIO(report())).pages)
            ours = median_ms(report, REPEATS)
            ours_cpu = median_ms(report, REPEATS, clock=time.process_time, warm_up=False)
            cold_ms = median_ms(cold, REPEATS)
            cold_cpu = median_ms(cold, REPEATS, clock=time.process_time, warm_up=False)
        finally:
            store.close()
    static = median_ms(lambda: html_to_pdf(STATIC), REPEATS)
    static_cpu = median_ms(
        lambda: html_to_pdf(STATIC), REPEATS, clock=time.process_time, warm_up=False
    )
    verdict = "meets the target of" if ours < TARGET_MS else "misses the target of"
    print(f"runner report PDF (6 weeks logged, pictures, chart), {pages} pages:")
    print(f"  median {ours:.0f} ms wall, {ours_cpu:.0f} ms CPU; {verdict} {TARGET_MS:.0f} ms")
    print(f"  pictures and chart drawn afresh: {cold_ms:.0f} ms wall, {cold_cpu:.0f} ms CPU")
    print(f"WeasyPrint, one static page: median {static:.0f} ms wall, {static_cpu:.0f} ms CPU")
    print(
        f"ratio report / static page: {ours / static:.1f}x wall, {ours_cpu / static_cpu:.1f}x CPU"
    )


if __name__ == "__main__":
    main()
