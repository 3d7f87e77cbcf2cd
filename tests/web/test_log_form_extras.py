"""The day log form's run and exercises: the distance in the runner's miles, surface and shoes,
exercises ticked from the saved plan; a correction shows the day as logged, is saved as a new
revision and the day's entries are listed, the first one kept."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from footfix.services import tracking
from footfix.services.identity import Actor
from footfix.services.sessions import SessionUser
from footfix.services.store_access import Store
from footfix.store import logs_repo, users_repo
from footfix.store.runners_repo import get_runner
from footfix.web.app import create_app
from footfix.web.deps import browser
from footfix.web.session_cookies import Browser
from footfix.web.settings import WebSettings
from tests.web.runner_account import RUNNER
from tests.web.saved_assessment import save_case
from tests.web.test_runner_pages import token

CHECKBOX = re.compile(r'name="exercise" value="([a-z0-9_]+)"')


@pytest.fixture
def miles(web_settings: WebSettings, web_store: Store) -> Iterator[tuple[TestClient, SessionUser]]:
    with web_store.write() as conn:
        now = tracking.now_utc()
        row = users_repo.add_user(
            conn, display_name=RUNNER, role="runner", created_at=now, email="mi@example.org"
        )
    start = dt.date.today() - dt.timedelta(days=4)
    tracking.add_runner(web_store, Actor.of(row), RUNNER, units="mi", start=start)
    user = SessionUser(user_id=row.id, uid=row.uid, email="mi@example.org",
                       display_name=RUNNER, role="runner")  # fmt: skip
    save_case(web_store, user)
    app = create_app(web_settings, web_store)

    async def signed_in() -> Browser:
        return Browser(nonce="n" * 32, user=user)

    app.dependency_overrides[browser] = signed_in
    with TestClient(app) as client:
        yield client, user


def test_run_shoes_and_plan_exercises_then_a_correction_kept_as_history(
    miles: tuple[TestClient, SessionUser], web_store: Store
) -> None:
    client, user = miles
    form = client.get("/log")
    assert "Distance (mi)" in form.text and 'name="run_shoes"' in form.text
    ticked = CHECKBOX.findall(form.text)[:2]
    assert len(ticked) == 2  # exercises from the saved plan
    saved = client.post("/log", data={
        "csrf_token": token(form.text), "pain_during_nrs": "2", "run_distance": "3.1",
        "run_surface": "trail", "run_shoes": "soft", "exercise": ticked,
        f"sets-{ticked[0]}": "2", f"reps-{ticked[0]}": "15",  # the second as the form has it
        f"sets-{ticked[1]}": "3", f"reps-{ticked[1]}": "10",
    }, follow_redirects=True)  # fmt: skip
    assert saved.status_code == 200 and "Saved: your day is logged." in saved.text

    with web_store.read() as conn:
        runner = get_runner(conn, user.user_id, RUNNER)
        (log,) = logs_repo.current_logs(conn, runner.id)
    (run,) = log.runs
    assert run.distance_km == pytest.approx(3.1 * 1.609344, abs=0.001)
    assert (run.surface, run.shoes) == ("trail", "soft")
    assert [(e.exercise, e.sets, e.reps) for e in log.exercises] == [
        (ticked[0], 2, 15), (ticked[1], 3, 10)]  # fmt: skip

    again = client.get("/log")  # the day as logged, to correct
    assert 'value="3.1"' in again.text and "Correct " in again.text
    assert '<option value="soft" selected>' in again.text
    assert '<option value="trail" selected>' in again.text
    assert again.text.count(" checked>") == 2 and 'value="15"' in again.text
    fixed = client.post("/log", data={
        "csrf_token": token(again.text), "day": log.day.isoformat(), "correct": "1",
        "run_distance": "4", "run_shoes": "usual", "pain_during_nrs": "3",
    }, follow_redirects=True)  # fmt: skip
    assert fixed.status_code == 200

    with web_store.read() as conn:
        revisions = logs_repo.day_revisions(conn, runner.id, log.day)
    assert [(r.revision, r.is_current) for r in revisions] == [(1, False), (2, True)]
    assert revisions[0].log.runs[0].shoes == "soft"  # the first entry is kept as it was
    assert revisions[1].log.runs[0].distance_km == pytest.approx(4 * 1.609344, abs=0.001)
    shown = client.get("/log").text
    assert "This day's entries" in shown
    assert "run 3.1 mi on trail (soft, cushioned shoes)" in shown
    assert "run 4.0 mi (my usual shoes), 2 exercises · corrected on the web" in shown


def test_only_exercises_get_sets_boxes_the_rest_of_the_plan_is_advice(
    miles: tuple[TestClient, SessionUser],
) -> None:
    """The example plan holds rest, shoes, taping and a splint beside its stretches: the log
    offers sets only for the stretches and strength, and lists the others as advice; the plan
    page shows them under its advice, not its exercises."""
    client, _user = miles
    form = client.get("/log").text
    ticked = set(CHECKBOX.findall(form))
    assert ticked == {"heel_raise_toe_up", "plantar_fascia_calf_stretch",
                      "ankle_dorsiflexion_belt_stretch"}  # fmt: skip
    assert 'name="sets-relative_rest"' not in form and 'name="sets-stiff_shoes"' not in form
    advice = form[form.index('id="log-advice"') :]
    assert "Relative rest" in advice.split("</ul>")[0]
    plan = client.get("/plan").text
    advice, exercises = plan.split('id="exercises"', 1)
    assert 'aria-labelledby="x-relative_rest"' in advice.split('id="advice"', 1)[1]
    assert 'aria-labelledby="x-relative_rest"' not in exercises
    assert 'aria-labelledby="x-heel_raise_toe_up"' in exercises
