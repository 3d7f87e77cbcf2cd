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
