"""A TestClient signed in as a runner (the browser dependency overridden, as in
test_runner_pages), handing the test the user too, so it can save an assessment for them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from footfix.services.sessions import SessionUser
from footfix.services.store_access import Store
from footfix.web.app import create_app
from footfix.web.deps import browser
from footfix.web.session_cookies import Browser
from footfix.web.settings import WebSettings
from tests.web.runner_account import runner_account


@dataclass
class SignedIn:
    client: TestClient
    user: SessionUser
    store: Store


@pytest.fixture
def signed_in(web_settings: WebSettings, web_store: Store) -> Iterator[SignedIn]:
    user = runner_account(web_store)
    app = create_app(web_settings, web_store)

    async def signed_in_browser() -> Browser:
        return Browser(nonce="n" * 32, user=user)

    app.dependency_overrides[browser] = signed_in_browser
    with TestClient(app) as kept:
        yield SignedIn(kept, user, web_store)
