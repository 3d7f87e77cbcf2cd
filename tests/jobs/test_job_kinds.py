"""The report and re-assessment job kinds, run by the same worker code on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from footfix.intake.load import load_case
from footfix.services import job_worker, jobs, tracking, uploads
from footfix.services.assessment import assess_case
from footfix.services.assessments import save_assessment
from footfix.services.identity import RunnerName, local_actor
from footfix.store.schema import assessments
from footfix.store.store import Store
from tests.paths import CASES, WATCH

DAY = dt.date(2026, 1, 5)


@pytest.fixture
def assessed(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("FOOTFIX_DATA_DIR", str(tmp_path / "data"))
    me = local_actor(store)
    runner = tracking.add_runner(store, me, "ann", start=DAY)
    case = load_case(CASES / "E01-pf-ankle-df-load-spike.yaml")
    save_assessment(store, me, RunnerName("ann"), case, assess_case(case))
    return runner.uid


def _assessment_count(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(assessments)).scalar_one())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler reads the PDF back")
def test_a_report_job_keeps_the_pdf_with_the_owner_s_uploads(
    store: Store, assessed: str, tmp_path: Path
) -> None:
    me = local_actor(store)
    job = jobs.submit(store, me, "report_pdf", {"runner_uid": assessed, "paper": "letter"})
    assert job_worker.drain(store) == 1
    done = jobs.status(store, me, job.uid)
    assert done.status == "done", done.error
    files = uploads.upload_store_from_env(tmp_path / "data", {})
    kept, data = uploads.open_upload(store, files, me, done.result["upload"])
    assert kept.filename == "footfix-report-ann-letter.pdf" and kept.size_bytes == len(data)
    assert kept.size_bytes > 10_000
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "does not diagnose" in text.lower() or "not a diagnosis" in text.lower()
    assert uploads.used_bytes(store, me) == kept.size_bytes  # counted in the quota


def test_a_report_job_with_a_bad_paper_is_parked_readably(store: Store, assessed: str) -> None:
    me = local_actor(store)
    job = jobs.submit(store, me, "report_pdf", {"runner_uid": assessed, "paper": "<b>A3</b>"})
    job_worker.drain(store)
    parked = jobs.status(store, me, job.uid)
    assert parked.status == "failed" and parked.attempts == 1
    assert "paper must be a4 or letter" in (parked.error or "")


def test_a_reassess_job_reads_new_watch_files_and_saves_once(
    store: Store, assessed: str, tmp_path: Path
) -> None:
    me = local_actor(store)
    files = uploads.upload_store_from_env(tmp_path / "data", {})
    gpx = sorted((WATCH / "gpx").glob("*.gpx"))[:3]
    hashes = [uploads.save(store, files, me, p.read_bytes(), p.name).sha256 for p in gpx]
    before = _assessment_count(store)
    job = jobs.submit(store, me, "reassess", {"runner_uid": assessed, "uploads": hashes})
    job_worker.drain(store)
    done = jobs.status(store, me, job.uid)
    assert done.status == "done", done.error
    assert done.result["phase"] and done.result["top_tissue"]
    assert any("watch" in note.lower() or "run" in note.lower() for note in done.result["notes"])
    assert _assessment_count(store) == before + int(done.result["saved"])
    # the same evidence again (a retried job): nothing new to save
    again = jobs.submit(store, me, "reassess", {"runner_uid": assessed, "uploads": hashes, "n": 2})
    job_worker.drain(store)
    repeat = jobs.status(store, me, again.uid)
    assert repeat.status == "done" and repeat.result["saved"] is False
    assert _assessment_count(store) == before + int(done.result["saved"])


def test_a_reassess_job_without_an_assessment_says_so(store: Store) -> None:
    me = local_actor(store)
    runner = tracking.add_runner(store, me, "bo", start=DAY)
    job = jobs.submit(store, me, "reassess", {"runner_uid": runner.uid})
    job_worker.drain(store)
    parked = jobs.status(store, me, job.uid)
    assert parked.status == "failed" and "no saved assessment" in (parked.error or "")
