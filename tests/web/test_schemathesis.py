"""schemathesis against the app's own OpenAPI schema (a short, bounded run): whatever it sends,
no 5xx, and every answer matches the schema it documents. A second run sends to the upload and
job endpoints while a real `footfix worker` takes the jobs from RabbitMQ, on the same database,
so job answers are checked as they go from waiting through running to done or failed."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from footfix.services.store_access import Store
from footfix.web.app import create_app
from footfix.web.settings import WebSettings
from tests.jobs.worker_faults import broker_queue, start_worker, stop_worker, wait_done, worker_env
from tests.paths import VIDEO, WATCH
from tests.web.helpers import api_token, bearer, first_runner_uid, sign_up

# The app is built here, with its own store, because schemathesis reads the schema at
# collection (through the app, starting and stopping it); the fixture below migrates the
# database and removes it after the run.
FOLDER = Path(tempfile.gettempdir()) / f"footfix-schemathesis-{uuid.uuid4().hex[:8]}"
SETTINGS = WebSettings(
    database_url=f"sqlite+pysqlite:///{FOLDER / 'db.sqlite3'}",
    data_dir=FOLDER,
    secret_key=secrets.token_urlsafe(40),  # type: ignore[arg-type]
)
STORE = Store(SETTINGS.store_settings())
APP = create_app(SETTINGS, STORE)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)
TOKEN: dict[str, str] = {}
SEEDED: dict[str, list[str]] = {}  # the fuzz account's runner and the jobs made for the worker
SEEN: list[str] = []  # the job statuses the fuzzed job requests were answered with


@pytest.fixture(scope="module", autouse=True)
def running_app() -> Iterator[None]:
    try:
        STORE.upgrade()
        with TestClient(APP) as client:
            sign_up(client, "fuzz@example.com", name="Fuzz")
            TOKEN["value"] = api_token(client)
            yield
    finally:
        STORE.close()
        shutil.rmtree(FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_own_schema(case: schemathesis.Case) -> None:
    # every check but "schema-valid data is accepted": a case or a time zone can fit the schema's
    # types and still be refused for what it says (an unknown zone, a case without a patient)
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN['value']}"},
        excluded_checks=[positive_data_acceptance],
    )


@pytest.fixture(scope="module")
def worker_running() -> Iterator[None]:
    """A real `footfix worker` on this database, fed by RabbitMQ, and real jobs for it: two
    watch imports and a stride video cut short (its moov box is missing, so it fails)."""
    with broker_queue("rabbitmq"), TestClient(APP) as client:
        runner = first_runner_uid(client, TOKEN["value"])
        sent = [
            ("run.fit", (WATCH / "fit" / "garmin-fenix-5-run.fit").read_bytes()),
            ("ride.gpx", (WATCH / "gpx" / "gpxpy_around-visnjan-with-car.gpx").read_bytes()),
            ("cut.mp4", (VIDEO / "male_side.mp4").read_bytes()[:65536]),
        ]
        made = []
        for name, data in sent:
            answer = client.post(
                f"/api/v1/runners/{runner}/uploads",
                files=[("files", (name, data, "application/octet-stream"))],
                headers=bearer(TOKEN["value"]),
            )
            assert answer.status_code == 202, answer.text
            made += [job["id"] for job in answer.json()["jobs"]]
        SEEDED.update(runner=[runner], jobs=made)
        env = worker_env(str(SETTINGS.database_url), FOOTFIX_DATA_DIR=str(FOLDER))
        worker = start_worker(env)
        try:
            # the first import done before the fuzzing starts: finished jobs are answered too
            assert wait_done(STORE, made[:1], timeout_s=60) == ["done"]
            yield
        finally:
            stop_worker(worker)
        assert worker.returncode == 0, worker.stderr.read() if worker.stderr else ""


@schema.include(path_regex="/uploads$|/jobs/").parametrize()
@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_job_api_keeps_its_schema_while_a_worker_takes_jobs(
    case: schemathesis.Case, worker_running: None
) -> None:
    # the fuzz account's own runner and jobs (random ids are the run above's): real pickups
    if "runner_uid" in case.path_parameters:
        case.path_parameters["runner_uid"] = SEEDED["runner"][0]
    if "job_uid" in case.path_parameters:
        fuzzed = str(case.path_parameters["job_uid"])
        case.path_parameters["job_uid"] = SEEDED["jobs"][len(fuzzed) % len(SEEDED["jobs"])]
    answer = case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN['value']}"},
        excluded_checks=[positive_data_acceptance],
    )
    if "/jobs/" in case.path and answer.status_code == 200:
        SEEN.append(answer.json()["status"])


def test_the_worker_took_every_job(worker_running: None) -> None:
    fit, gpx, video = SEEDED["jobs"]
    assert wait_done(STORE, [fit, gpx, video], timeout_s=60) == ["done", "done", "failed"]
    assert "done" in SEEN, SEEN  # the fuzzed job requests reached the seeded jobs
