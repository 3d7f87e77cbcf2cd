"""Sign up, sign out and sign in again in Debian's chromium at a phone viewport, each page
checked by axe-core and kept as a screenshot (test-artifacts/screens/)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

Check = Callable[[Any], object]
Shot = Callable[[Any, str], Path]


def test_sign_up_sign_out_sign_in_on_a_phone(
    phone: Any, check_a11y: Check, screenshot: Shot
) -> None:
    errors: list[str] = []
    phone.on("pageerror", lambda err: errors.append(str(err)))
    # a refused form answers 4xx on purpose; any other console error (a CSP block) counts
    phone.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )

    phone.goto("/")
    phone.get_by_role("link", name="Create an account").click()
    phone.wait_for_url("**/sign-up")
    check_a11y(phone)
    screenshot(phone, "1-sign-up")
    # a mistake first: the message shows next to its field and the typed values stay
    phone.get_by_label("Your name").fill("Ana")
    phone.get_by_label("E-mail address").fill("ana@example")
    phone.get_by_label("Password").fill("short")
    phone.get_by_role("button", name="Create account").click()
    expect(phone.locator("#e-email")).to_be_visible()
    expect(phone.locator("#e-password")).to_be_visible()
    expect(phone.get_by_label("Your name")).to_have_value("Ana")
    check_a11y(phone)
    screenshot(phone, "2-sign-up-mistakes")

    phone.get_by_label("E-mail address").fill("ana@example.com")
    phone.get_by_label("Password").fill("correct horse battery")
    phone.get_by_label("miles").check()
    phone.get_by_role("button", name="Create account").click()
    phone.wait_for_url("**/?done=signed-up")
    expect(phone.get_by_role("heading", name="Hello, Ana")).to_be_visible()
    expect(phone.get_by_role("status")).to_contain_text("Welcome")
    check_a11y(phone)
    screenshot(phone, "3-signed-in-home")

    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_url("**/?done=signed-out")
    expect(phone.get_by_role("link", name="Sign in").first).to_be_visible()
    screenshot(phone, "4-signed-out")

    phone.get_by_role("link", name="Sign in").first.click()
    phone.get_by_label("E-mail address").fill("ana@example.com")
    phone.get_by_label("Password").fill("wrong password here")
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_role("alert")).to_contain_text("not right")
    check_a11y(phone)
    screenshot(phone, "5-sign-in-refused")
    phone.get_by_label("Password").fill("correct horse battery")
    phone.get_by_role("button", name="Sign in").click()
    expect(phone.get_by_role("heading", name="Hello, Ana")).to_be_visible()

    phone.get_by_role("link", name="Account").click()
    expect(phone.get_by_role("heading", name="Your account", exact=True)).to_be_visible()
    check_a11y(phone)
    screenshot(phone, "6-account")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sideways
    assert errors == []
