"""The report of every example case, as a real PDF read back with poppler and pypdf."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from footfix.reports.render import render_html, render_pdf
from footfix.services.identity import RunnerName, local_actor
from footfix.services.report import Clinician, ReportContent, report_for_case, report_for_runner
from footfix.store.store import Store
from tests.cli_runner import run_cli
from tests.paths import CASES
from tests.reports.tracked import make_tracked_runner

CASE_FILES = sorted(CASES.glob("*.yaml"))
DAY = dt.date(2026, 12, 2)
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm) not installed")


def _words(text: str) -> str:
    return " ".join(text.split())


def _pdftotext(pdf: Path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return run.stdout.decode()


def _off_page_words(pdf: Path) -> list[str]:
    """Words whose box leaves the page (pdftotext -bbox gives each word's box in points)."""
    run = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True)
    body = re.sub(r"<!DOCTYPE[^>]*>", "", run.stdout.decode())
    root = ET.fromstring(body.replace("&nbsp;", " "))
    off = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        width, height = float(page.attrib["width"]), float(page.attrib["height"])
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            x0, y0, x1, y1 = (float(word.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
            if x0 < 0 or y0 < 0 or x1 > width + 0.5 or y1 > height + 0.5:
                off.append(f"{word.text!r} at {x0:.0f},{y0:.0f}-{x1:.0f},{y1:.0f}")
    return off


def _check_pdf(content: ReportContent, pdf: Path, tmp_path: Path) -> str:
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages and all(p.stat().st_size > 1000 for p in pages)
    text = _words(_pdftotext(pdf))
    assert _words(content.referral_text) in text
    assert text.index("Referral".upper()) < text.index("Where you are")  # referral first
    if content.cards:
        assert _words(content.cards[0].title) in text
    figured = [c for c in content.cards if c.figure is not None]
    if figured:
        assert f"Picture: {_words(figured[0].title)}" in text
    assert _words(content.result.disclaimer)[:80] in text
    assert content.result.knowledge_version in text
    assert _off_page_words(pdf) == []
    return text


@needs_poppler
@pytest.mark.parametrize("case", CASE_FILES, ids=[c.stem[:3] for c in CASE_FILES])
def test_every_example_case_prints_with_referral_plan_figure_and_disclaimer(
    case: Path, tmp_path: Path
) -> None:
    content = report_for_case(case, made_on=DAY)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_pdf(content))
    _check_pdf(content, pdf, tmp_path)
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    for page in reader.pages:  # every font is embedded, so it prints as it shows
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                (descendants[0].get_object() if descendants else font)
                .get("/FontDescriptor")
                .get_object()
            )
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@needs_poppler
def test_a_tracked_runner_prints_on_letter_with_charts_and_the_clinician(
    store: Store, tmp_path: Path
) -> None:
    actor = make_tracked_runner(store, "ana")
    who = Clinician("Dr <b>Lee</b>", "Retest the heel raise in two weeks.")
    content = report_for_runner(store, actor, RunnerName("ana"), clinician=who)
    assert content.progress is not None and content.progress.trends
    html = render_html(content, paper="letter")
    assert "Dr &lt;b&gt;Lee&lt;/b&gt;" in html and "<b>Lee" not in html  # shown, never markup
    # every picture and the chart, as SVG images (data URIs) with their accessible names
    assert (
        html.count('src="data:image/svg+xml;base64,')
        == len([c for c in content.cards if c.figure]) + 1
    )
    assert 'class="chart" alt="Chart of heel pain' in html
    pdf = tmp_path / "ana.pdf"
    pdf.write_bytes(render_pdf(content, paper="letter"))
    text = _check_pdf(content, pdf, tmp_path)
    assert "Dr <b>Lee</b>" in text and "Retest the heel raise in two weeks." in text
    assert content.chart is not None and content.chart.title in text  # the chart's own text
    assert "Return-to-run ladder" in text
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter


def test_the_printed_plan_shows_the_advice_apart_from_the_exercises() -> None:
    """As the web's plan page: rest, shoes, taping and a splint under "Advice for now", the
    stretches and strength (done as sets and repetitions) under "Exercises"."""
    from footfix.services.runner_record import plan_groups

    content = report_for_case(CASES / "E01-pf-ankle-df-load-spike.yaml", made_on=DAY)
    html = render_html(content, charts=False)
    plan = html[html.index('<section id="plan">') :]
    plan = plan[: plan.index("</section>")]
    advice, exercises = plan.split('<h3 id="exercises">Exercises</h3>', 1)
    assert '<h3 id="advice">Advice for now</h3>' in advice
    item = re.compile(r'id="item-([a-z0-9_]+)"')
    shown_advice, shown_exercises = item.findall(advice), item.findall(exercises)
    assert {"relative_rest", "stiff_shoes"} <= set(shown_advice)
    assert {"heel_raise_toe_up", "plantar_fascia_calf_stretch"} <= set(shown_exercises)
    web = plan_groups(content.result.plan)
    assert set(shown_advice) == {c.id for g in web if g.advice for c in g.cards}
    assert set(shown_exercises) == {c.id for g in web if not g.advice for c in g.cards}
    assert "How much:" in exercises and "How much:" not in advice and "When:" in advice


def test_a_runner_without_an_assessment_is_a_clear_error(store: Store) -> None:
    from footfix.errors import FootfixError
    from footfix.services import tracking

    actor = local_actor(store)
    tracking.add_runner(store, actor, "bo")
    with pytest.raises(FootfixError, match="no saved assessment"):
        report_for_runner(store, actor, RunnerName("bo"))


def test_cli_writes_html_and_pdf_for_a_case_and_rejects_bad_options(tmp_path: Path) -> None:
    case = str(CASE_FILES[0])
    page = tmp_path / "r.html"
    code, output = run_cli("report", "--case", case, "--html", str(page))
    assert code == 0, output
    assert page.read_text().startswith("<!DOCTYPE html>") and page.stat().st_mode & 0o077 == 0
    code, output = run_cli("report", "--case", case, "--pdf", str(tmp_path / "r.pdf"))
    assert code == 0 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    for args, message in (
        (["--case", case], "--pdf FILE or --html FILE"),
        (["--case", case, "--html", "x", "--paper", "a5"], "use a4 or letter"),
        (["--html", "x"], "--runner NAME or --case"),
        (["--case", case, "--html", "x", "--notes", "hi"], "go with --clinician"),
    ):
        code, output = run_cli("report", *args)
        assert code == 2 and message in output, output
