"""schemathesis against the app's own OpenAPI schema (a short, bounded run): whatever it sends,
no 5xx, and every answer matches the schema it documents."""

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
from tests.web.helpers import api_token, sign_up

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
