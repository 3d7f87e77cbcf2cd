"""The report shows each outcome measure over time with its MCID and whether the change counts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from footfix.reports.render import render_html, render_pdf
from footfix.services.identity import RunnerName
from footfix.services.outcomes import record_outcomes
from footfix.services.report import report_for_runner
from footfix.store.store import Store
from tests.reports.tracked import DAYS, make_tracked_runner

ACTIVITIES = ("stairs", "run 5 km", "stand at work")


def _record(store: Store, actor, day: dt.date, psfs: float, sane: float) -> None:  # type: ignore[no-untyped-def]
    batches = [("psfs", [(a, psfs) for a in ACTIVITIES]), ("sane", [("overall", sane)])]
    record_outcomes(store, actor, RunnerName("ana"), batches, day=day)


def test_psfs_and_sane_over_time_with_mcid_and_meaning(store: Store, tmp_path: Path) -> None:
    actor = make_tracked_runner(store, "ana")
    today = dt.date.today()
    start = today - dt.timedelta(days=DAYS)
    _record(store, actor, start, psfs=2, sane=40)
    _record(store, actor, start + dt.timedelta(days=14), psfs=3, sane=45)
    _record(store, actor, today, psfs=5, sane=50)  # PSFS +3 (MCID 2) counts; SANE +10 (15) not
    content = report_for_runner(store, actor, RunnerName("ana"))
    rows = {o.abbreviation: o for o in content.outcome_rows}
    assert [p[1] for p in rows["PSFS"].points] == [2.0, 3.0, 5.0]
    assert rows["PSFS"].meaningful == "yes: improved" and rows["PSFS"].mcid == 2
    assert rows["SANE"].meaningful == "no: within the MCID" and rows["SANE"].mcid == 15
    assert rows["NRS"].points == ()  # daily pain: its change only, the days are in the chart
    assert rows["NRS"].meaningful == "yes: improved"  # the tracked runner's pain fell 5 → 0
    assert all(p[2] for p in rows["PSFS"].points)  # each record names its phase
    html = render_html(content)
    section = html[
        html.index('<section id="outcomes">') : html.index('<footer class="disclaimer">')
    ]
    for text in ("MCID 2 points", "MCID 15 points", "Meaningful change: yes: improved."):
        assert text in section
    assert "Meaningful change: no: within the MCID." in section
    assert section.count("<tr><td>") == 6  # three PSFS and three SANE records
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(content))
    run = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    text = " ".join(run.stdout.decode().split())
    assert "Outcome measures" in text and "Patient-Specific Functional Scale (PSFS)" in text
    assert "Meaningful change: yes: improved." in text and "MCID 15 points" in text


def test_no_outcome_recorded_leaves_the_section_out_but_pain_shows(store: Store) -> None:
    actor = make_tracked_runner(store, "ana")
    content = report_for_runner(store, actor, RunnerName("ana"))
    assert [o.abbreviation for o in content.outcome_rows] == ["NRS"]
    assert '<section id="outcomes">' in render_html(content)
