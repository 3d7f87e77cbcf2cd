"""A runner and their physiotherapist in Debian's chromium at phone size: the runner signs up and
makes an invitation code; the clinician signs up, accepts it, sees the patient, enters exam
findings (a wrong value first: its message shows next to the field), re-assesses, enters them
again with a squat fault ticked and a muscle graded, and compares the two assessments. axe-core
finds no serious or critical problem on any page; screenshots are kept under
test-artifacts/screens/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.browser_fixtures import PHONE

pytestmark = pytest.mark.browser

Check = Callable[[Any], object]
Shot = Callable[[Any, str], Path]
PASSWORD = "correct horse battery"


def _sign_up(page: Any, name: str, email: str, clinician: bool = False) -> None:
    page.goto("/sign-up")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    if clinician:
        page.get_by_label("a physiotherapist or coach").check()
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/?done=signed-up")


def _field(page: Any, name: str) -> Any:
    return page.locator(f'[name="{name}"]')


def _watch_errors(page: Any, errors: list[str]) -> None:
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )


def test_a_clinician_accepts_examines_reassesses_and_compares(
    phone: Any, chromium: Any, live_server: str, check_a11y: Check, screenshot: Shot
) -> None:
    errors: list[str] = []
    _watch_errors(phone, errors)
    _sign_up(phone, "Ana", "ana@example.com")
    phone.goto("/account")
    phone.get_by_role("button", name="Make an invitation code").click()
    code = phone.locator("#invitation-code").inner_text().strip()
    assert len(code) == 14
    check_a11y(phone)
    screenshot(phone, "1-runner-invitation")

    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, base_url=live_server
    )
    context.set_default_timeout(15_000)
    doc = context.new_page()
    _watch_errors(doc, errors)
    try:
        _sign_up(doc, "Dr Dan", "dan@example.com", clinician=True)
        doc.get_by_role("link", name="Patients").first.click()
        doc.get_by_label("Invitation code").fill(code.lower())  # typed from paper: any case
        doc.get_by_role("button", name="Add patient").click()
        doc.wait_for_url("**/patients?done=share-accepted")
        row = doc.locator("table.patients tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Rehabilitation without running")
        check_a11y(doc)
        screenshot(doc, "2-patient-list")
        # at 390 px the table is a card per patient: no sideways scrolling, each cell labelled
        assert doc.viewport_size["width"] == 390
        assert doc.evaluate("document.documentElement.scrollWidth") <= 390
        assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
        labels = row.locator("td").evaluate_all(
            "tds => tds.map(td => getComputedStyle(td, '::before').content)"
        )
        assert labels == [
            f'"{name}"'
            for name in ("Patient", "Phase", "Last log", "Logged", "Exercises", "Flares")
        ]
        box = row.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390

        doc.get_by_role("link", name="Ana").click()
        expect(doc.get_by_role("heading", name="Ana")).to_be_visible()
        check_a11y(doc)
        screenshot(doc, "3-patient")
        doc.get_by_role("link", name="Enter exam findings").click()
        expect(doc.get_by_text("Knee-to-wall under 9 cm").first).to_be_visible()
        check_a11y(doc)
        screenshot(doc, "4-exam-form")

        _field(doc, "exam.knee_to_wall_cm.left").fill("99")
        doc.get_by_role("button", name="Save and re-assess").click()
        message = doc.locator('[id="e-exam.knee_to_wall_cm.left"]')
        expect(message).to_have_text("Must be between -5 and 25 cm.")
        expect(_field(doc, "exam.knee_to_wall_cm.left")).to_have_attribute("aria-invalid", "true")
        check_a11y(doc)
        screenshot(doc, "5-exam-refused")

        _field(doc, "exam.knee_to_wall_cm.left").fill("5")
        _field(doc, "exam.knee_to_wall_cm.right").fill("12")
        _field(doc, "exam.windlass.left").select_option("positive")
        doc.get_by_role("button", name="Save and re-assess").click()
        doc.wait_for_url("**/patients/*?done=reassessed")
        expect(doc.get_by_text("Dr Dan (clinician)")).to_have_count(1)
        check_a11y(doc)
        screenshot(doc, "6-reassessed")
        doc.set_viewport_size({"width": 360, "height": 740})  # the assessments fit a small phone
        table = doc.locator("table.assessments")
        assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
        assert doc.evaluate("document.documentElement.scrollWidth") <= 360
        assert table.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
        doc.set_viewport_size(PHONE)

        doc.get_by_role("link", name="Enter exam findings").click()
        expect(_field(doc, "exam.knee_to_wall_cm.left")).to_have_value("5")
        _field(doc, "exam.knee_to_wall_cm.left").fill("12")
        _field(doc, "exam.windlass.left").select_option("negative")
        doc.locator("summary", has_text="Single-leg squat faults").click()  # a closed group
        squat = doc.get_by_role("group", name="Single-leg squat faults, left foot")
        squat.get_by_label("knee falls inwards").check()
        _field(doc, "exam.strength_mmt.hip_abductors.left").fill("4")
        check_a11y(doc)
        doc.get_by_role("button", name="Save and re-assess").click()
        doc.wait_for_url("**/patients/*?done=reassessed")
        expect(doc.get_by_text("Dr Dan (clinician)")).to_have_count(2)
        doc.get_by_role("button", name="Compare the two chosen").click()
        expect(doc.get_by_role("heading", name="What changed")).to_be_visible()
        changes = doc.locator("ul.changes")
        expect(changes).to_contain_text("Knee to wall (left): 5 cm → 12 cm")
        expect(changes).to_contain_text("Windlass (left): positive → negative")
        expect(changes).to_contain_text(
            "Single-leg squat faults (left): not examined → knee falls inwards"
        )
        expect(changes).to_contain_text("Hip abductors (left): not examined → 4")
        check_a11y(doc)
        screenshot(doc, "7-compare")
        assert doc.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    assert errors == []


def test_a_patient_claims_the_clinic_record_on_their_account_page(
    phone: Any, chromium: Any, live_server: str, check_a11y: Check, screenshot: Shot
) -> None:
    errors: list[str] = []
    _watch_errors(phone, errors)
    _sign_up(phone, "Dr Dan", "dan@example.com", clinician=True)
    phone.goto("/patients")
    phone.get_by_label("Patient's name").fill("Eve")
    phone.get_by_role("button", name="Add record").click()
    phone.wait_for_url("**/exam?done=patient-added")
    _field(phone, "exam.knee_to_wall_cm.left").fill("6")
    phone.get_by_role("button", name="Save and re-assess").click()
    phone.wait_for_url("**/patients/*?done=reassessed")
    phone.get_by_role("button", name="Make a claim code").click()
    code = phone.locator("#claim-code").inner_text().strip()
    assert len(code) == 14
    check_a11y(phone)
    screenshot(phone, "1-claim-code")

    context = chromium.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, base_url=live_server
    )
    context.set_default_timeout(15_000)
    eve = context.new_page()
    _watch_errors(eve, errors)
    try:
        _sign_up(eve, "Eve", "eve@example.com")
        eve.goto("/account")
        eve.get_by_label("Claim code").fill("AAAA-BBBB-CCCC")
        eve.get_by_role("button", name="Claim the record").click()
        expect(eve.locator("#e-claim_code")).to_have_text(
            "This claim code is unknown, already used or expired."
        )
        check_a11y(eve)
        screenshot(eve, "2-claim-refused")
        eve.get_by_label("Claim code").fill(code)
        eve.get_by_role("button", name="Claim the record").click()
        eve.wait_for_url("**/account?done=record-claimed")
        expect(eve.get_by_text("Shared with Dr Dan")).to_be_visible()
        check_a11y(eve)
        screenshot(eve, "3-claimed")
        eve.get_by_role("link", name="Plan").click()
        expect(eve.get_by_role("heading", name="No assessment yet")).to_have_count(0)
        assert eve.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    phone.goto("/patients")
    expect(phone.locator("table.patients tbody tr")).to_contain_text("Eve")
    expect(phone.get_by_text("(clinic record)")).to_have_count(0)
    assert errors == []
