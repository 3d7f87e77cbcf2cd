"""The first page in a real browser at phone size: readable, accessible, no console errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_home_at_phone_size_is_accessible_and_fits(
    phone: Any, check_a11y: Callable[[Any], object], screenshot: Callable[[Any, str], Path]
) -> None:
    problems: list[str] = []
    phone.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    phone.on("pageerror", lambda err: problems.append(str(err)))
    phone.goto("/")
    assert phone.title() == "Home · footfix"
    check_a11y(phone)
    # nothing wider than the phone: no sideways scrolling
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert screenshot(phone, "home").stat().st_size > 1000
    assert problems == []  # the CSP lets every script and style of the page through
