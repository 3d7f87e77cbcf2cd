"""Uploads from the web page and the API, on SQLite and PostgreSQL: watch files become a
background job whose result (activities added) shows when the worker has run it; while no
worker runs, the pages and the API answer and show the job waiting; a file that is
neither a watch file nor a video, or a request past the size limit, stores nothing; another
runner's uploads and jobs answer 404."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footfix.services import job_worker, jobs, uploads
from footfix.services.identity import Actor
from footfix.services.store_access import Store
from footfix.web.app import create_app, is_upload_path
from footfix.web.settings import WebSettings
from tests.jobs.worker_faults import start_worker, stop_worker, wait_done, worker_env
from tests.paths import WATCH
from tests.web.conftest import make_settings
from tests.web.helpers import api_token, bearer, first_runner_uid, sign_up
from tests.web.signed_in_runner import SignedIn, signed_in
from tests.web.test_runner_pages import token

__all__ = ["signed_in"]
GPX = WATCH / "gpx" / "gpxpy_around-visnjan-with-car.gpx"
FIT = WATCH / "fit" / "garmin-fenix-5-run.fit"


@pytest.fixture(autouse=True)
def uploads_beside_the_data(web_settings: WebSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    # the job handlers find the uploads under FOOTFIX_DATA_DIR, as 'footfix serve' sets it
    monkeypatch.setenv("FOOTFIX_DATA_DIR", str(web_settings.data_folder()))


def _me(s: SignedIn) -> Actor:
    return Actor(s.user.user_id, s.user.uid, s.user.role, s.user.display_name)


def _post(s: SignedIn, *paths: Path, view: str = "") -> object:
    page = s.client.get("/uploads")
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths]
    return s.client.post("/uploads", data={"csrf_token": token(page.text), "view": view},
                         files=files)  # fmt: skip


def test_watch_files_upload_runs_as_a_job_and_shows_its_result(signed_in: SignedIn) -> None:
    answer = _post(signed_in, GPX, FIT)
    assert answer.status_code == 200 and "Uploaded:" in answer.text  # type: ignore[attr-defined]
    listed = jobs.list_jobs(signed_in.store, _me(signed_in))
    assert [(j.kind, j.status) for j in listed] == [("watch_import", "waiting")]
    waiting = signed_in.client.get("/uploads/status")
    assert 'data-poll="/uploads/status"' in waiting.text and "waiting to start" in waiting.text

    assert job_worker.drain(signed_in.store) == 1
    done = signed_in.client.get("/uploads/status")
    assert "data-poll" not in done.text  # nothing left to poll for
    assert "Watch files: done" in done.text
    # a run and a file of an unnamed sport (driven with a car), named as not counted
    assert (
        "2 activities added: 1 run, 1 activity of an unnamed sport (not counted as running)"
        in done.text
    )
    # the same bytes again: the job already there, nothing stored twice
    _post(signed_in, GPX, FIT)
    assert len(jobs.list_jobs(signed_in.store, _me(signed_in))) == 1


def test_a_whole_export_zip_is_imported(signed_in: SignedIn, tmp_path: Path) -> None:
    import zipfile

    export = tmp_path / "export_12345.zip"  # as Strava and Garmin hand a whole account over
    with zipfile.ZipFile(export, "w") as archive:
        archive.write(GPX, f"activities/{GPX.name}")
        archive.write(FIT, f"activities/{FIT.name}")
        archive.writestr("profile.csv", "Athlete Id,Email\n1,a@example.org\n")
    assert _post(signed_in, export).status_code == 200  # type: ignore[attr-defined]
    job_worker.drain(signed_in.store)
    (job,) = jobs.list_jobs(signed_in.store, _me(signed_in))
    assert job.status == "done" and job.result["imported"] == 2, job


def test_a_file_of_another_kind_stores_nothing(signed_in: SignedIn, tmp_path: Path) -> None:
    odd = tmp_path / "<b>notes.txt"
    odd.write_text("not a run", encoding="utf-8")
    refused = _post(signed_in, FIT, odd)
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "&lt;b&gt;notes.txt: not a watch file" in refused.text  # type: ignore[attr-defined]
    assert uploads.used_bytes(signed_in.store, _me(signed_in)) == 0  # not even the good file
    assert jobs.list_jobs(signed_in.store, _me(signed_in)) == []


def test_an_upload_past_the_size_limit_is_refused_before_it_is_stored(
    db_url: str, tmp_path: Path, web_store: Store
) -> None:
    settings = make_settings(db_url, tmp_path / "data", max_upload_mb=1)
    with TestClient(create_app(settings, web_store)) as client:
        sign_up(client, "big@example.com", name="Big")
        page = client.get("/uploads")
        big = ("files", ("big.fit", b"\0" * (1024**2 + 10), "application/octet-stream"))
        refused = client.post("/uploads", data={"csrf_token": token(page.text)}, files=[big])
        assert refused.status_code == 413
        assert not (settings.data_folder() / "uploads").exists()
    assert is_upload_path("/api/v1/runners/abc/uploads") and not is_upload_path("/log")


def test_an_api_upload_waits_for_a_worker_then_runs_and_stays_private(
    web_settings: WebSettings, web_store: Store
) -> None:
    """No worker runs at first (an app given its store runs none, as with a broker): the pages
    and the API answer and show the job waiting; a real `footfix worker` started later runs it."""
    with (
        TestClient(create_app(web_settings, web_store)) as ana,
        TestClient(create_app(web_settings, web_store)) as bo,
    ):
        sign_up(ana, "ana@example.com", name="Ana")
        sign_up(bo, "bo@example.com", name="Bo")
        ana_token, bo_token = api_token(ana), api_token(bo)
        runner = first_runner_uid(ana, ana_token)
        sent = [("files", (FIT.name, FIT.read_bytes(), "application/octet-stream"))]
        answer = ana.post(f"/api/v1/runners/{runner}/uploads", files=sent,
                          headers=bearer(ana_token))  # fmt: skip
        assert answer.status_code == 202, answer.text
        (job,) = answer.json()["jobs"]
        assert job["kind"] == "watch_import" and job["status"] == "waiting"
        for page in ("/dashboard", "/uploads", "/account", "/healthz"):
            assert ana.get(page).status_code == 200, page
        assert ana.get(f"/api/v1/runners/{runner}", headers=bearer(ana_token)).status_code == 200
        waiting = ana.get(f"/api/v1/jobs/{job['id']}", headers=bearer(ana_token))
        assert waiting.status_code == 200 and waiting.json()["status"] == "waiting"
        assert "Watch files: waiting to start" in ana.get("/uploads/status").text
        worker = start_worker(worker_env(str(web_settings.database_url)))
        try:
            assert wait_done(web_store, [job["id"]], timeout_s=60) == ["done"]
        finally:
            stop_worker(worker)
        status = ana.get(f"/api/v1/jobs/{job['id']}", headers=bearer(ana_token))
        assert status.status_code == 200
        assert status.json()["status"] == "done" and status.json()["result"]["imported"] == 1
        assert "Watch files: done" in ana.get("/uploads/status").text
        # another runner learns nothing: not the job, not the runner
        theirs = bo.get(f"/api/v1/jobs/{job['id']}", headers=bearer(bo_token))
        into = bo.post(f"/api/v1/runners/{runner}/uploads", files=sent, headers=bearer(bo_token))
        assert theirs.status_code == 404 and into.status_code == 404
        assert theirs.json()["error"]["kind"] == "not_found"
        assert bo.get("/uploads/status").text.count("<article") == 0
        no_token = ana.get(f"/api/v1/jobs/{job['id']}")
        assert no_token.status_code == 401
