"""The main navigation in Debian's chromium on the narrowest and widest common phones (360 and
414 px): a signed-in runner's links, Uploads among them, all show without sideways scrolling,
each is a touch-sized target and the header keeps to two rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.web.helpers import PASSWORD

pytestmark = pytest.mark.browser

RUNNER_LINKS = ["Home", "This week", "Log", "Plan", "Uploads", "Account"]


@pytest.mark.parametrize("width", [360, 414])
def test_runner_nav_fits_a_phone(
    chromium: Any,
    live_server: str,
    width: int,
    check_a11y: Callable[[Any], object],
    screenshot: Callable[[Any, str], Path],
) -> None:
    context = chromium.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=2, is_mobile=True,
        has_touch=True, base_url=live_server,
    )  # fmt: skip
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/sign-up")
        page.get_by_label("Your name").fill("Ana")
        page.get_by_label("E-mail address").fill("ana@example.com")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url("**/?done=signed-up")
        nav = page.get_by_role("navigation", name="Main")
        names = [t.strip() for t in nav.locator("a").all_inner_texts()]
        assert names == RUNNER_LINKS
        for name in [*RUNNER_LINKS, "Sign out"]:
            box = nav.get_by_role(
                "button" if name == "Sign out" else "link", name=name
            ).bounding_box()
            assert box is not None and box["height"] >= 44, name
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
        rows = page.evaluate(
            """() => new Set([...document.querySelectorAll('nav[aria-label=Main] a, nav button')]
                   .map(el => Math.round(el.getBoundingClientRect().top))).size"""
        )
        assert rows <= 2
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        check_a11y(page)
        screenshot(page, f"nav-{width}")
        with page.expect_navigation():
            nav.get_by_role("link", name="Uploads").click()
        assert page.get_by_role("heading", name="Add runs and videos").count() == 1
    finally:
        context.close()
