"""Operations endpoints on a real database: liveness, readiness, Prometheus metrics, the pool
settings, and the chart cache (same data → the cached bytes; new data → a new drawing)."""

from __future__ import annotations

import re
import socket

import pytest
from fastapi.testclient import TestClient

from footfix.services.identity import Actor
from footfix.services.jobs import submit
from footfix.services.readiness import BROKER_URL_ENV, readiness
from footfix.services.settings import POOL_OVERFLOW_ENV, POOL_SIZE_ENV, load_settings
from footfix.services.store_access import Store
from footfix.store.settings import Settings
from footfix.store.store import Store as RawStore
from footfix.web import chart_cache
from tests.web.helpers import assessed, csrf_token, sign_up


def test_liveness_and_readiness_on_a_migrated_database(client: TestClient) -> None:
    assert client.get("/healthz").text == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"database": "ok"}}


def test_readiness_names_an_unreachable_broker_and_answers_503(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setenv(BROKER_URL_ENV, f"amqp://guest:secret@127.0.0.1:{closed}//")
    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["checks"]["broker"].startswith("not reachable")
    assert "secret" not in answer.text  # the URL's password is never repeated


def test_readiness_with_the_real_local_brokers(web_store: Store) -> None:
    for url in ("redis://127.0.0.1:6379/0", "amqp://guest:guest@127.0.0.1:5672//"):
        assert readiness(web_store, {BROKER_URL_ENV: url})["broker"] == "ok", url


def test_readiness_of_an_unmigrated_and_an_unreachable_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = RawStore(Settings(database_url=f"sqlite+pysqlite:///{tmp_path / 'empty.sqlite3'}"))
    try:
        assert "footfix db upgrade" in readiness(empty, {})["database"]
    finally:
        empty.close()
    gone = RawStore(Settings(database_url="postgresql+psycopg://postgres@127.0.0.1:1/none"))
    try:
        assert readiness(gone, {})["database"].startswith("not reachable")
    finally:
        gone.close()


def test_metrics_count_requests_by_route_template_and_jobs_from_the_table(
    client: TestClient, web_store: Store
) -> None:
    sign_up(client, "mo@example.com", name="Mo")
    for _ in range(3):
        assert client.get("/dashboard").status_code == 200
    user_id = _user_id(client)
    submit(web_store, Actor(user_id, "u", "runner", "Mo"), "export", {"runner": "x"}, key="k1")
    text = client.get("/metrics").text
    found = re.search(
        r'footfix_http_request_duration_seconds_count\{method="GET",route="/dashboard",'
        r'status="200"\} (\d+)',
        text,
    )
    assert found and int(found.group(1)) >= 3
    assert 'footfix_jobs{kind="export",status="waiting"} 1.0' in text
    assert re.search(r"^footfix_job_queue_depth [1-9]", text, re.M)
    assert "Mo" not in text and "mo@example.com" not in text


def test_unmatched_paths_share_one_label(client: TestClient) -> None:
    client.get("/no/such/page/12345")
    text = client.get("/metrics").text
    assert 'route="unmatched"' in text
    assert "12345" not in text  # a path never becomes a label


def test_pool_size_comes_from_the_environment_and_is_bounded() -> None:
    settings = load_settings({POOL_SIZE_ENV: "12", POOL_OVERFLOW_ENV: "0"})
    assert (settings.pool_size, settings.pool_max_overflow) == (12, 0)
    store = RawStore(settings)
    try:
        assert store.engine.pool.size() == 12  # type: ignore[attr-defined]
    finally:
        store.close()
    from footfix.services.errors import ServiceError

    with pytest.raises(ServiceError, match=POOL_SIZE_ENV):
        load_settings({POOL_SIZE_ENV: "0"})


def test_the_dashboard_chart_is_drawn_once_per_data(client: TestClient) -> None:
    chart_cache.clear()  # the same data drawn by another test would be a hit
    sign_up(client, "li@example.com", name="Li")
    assessed(client)
    day = {"first_step_pain_nrs": "3", "walk_stand_tolerance_min": "30"}
    saved = client.post("/log", data=day | {"csrf_token": csrf_token(client, "/log")})
    assert saved.status_code == 200
    first = client.get("/dashboard").text
    _hits, misses, _size = chart_cache.cache_info()
    again = client.get("/dashboard").text
    hits_after, misses_after, _ = chart_cache.cache_info()
    assert misses_after == misses and hits_after >= 1  # the second view drew nothing
    assert _svg(first) == _svg(again)
    more = {"first_step_pain_nrs": "6", "correct": "1"}
    client.post("/log", data=day | more | {"csrf_token": csrf_token(client, "/log")})
    client.get("/dashboard")
    assert chart_cache.cache_info()[1] == misses_after + 1  # new data: drawn again


def _svg(page: str) -> str:
    found = re.search(r"<svg.*?</svg>", page, re.S)
    assert found, "no chart on the dashboard"
    return found.group(0)


def _user_id(client: TestClient) -> int:
    store: Store = client.app.state.footfix.store  # type: ignore[attr-defined]
    from sqlalchemy import select

    from footfix.store.schema import users

    with store.read() as conn:
        return int(
            conn.execute(select(users.c.id).where(users.c.email == "mo@example.com")).scalar_one()
        )
