"""The server's plumbing: security headers, static files, the manifest, error shapes, settings."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footfix.services.store_access import Store
from footfix.web.settings import WebSettings, stored_secret


def test_every_page_has_the_security_headers(sqlite_client: TestClient) -> None:
    for path in ("/", "/static/app.css", "/no-such-page", "/api/v1/no-such-thing"):
        headers = sqlite_client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"
    assert sqlite_client.get("/").headers["cache-control"] == "no-store"
    assert "no-store" not in sqlite_client.get("/static/app.css").headers.get("cache-control", "")


def test_pages_link_the_manifest_and_it_is_served(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/").text
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in page
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    manifest = sqlite_client.get("/static/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    icons = {icon["src"] for icon in manifest.json()["icons"]}
    for src in icons:
        assert sqlite_client.get(src).status_code == 200, src
    assert "/static/icon-192.png" in icons and "/static/icon-512.png" in icons


def test_no_inline_script_in_the_base_page(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/").text
    assert "<script>" not in page and "onclick" not in page and "style=" not in page


def test_api_errors_have_one_shape(sqlite_client: TestClient) -> None:
    answer = sqlite_client.get("/api/v1/no-such-thing")
    assert answer.status_code == 404
    assert answer.json() == {"error": {"kind": "not_found", "message": "not found", "details": []}}


def test_a_body_past_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from footfix.web.app import create_app

    settings = WebSettings(
        database_url=f"sqlite+pysqlite:///{tmp_path / 'db.sqlite3'}",
        data_dir=tmp_path,
        max_request_kb=16,
    )
    with TestClient(create_app(settings)) as client:
        answer = client.post("/", content=b"x" * (17 * 1024))
    assert answer.status_code == 413
    assert answer.json()["error"]["kind"] == "too_large"


def test_the_generated_secret_is_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "web-secret"
    first = stored_secret(path)
    assert stored_secret(path) == first and len(first) >= 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_settings_come_from_footfix_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOOTFIX_PORT", "8123")
    monkeypatch.setenv("FOOTFIX_SESSION_DAYS", "3")
    monkeypatch.setenv("FOOTFIX_DATABASE_URL", "sqlite+pysqlite:////tmp/x.sqlite3")
    settings = WebSettings()
    assert settings.port == 8123 and settings.session_days == 3
    assert settings.store_settings().database_url == "sqlite+pysqlite:////tmp/x.sqlite3"
    monkeypatch.setenv("FOOTFIX_PORT", "not a port")
    with pytest.raises(ValueError):
        WebSettings()


def test_a_short_configured_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        WebSettings(secret_key="short").secret()  # type: ignore[arg-type]


def test_a_bug_is_a_500_with_no_detail_and_the_log_keeps_no_message(
    sqlite_settings: WebSettings, caplog: pytest.LogCaptureFixture
) -> None:
    from footfix.web.app import create_app

    app = create_app(sqlite_settings)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("heel pain 7/10 for ana@example.com")

    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/api/v1/boom")
    assert answer.status_code == 500
    assert answer.json()["error"]["kind"] == "internal"
    assert "heel" not in answer.text and "ana@" not in answer.text
    assert "RuntimeError" in caplog.text and "heel" not in caplog.text


def test_a_wrong_method_names_the_allowed_ones(web_settings: WebSettings, web_store: Store) -> None:
    """405 answers carry the methods the path does serve (RFC 9110), for API and page routes
    alike, routes of included routers among them."""
    from footfix.web.app import create_app

    with TestClient(create_app(web_settings, web_store)) as client:
        api = client.delete("/api/v1/me")
        assert api.status_code == 405 and api.headers["allow"] == "GET"
        page = client.put("/sign-in")
        assert page.status_code == 405
        assert set(page.headers["allow"].split(", ")) == {"GET", "POST"}
