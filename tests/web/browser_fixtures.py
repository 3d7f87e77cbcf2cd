"""Browser fixtures: Debian's chromium driven by Playwright at a phone viewport.

Playwright is used only with ``executable_path=/usr/bin/chromium`` (``.ci/run`` installs the
Debian package); it never downloads a browser. Without chromium the browser tests skip, except
in CI (``CI=true``), where they fail.

- ``live_server``: base URL of a real ``footfix serve`` on a free port, on a fresh SQLite file
  under ``tmp_path`` (one server per test).
- ``phone``: a new page at 390×844 (a phone), touch and mobile on; closed after the test.
- ``check_a11y(page)``: runs the vendored axe-core on the page and fails on any serious or
  critical violation (listing rule, impact and the elements).
- ``screenshot(page, name)``: a full-page PNG under ``test-artifacts/screens/TEST/NAME.png``
  (git-ignored), kept after the run as the test's artefact.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live_server import serving

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
PHONE = {"width": 390, "height": 844}


def _need_chromium() -> None:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    with serving(tmp_path / "data") as base:
        yield base


@pytest.fixture
def phone(chromium: Any, live_server: str) -> Iterator[Any]:
    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, base_url=live_server
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def check_a11y() -> Callable[[Any], list[dict[str, Any]]]:
    script = AXE.read_text(encoding="utf-8")

    def run(page: Any) -> list[dict[str, Any]]:
        page.evaluate(script)  # through the devtools protocol: the page's CSP stays in force
        found = page.evaluate("async () => (await axe.run(document)).violations")
        bad = [v for v in found if v.get("impact") in ("serious", "critical")]
        summary = [
            {"rule": v["id"], "impact": v["impact"], "nodes": [n["html"][:160] for n in v["nodes"]]}
            for v in bad
        ]
        assert not bad, f"axe on {page.url}: " + json.dumps(summary, indent=1)
        return list(found)

    return run


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Any, str], Path]:
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)

    def take(page: Any, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
