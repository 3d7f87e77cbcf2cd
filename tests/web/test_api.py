"""The REST API on a real database: tokens, runners, assessment equal to the CLI's, plan, logs,
progress, export, pagination and one error shape; bad input is a 4xx, never a 500."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from footfix.cli.app import app as cli_app
from tests.paths import CASES
from tests.web.helpers import api_token, bearer, csrf_token, first_runner_uid, sign_up

EXAMPLES = sorted(CASES.glob("*.yaml"))


@pytest.fixture
def token(client: TestClient) -> str:
    sign_up(client, "ana@example.com", name="Ana")
    return api_token(client)


def test_no_token_or_a_bad_one_is_401_with_the_error_shape(client: TestClient) -> None:
    for headers in ({}, bearer("ffx_not-a-token"), {"Authorization": "Basic abc"}):
        answer = client.get("/api/v1/runners", headers=headers)
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == "Bearer"
        assert set(answer.json()["error"]) == {"kind", "message", "details"}
        assert answer.json()["error"]["kind"] == "unauthorized"


def test_a_session_cookie_is_not_accepted_by_the_api(client: TestClient) -> None:
    sign_up(client)
    assert client.get("/api/v1/me").status_code == 401  # no CSRF surface in the API


def test_tokens_are_made_listed_and_revoked(client: TestClient, token: str) -> None:
    me = client.get("/api/v1/me", headers=bearer(token)).json()
    assert me["email"] == "ana@example.com" and me["role"] == "runner"
    made = client.post("/api/v1/tokens", headers=bearer(token), json={"name": "second"})
    assert made.status_code == 201
    second = made.json()["token"]
    listed = client.get("/api/v1/tokens", headers=bearer(second)).json()
    assert [t["name"] for t in listed["items"]] == ["second", "tests"]
    assert all(second not in json.dumps(t) for t in listed["items"])  # never shown again
    uid = made.json()["details"]["uid"]
    assert client.delete(f"/api/v1/tokens/{uid}", headers=bearer(token)).status_code == 204
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 401
    assert client.delete(f"/api/v1/tokens/{uid}", headers=bearer(token)).status_code == 404


def _cli_json(path: Path) -> object:
    result = CliRunner().invoke(cli_app, ["assess", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_api_assessment_equals_the_cli(sqlite_client: TestClient, path: Path) -> None:
    sign_up(sqlite_client)
    token = api_token(sqlite_client)
    expected = _cli_json(path)
    as_yaml = sqlite_client.post(
        "/api/v1/assess",
        content=path.read_bytes(),
        headers=bearer(token) | {"Content-Type": "application/yaml"},
    )
    assert as_yaml.status_code == 200, as_yaml.text
    assert as_yaml.json() == expected
    as_json = sqlite_client.post(
        "/api/v1/assess",
        content=json.dumps(yaml.safe_load(path.read_text())),
        headers=bearer(token) | {"Content-Type": "application/json"},
    )
    assert as_json.json() == expected


def test_saved_assessment_plan_logs_progress_and_export(client: TestClient, token: str) -> None:
    uid = first_runner_uid(client, token)
    case = EXAMPLES[0].read_bytes()
    saved = client.post(
        f"/api/v1/runners/{uid}/assessments",
        content=case,
        headers=bearer(token) | {"Content-Type": "application/yaml"},
    )
    assert saved.status_code == 201, saved.text
    stored = client.get(saved.headers["location"], headers=bearer(token))
    assert stored.json() == saved.json()
    listed = client.get(f"/api/v1/runners/{uid}/assessments", headers=bearer(token)).json()
    assert listed["total"] == 1 and listed["items"][0]["phase"] == saved.json()["phase"]
    plan = client.get(f"/api/v1/runners/{uid}/plan", headers=bearer(token)).json()
    assert plan["phase"] == saved.json()["phase"]
    assert [i["id"] for i in plan["items"]] == [i["id"] for i in saved.json()["plan"]]
    for day, pain in (("2026-11-20", 4), ("2026-11-21", 3), ("2026-11-22", 3)):
        logged = client.post(
            f"/api/v1/runners/{uid}/logs",
            headers=bearer(token),
            json={"day": day, "first_step_pain_nrs": pain, "walk_stand_tolerance_min": 30},
        )
        assert logged.status_code == 201, logged.text
        assert logged.json()["revision"] == 1
    again = client.post(
        f"/api/v1/runners/{uid}/logs",
        headers=bearer(token),
        json={"day": "2026-11-22", "first_step_pain_nrs": 2},
    )
    assert again.status_code == 409  # a day logged twice is a correction, asked for as such
    corrected = client.post(
        f"/api/v1/runners/{uid}/logs?correct=true",
        headers=bearer(token),
        json={"day": "2026-11-22", "first_step_pain_nrs": 2, "correction_reason": "typo"},
    )
    assert corrected.json()["revision"] == 2
    page = client.get(f"/api/v1/runners/{uid}/logs?limit=2", headers=bearer(token)).json()
    assert page["total"] == 3 and page["next_offset"] == 2
    assert [d["day"] for d in page["items"]] == ["2026-11-22", "2026-11-21"]
    assert page["items"][0]["first_step_pain_nrs"] == 2
    rest = client.get(f"/api/v1/runners/{uid}/logs?offset=2&limit=2", headers=bearer(token))
    assert rest.json()["next_offset"] is None and len(rest.json()["items"]) == 1
    progress = client.get(f"/api/v1/runners/{uid}/progress", headers=bearer(token))
    assert progress.status_code == 200 and progress.json()["runner"] == "Ana"
    assert "next_gate" in progress.json()
    export = client.get(f"/api/v1/runners/{uid}/export", headers=bearer(token))
    assert export.status_code == 200 and len(export.json()["day_logs"]) == 4  # with the history


@pytest.mark.parametrize(
    ("body", "kind", "status"),
    [
        (b"{not json", "application/json", 422),
        (b"patient: [", "application/yaml", 422),
        (b"\xff\xfe", "application/json", 422),
        (b"[]", "application/json", 422),
        (b'{"case_format": 1, "case_format": 1}', "application/json", 422),
        (b"{}", "text/plain", 422),
        (b'{"case_format": 2}', "application/json", 422),
    ],
)
def test_bad_case_documents_are_4xx_with_the_reason(
    sqlite_client: TestClient, body: bytes, kind: str, status: int
) -> None:
    sign_up(sqlite_client)
    token = api_token(sqlite_client)
    answer = sqlite_client.post(
        "/api/v1/assess", content=body, headers=bearer(token) | {"Content-Type": kind}
    )
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"first_step_pain_nrs": 11},
        {"day": "not a day"},
        {"day": "2999-01-01", "first_step_pain_nrs": 1},
        {"runs": [{"distance": -1}]},
        {"unknown_field": 1},
        {"correction_reason": 5},
    ],
)
def test_bad_log_entries_are_422_and_nothing_is_saved(
    sqlite_client: TestClient, body: dict[str, object]
) -> None:
    sign_up(sqlite_client)
    token = api_token(sqlite_client)
    uid = first_runner_uid(sqlite_client, token)
    answer = sqlite_client.post(f"/api/v1/runners/{uid}/logs", headers=bearer(token), json=body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["kind"] == "invalid_input"
    logs = sqlite_client.get(f"/api/v1/runners/{uid}/logs", headers=bearer(token)).json()
    assert logs["total"] == 0


def test_pagination_parameters_are_checked(sqlite_client: TestClient) -> None:
    sign_up(sqlite_client)
    token = api_token(sqlite_client)
    for query in ("limit=0", "limit=501", "offset=-1", "limit=abc"):
        answer = sqlite_client.get(f"/api/v1/runners?{query}", headers=bearer(token))
        assert answer.status_code == 422, query
        assert answer.json()["error"]["details"]


def test_the_openapi_schema_describes_the_api(sqlite_client: TestClient) -> None:
    schema = sqlite_client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for path in (
        "/api/v1/runners",
        "/api/v1/assess",
        "/api/v1/runners/{runner_uid}/assessments",
        "/api/v1/runners/{runner_uid}/plan",
        "/api/v1/runners/{runner_uid}/logs",
        "/api/v1/runners/{runner_uid}/progress",
        "/api/v1/runners/{runner_uid}/export",
        "/api/v1/tokens",
    ):
        assert path in paths, path
    assert not any(p.startswith("/sign") or p == "/" for p in paths)  # pages are not the API
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_the_account_page_downloads_the_runners_data(client: TestClient, token: str) -> None:
    uid = first_runner_uid(client, token)
    page = client.get("/account")
    assert f"/account/export/{uid}" in page.text
    download = client.get(f"/account/export/{uid}")
    assert download.status_code == 200
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.json()["runner"]["name"] == "Ana"
    assert csrf_token(client)  # still signed in, still a page with a form token
