"""The runner's pages through the real app (TestClient), on SQLite and PostgreSQL: the wizard
from the first question to a saved assessment, the result, the plan, three day logs and the
dashboard's summary and chart; bad input answered beside its field with a 4xx, nothing saved.

Until sign-up lands on main, the browser's signed-in user is set through FastAPI's dependency
override (the one seam; CSRF tokens, store, services and templates are the real app's) and the
runner is added through the tracking service, as sign-up adds it.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from tests.web.signed_in_runner import SignedIn, signed_in  # noqa: F401 - the fixture

RUNNER = "Ann Runner"
_TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]{64})">')
INTERNAL_ID = re.compile(r"\b(rehab_no_running|return_to_run\w*|cauda_equina|refer_first)\b")


@pytest.fixture
def runner_client(signed_in: SignedIn) -> TestClient:  # noqa: F811 - the imported fixture
    return signed_in.client


def token(html: str) -> str:
    found = _TOKEN.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def post(client: TestClient, path: str, data: dict[str, object], page: str) -> object:
    return client.post(path, data={"csrf_token": token(page), **data}, follow_redirects=True)


def test_the_wizard_to_the_result_plan_logs_and_dashboard(runner_client: TestClient) -> None:
    c = runner_client
    page = c.get("/assess")
    assert page.status_code == 200 and "Question 1 of about" in page.text
    assert 'name="question_id" value="painful_side"' in page.text
    answers: dict[str, dict[str, object]] = {
        "painful_side": {"answer": "left"},
        "age": {"answer": "41"},
        "onset": {"answer": "gradual"},
        "pain_location": {"answer": ["medial_heel"]},
        "first_step_pain": {"answer": "yes"},
        "warms_up": {"answer": "yes"},
        "night_pain": {"answer": "no"},
        "rest_pain": {"answer": "no"},
    }
    for _ in range(200):
        if "All questions answered" in page.text:
            break
        qid = re.search(r'name="question_id" value="([a-z0-9_]+)"', page.text).group(1)  # type: ignore[union-attr]
        form = {"question_id": qid, **answers.get(qid, {})}
        form["action"] = "answer" if qid in answers else "dont_know"
        page = post(c, "/assess", form, page.text)  # type: ignore[assignment]
        assert page.status_code == 200, page.text[:500]  # type: ignore[attr-defined]
    assert "All questions answered" in page.text
    result = post(c, "/assess/finish", {}, page.text)
    assert result.status_code == 200 and "What probably hurts" in result.text  # type: ignore[attr-defined]
    assert result.text.index("banner") < result.text.index("What probably hurts")  # type: ignore[attr-defined]
    assert "The next test to do" in result.text and not INTERNAL_ID.search(result.text)  # type: ignore[attr-defined]
    case = c.get("/assess/case.yaml")
    assert "case_format: 1" in case.text and "painful_side: left" in case.text

    plan = c.get("/plan")
    assert plan.status_code == 200 and "<article" in plan.text and "How much:" in plan.text

    for offset, (first, during) in enumerate(((4, 2), (3, 2), (3, 6))):
        day = dt.date.today() - dt.timedelta(days=2 - offset)
        form = c.get(f"/log?day={day.isoformat()}")
        saved = post(c, "/log", {"day": day.isoformat(), "first_step_pain_nrs": first,
                                 "pain_during_nrs": during, "walk_stand_tolerance_min": 30},
                     form.text)  # fmt: skip
        assert saved.status_code == 200 and "Saved: your day is logged." in saved.text  # type: ignore[attr-defined]
    dash = c.get("/dashboard")
    assert dash.status_code == 200 and "This week" in dash.text
    assert dash.text.index('<ol class="today">') < dash.text.index("<svg")
    svg = ET.fromstring(dash.text[dash.text.index("<svg") : dash.text.index("</svg>") + 6])
    ids = {e.get("id") for e in svg.iter()}
    assert f"flare-{dt.date.today().isoformat()}" in ids  # 6/10 with activity today
    assert 'style="' not in dash.text.split("<svg", 1)[1]  # the CSP allows no inline style
    assert not INTERNAL_ID.search(dash.text)


def test_a_bad_answer_comes_back_beside_the_field(runner_client: TestClient) -> None:
    c = runner_client
    page = c.get("/assess")
    page = c.post("/assess", data={"csrf_token": token(page.text), "question_id": "painful_side",
                                   "action": "answer", "answer": "left"})  # fmt: skip
    page = c.get("/assess")
    refused = c.post("/assess", data={"csrf_token": token(page.text), "question_id": "age",
                                      "action": "answer", "answer": "300"})  # fmt: skip
    assert refused.status_code == 422 and 'role="alert"' in refused.text
    assert "Give a number from 6 to 100." in refused.text and 'value="age"' in refused.text
    assert re.search(r'id="f-answer"[^>]*value="300"', refused.text)  # kept as typed


def test_a_log_out_of_range_saves_nothing(runner_client: TestClient) -> None:
    c = runner_client
    form = c.get("/log")
    refused = c.post("/log", data={"csrf_token": token(form.text), "pain_during_nrs": "14"})
    assert refused.status_code == 422 and "not saved" in refused.text
    again = c.get("/log")
    assert "Correct " not in again.text  # nothing was stored for today


def test_the_next_test_and_log_errors_read_as_sentences(signed_in: SignedIn) -> None:  # noqa: F811
    """A message shown on its own starts with a capital: the result page's next-test form
    (no answer chosen) and the top of the day log's error box."""
    from tests.web.saved_assessment import save_case

    c = signed_in.client
    save_case(signed_in.store, signed_in.user)
    page = c.get("/result")
    qid = re.search(r'name="question_id" value="([a-z0-9_]+)"', page.text).group(1)  # type: ignore[union-attr]
    refused = c.post("/result/test", data={"csrf_token": token(page.text), "question_id": qid,
                                           "action": "answer"})  # fmt: skip
    assert refused.status_code == 422, refused.text[:300]
    shown = re.findall(r'<p class="error" role="alert">([^<]*)</p>', refused.text)
    assert len(shown) == 1 and shown[0][0].isupper() and shown[0].endswith("."), shown
    form = c.get("/log")
    refused = c.post("/log", data={"csrf_token": token(form.text), "pain_during_nrs": "14"})
    assert refused.status_code == 422
    assert "<p>The log entry was not saved: fix these and try again.</p>" in refused.text


def test_a_negative_run_distance_says_what_is_allowed(runner_client: TestClient) -> None:
    c = runner_client
    form = c.get("/log")
    refused = c.post("/log", data={"csrf_token": token(form.text), "run_distance": "-3"})
    assert refused.status_code == 422 and "fill in at least one box" not in refused.text
    assert "run distance: -3 was entered; it must be 0 or more" in refused.text
    assert "Correct " not in c.get("/log").text  # nothing was stored


def test_a_post_without_the_token_is_refused(runner_client: TestClient) -> None:
    refused = runner_client.post("/log", data={"first_step_pain_nrs": "2"})
    assert refused.status_code == 403


def test_the_dashboard_asks_for_the_assessment_before_any_plan(runner_client: TestClient) -> None:
    """A new account has no assessment: the warning signs have not been asked, so the dashboard
    offers the assessment, not a week's plan, a gate or an 'assess again' link."""
    page = runner_client.get("/dashboard")
    assert page.status_code == 200
    assert "Start the assessment" in page.text
    assert "Walk as far as" not in page.text and "Assess again" not in page.text
