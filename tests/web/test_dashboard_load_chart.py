"""The dashboard's weekly-load chart: bars of weekly distance from the runner's stored runs,
the doubled week red with its rise, a plain title, inline SVG without style; none before any
run is stored. The dashboard and the other runner pages are plain functions (the threadpool)."""

from __future__ import annotations

import asyncio
import datetime as dt
import xml.etree.ElementTree as ET

from footfix.ingest.activity import Activity
from footfix.services.identity import Actor, RunnerName
from footfix.services.watch_import import store_activities
from footfix.web import runner_pages
from tests.web.runner_account import RUNNER
from tests.web.saved_assessment import save_case
from tests.web.signed_in_runner import SignedIn, signed_in

__all__ = ["signed_in"]


def _run(day: dt.date, km: float) -> Activity:
    start = dt.datetime.combine(day, dt.time(7, 0), tzinfo=dt.UTC)
    return Activity(source=f"run-{day}.gpx", file_format="gpx", sport="running", sub_sport=None,
                    start_utc=start, elapsed_s=km * 330, moving_s=km * 330, distance_m=km * 1000,
                    has_gps=True)  # fmt: skip


def _svg_after(html: str, heading: str) -> ET.Element:
    at = html.index(heading)
    return ET.fromstring(html[html.index("<svg", at) : html.index("</svg>", at) + 6])


def test_dashboard_shows_weekly_load_with_the_doubled_week_marked(signed_in: SignedIn) -> None:
    save_case(signed_in.store, signed_in.user)  # the dashboard follows an assessment
    empty = signed_in.client.get("/dashboard")
    assert empty.status_code == 200 and "Running per week" in empty.text
    assert "Add runs from your watch" in empty.text

    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 21)
    # weeks of 10 km, 20 km (doubled) and 18 km
    plan = [(0, 5), (2, 5), (7, 10), (9, 10), (14, 9), (16, 9)]
    runs = [_run(monday + dt.timedelta(days=d), km) for d, km in plan]
    user = signed_in.user
    me = Actor(user.user_id, user.uid, user.role, user.display_name)
    assert store_activities(signed_in.store, me, RunnerName(RUNNER), runs).imported == 6

    page = signed_in.client.get("/dashboard")
    assert page.status_code == 200
    svg = _svg_after(page.text, 'id="load"')
    texts = " ".join(t.strip() for t in svg.itertext() if t.strip())
    ids = {e.get("id") for e in svg.iter()}
    doubled = monday + dt.timedelta(days=7)
    assert f"spike-{doubled.isoformat()}" in ids and "+100 %" in texts
    assert "Running per week" in texts and "_" not in texts  # a plain title, no ids
    assert svg.get("aria-label", "").startswith("Bar chart of running distance per week")
    assert "style=" not in ET.tostring(svg, encoding="unicode")
    bars = [e for e in svg.iter() if (e.get("id") or "").startswith("patch_")]
    red = [b for b in bars if "#d62728" in ET.tostring(b, encoding="unicode")]
    assert len(red) == 1  # only the doubled week is red (the 9 km weeks fall by 10 %)


def test_runner_pages_run_in_the_threadpool() -> None:
    for name in ("dashboard", "plan_page", "result_page", "log_page", "log_post", "assess_post"):
        assert not asyncio.iscoroutinefunction(getattr(runner_pages, name)), name


def test_hand_logged_runs_count_once_a_day_beside_the_watch(signed_in: SignedIn) -> None:
    save_case(signed_in.store, signed_in.user)  # the dashboard follows an assessment
    from footfix.services.log_input import LogInput
    from footfix.services.tracking import log_day
    from footfix.services.weekly_load import dashboard_view

    user = signed_in.user
    me = Actor(user.user_id, user.uid, user.role, user.display_name)
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 14)

    def logged(day: dt.date, km: float) -> None:
        given = LogInput.model_validate({"day": day, "runs": [{"distance_km": km}]})
        log_day(signed_in.store, me, RunnerName(RUNNER), given)

    logged(monday, 6)  # only logged by hand: counted
    logged(monday + dt.timedelta(days=2), 4)  # only logged by hand: counted
    watch_day = monday + dt.timedelta(days=7)
    other_day = watch_day + dt.timedelta(days=2)
    watch = [_run(watch_day, 8), _run(other_day, 12)]
    store_activities(signed_in.store, me, RunnerName(RUNNER), watch)
    logged(watch_day, 7.5)  # the same run typed in (within 15 %): the watch's 8 km counts once
    logged(watch_day + dt.timedelta(days=1), 3)  # no watch run that day: counted
    logged(other_day, 5)  # a second, shorter run beside the watch's 12 km: both count
    view = dashboard_view(signed_in.store, me, RunnerName(RUNNER))
    assert view is not None
    weeks = {w.week_start: (w.runs, w.distance) for w in view.weeks}
    assert weeks[monday] == (2, 10.0)
    assert weeks[watch_day] == (4, 28.0)  # 8 + 3 + 12 + 5
    page = signed_in.client.get("/dashboard")
    svg = _svg_after(page.text, 'id="load"')  # the chart shows once there are logged runs
    texts = " ".join(t.strip() for t in svg.itertext() if t.strip())
    assert "Running per week" in texts


def test_the_chart_shows_with_hand_logged_runs_alone(signed_in: SignedIn) -> None:
    save_case(signed_in.store, signed_in.user)  # the dashboard follows an assessment
    from footfix.services.log_input import LogInput
    from footfix.services.tracking import log_day

    user = signed_in.user
    me = Actor(user.user_id, user.uid, user.role, user.display_name)
    assert "Add runs from your watch" in signed_in.client.get("/dashboard").text
    given = LogInput.model_validate({"day": dt.date.today(), "runs": [{"distance_km": 5}]})
    log_day(signed_in.store, me, RunnerName(RUNNER), given)
    page = signed_in.client.get("/dashboard").text
    assert "Add runs from your watch" not in page
    svg = _svg_after(page, 'id="load"')
    assert svg.get("aria-label", "").startswith("Bar chart of running distance per week")
    assert "a run your watch also recorded counts once" in page  # the rule, said on the page
