"""Several web workers on one database, as real processes: a session made on one is good on
the other, sign-in failures counted on one limit the other, ``--workers 2`` sums its workers'
metrics, and the JSON log holds no health data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from tests.web.live_server import serving

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]{64})">')
NAME = "Quintessa Marlowe-Vey"
NOTE = "blister on the left little toe after the canal path"


def _token(client: httpx.Client, path: str) -> str:
    found = _TOKEN.search(client.get(path).text)
    assert found, path
    return found.group(1)


def _sign_up(client: httpx.Client, email: str, name: str = "Ana") -> None:
    answer = client.post(
        "/sign-up",
        data={
            "csrf_token": _token(client, "/sign-up"),
            "email": email,
            "password": PASSWORD,
            "display_name": name,
            "role": "runner",
            "units": "km",
            "timezone": "UTC",
        },
    )
    assert answer.status_code == 303, answer.text[-500:]


def _sign_in(client: httpx.Client, email: str, password: str) -> int:
    data = {"csrf_token": _token(client, "/sign-in"), "email": email, "password": password}
    return client.post("/sign-in", data=data).status_code


@pytest.mark.slow
def test_sessions_and_rate_limits_hold_across_two_worker_processes(
    db_url: str, tmp_path: Path
) -> None:
    with (
        serving(tmp_path / "a", db_url, FOOTFIX_SECRET_KEY="s" * 40) as one,
        serving(tmp_path / "b", db_url, FOOTFIX_SECRET_KEY="s" * 40) as two,
    ):
        with httpx.Client(base_url=one) as first:
            _sign_up(first, "ana@example.com")
            cookies = dict(first.cookies)
        with httpx.Client(base_url=two, cookies=cookies) as second:
            account = second.get("/account")  # the session made by the other process
            assert account.status_code == 200 and "ana@example.com" in account.text
        with httpx.Client(base_url=one) as a, httpx.Client(base_url=two) as b:
            for attempt in range(5):  # the default limit: 5 failures per address per window
                client = a if attempt % 2 else b
                assert _sign_in(client, "ana@example.com", "wrong password!") in (303, 400, 401)
            assert _sign_in(a, "ana@example.com", PASSWORD) == 429
            assert _sign_in(b, "ana@example.com", PASSWORD) == 429


@pytest.mark.slow
def test_two_uvicorn_workers_share_metrics_and_log_no_health_data(tmp_path: Path) -> None:
    multiproc = tmp_path / "metrics"
    multiproc.mkdir()
    data = tmp_path / "data"
    with serving(data, None, FOOTFIX_WORKERS="2", PROMETHEUS_MULTIPROC_DIR=str(multiproc)) as base:
        with httpx.Client(base_url=base) as client:
            _sign_up(client, "q@example.com", name=NAME)
            form = {
                "csrf_token": _token(client, "/log"),
                "first_step_pain_nrs": "7",
                "pain_during_nrs": "9",
                "walk_stand_tolerance_min": "23",
                "notes": NOTE,
            }
            assert client.post("/log", data=form).status_code == 303
            assert client.get("/dashboard").status_code == 200
        sent = 60
        for _ in range(sent):  # a new connection each: the kernel spreads them over the workers
            with httpx.Client(base_url=base) as fresh:
                assert fresh.get("/healthz").status_code == 200
        text = httpx.get(base + "/metrics").text
    counted = re.search(
        r'footfix_http_request_duration_seconds_count\{method="GET",route="/healthz",'
        r'status="200"\} ([\d.]+)',
        text,
    )
    assert counted and float(counted.group(1)) >= sent  # the serving helper's own checks add more
    assert len(list(multiproc.glob("histogram_*.db"))) == 2  # one file per worker, both served
    log = next(data.parent.glob("serve-*.log")).read_text()
    lines = [line for line in log.splitlines() if line.startswith("{")]
    assert any(json.loads(line).get("route") == "/log" for line in lines)
    for line in lines:
        record = json.loads(line)  # every line a JSON object
        assert set(record) <= {"time", "level", "logger", "message", "method", "route",
                               "status", "ms", "color_message"}  # fmt: skip
    for secret in (NAME, "Quintessa", NOTE, "canal", "q@example.com", "pain", "nrs"):
        assert secret not in log, secret
