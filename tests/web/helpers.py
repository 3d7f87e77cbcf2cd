"""Going through the real forms, as a browser would."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

_TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]{64})">')


def csrf_token(client: TestClient, path: str = "/") -> str:
    page = client.get(path)
    found = _TOKEN.search(page.text)
    assert found, f"no CSRF token on {path} ({page.status_code})"
    return found.group(1)


PASSWORD = "correct horse battery"


def sign_up(
    client: TestClient,
    email: str = "ana@example.com",
    *,
    name: str = "Ana",
    role: str = "runner",
    password: str = PASSWORD,
    timezone: str = "UTC",
) -> None:
    """Create an account through the form; the client is then signed in."""
    answer = client.post(
        "/sign-up",
        data={
            "csrf_token": csrf_token(client, "/sign-up"),
            "email": email,
            "password": password,
            "display_name": name,
            "role": role,
            "units": "km",
            "timezone": timezone,
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[-800:]


def sign_in(client: TestClient, email: str, password: str = PASSWORD, **extra: str) -> int:
    answer = client.post(
        "/sign-in",
        data={"csrf_token": csrf_token(client, "/sign-in"), "email": email, "password": password}
        | extra,
        follow_redirects=False,
    )
    return answer.status_code


def sign_out(client: TestClient) -> None:
    answer = client.post(
        "/sign-out", data={"csrf_token": csrf_token(client)}, follow_redirects=False
    )
    assert answer.status_code == 303


def api_token(client: TestClient, name: str = "tests") -> str:
    """A personal access token made on the account page (the client must be signed in)."""
    answer = client.post(
        "/account/tokens", data={"csrf_token": csrf_token(client, "/account"), "name": name}
    )
    assert answer.status_code == 200, answer.text[-500:]
    found = re.search(r'id="new-token">(ffx_[A-Za-z0-9_-]+)<', answer.text)
    assert found, "the new token is shown once on the account page"
    return found.group(1)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def first_runner_uid(client: TestClient, token: str) -> str:
    answer = client.get("/api/v1/runners", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return str(answer.json()["items"][0]["uid"])


def assessed(client: TestClient, case: str = "E01-pf-ankle-df-load-spike") -> str:
    """Save an assessment of a shared example case for the signed-in runner (the dashboard
    follows one); the runner's uid."""
    from tests.paths import CASES

    token = api_token(client, "assessment")
    uid = first_runner_uid(client, token)
    answer = client.post(
        f"/api/v1/runners/{uid}/assessments",
        content=(CASES / f"{case}.yaml").read_bytes(),
        headers=bearer(token) | {"Content-Type": "application/yaml"},
    )
    assert answer.status_code in (200, 201), answer.text[-500:]
    return uid
