"""The runner's way through the pages in Debian's chromium at phone size: the wizard (the
first steps by keyboard alone), the result, the plan, three day logs, the dashboard with its
chart, and a GPX file uploaded and imported by the background worker; axe-core finds no serious
or critical problem on any page and every control is labelled. Screenshots of each page are
kept under test-artifacts/screens/.

Until sign-up lands on main, the app runs in this process (uvicorn in a thread) with the
browser's signed-in user set through FastAPI's dependency override; all else is the real app.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from footfix.services.store_access import open_store_for_server
from footfix.web.app import create_app
from footfix.web.deps import browser
from footfix.web.session_cookies import Browser
from footfix.web.settings import WebSettings
from tests.paths import WATCH
from tests.web.live_server import free_port
from tests.web.runner_account import runner_account

pytestmark = pytest.mark.browser
RUNNER = "Ann Runner"
GPX = WATCH / "gpx" / "gpxpy_around-visnjan-with-car.gpx"
ANSWERS = {
    "painful_side": "left",
    "onset": "gradual",
    "first_step_pain": "yes",
    "warms_up": "yes",
    "night_pain": "no",
    "rest_pain": "no",
}


@pytest.fixture
def runner_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    import uvicorn

    from footfix.services.job_worker import InProcessWorker

    monkeypatch.setenv("FOOTFIX_DATA_DIR", str(tmp_path / "data"))  # where the jobs find uploads

    settings = WebSettings(  # type: ignore[call-arg]
        database_url=f"sqlite+pysqlite:///{tmp_path / 'web.sqlite3'}", data_dir=tmp_path / "data"
    )
    store = open_store_for_server(settings.store_settings())
    user = runner_account(store)
    app = create_app(settings, store)
    nonce = "n" * 32

    async def signed_in() -> Browser:
        return Browser(nonce=nonce, user=user)

    app.dependency_overrides[browser] = signed_in
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    jobs = InProcessWorker(store, poll_s=0.2)  # as 'footfix serve' runs them
    jobs.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        jobs.stop()
        store.close()


@pytest.fixture
def runner_phone(chromium: Any, runner_site: str) -> Iterator[Any]:
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True, base_url=runner_site,
    )  # fmt: skip
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def unlabelled(page: Any) -> list[str]:
    """Form controls a screen reader could not name."""
    found: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                            && !el.getAttribute('aria-labelledby'))
              .map(el => el.outerHTML.slice(0, 120))"""
    )
    return found


def question_id(page: Any) -> str:
    return str(page.locator("input[name=question_id]").get_attribute("value"))


def test_wizard_result_plan_logs_and_dashboard_on_a_phone(
    runner_phone: Any, check_a11y: Callable[[Any], object], screenshot: Callable[[Any, str], Path]
) -> None:
    page = runner_phone
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto("/assess")
    check_a11y(page)
    assert unlabelled(page) == []
    screenshot(page, "1-wizard-first-step")
    # the first answer by keyboard alone: Tab to the choices, an arrow picks one, Enter sends
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "answer":
            break
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert question_id(page) != "painful_side"
    shots = 0
    for _ in range(200):
        if page.locator("text=All questions answered").count():
            break
        qid = question_id(page)
        if shots < 3 and page.locator("fieldset input[type=radio]").count() == 0:
            check_a11y(page)
            assert unlabelled(page) == []
            shots += 1
        if qid in ANSWERS:
            page.locator(f"input[name=answer][value={ANSWERS[qid]}]").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Next" if qid in ANSWERS else "Don't know").click()
    screenshot(page, "2-wizard-done")
    with page.expect_navigation():
        page.get_by_role("button", name="See my result").click()
    assert page.locator(".banner").count() == 1 and page.locator("text=What probably hurts").count()
    check_a11y(page)
    assert unlabelled(page) == []
    screenshot(page, "3-result")
    page.get_by_role("link", name="See my plan").click()
    assert page.locator("article.exercise").count() >= 1
    check_a11y(page)
    screenshot(page, "4-plan")
    for offset, (first, during) in enumerate(((4, 2), (3, 2), (3, 6))):
        day = dt.date.today() - dt.timedelta(days=2 - offset)
        page.goto(f"/log?day={day.isoformat()}")
        if offset == 0:
            check_a11y(page)
            assert unlabelled(page) == []
            screenshot(page, "5-log")
        page.get_by_label("First steps this morning").select_option(str(first))
        page.get_by_label("During activity").select_option(str(during))
        page.get_by_label("Minutes you can walk or stand with mild pain at most").fill("30")
        if offset == 0:  # the run and an exercise of the plan, ticked
            page.get_by_label("Distance (km)").fill("2.5")
            page.get_by_label("Shoes").select_option("usual")
            page.locator("input[name=exercise]").first.check()
        with page.expect_navigation():
            page.get_by_role("button", name="Save the day").click()
        assert page.locator("text=Saved: your day is logged.").count() == 1
    pain = page.locator("section[aria-labelledby=chart] svg.chart")
    assert pain.count() == 1
    assert pain.locator(f"[id='flare-{dt.date.today().isoformat()}']").count() == 1
    # the 2.5 km logged by hand is the weekly-load chart's one run so far
    assert page.locator("section[aria-labelledby=load] svg.chart").count() == 1
    assert page.locator("text=Add runs from your watch").count() == 0
    check_a11y(page)
    screenshot(page, "6-dashboard")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # a watch file uploaded with its progress shown; the page polls until the job is done
    page.goto("/uploads")
    check_a11y(page)
    assert unlabelled(page) == []
    page.get_by_label("Files").set_input_files(str(GPX))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()
    assert page.locator("text=Uploaded:").count() == 1
    page.locator("text=1 activity added").wait_for(timeout=30_000)
    assert page.locator("#upload-jobs[data-poll]").count() == 0  # done: polling stopped
    check_a11y(page)
    screenshot(page, "7-uploads")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == []
