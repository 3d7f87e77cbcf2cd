"""The runner's pages: the guided assessment, the result, the plan, the day log, the dashboard.

Each route parses the form, calls one use case in ``services/`` and renders a template; every
form posts and redirects (no JavaScript needed), and a bad answer comes back beside its field
with a 4xx and nothing saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from footfix.errors import FootfixError
from footfix.services import (
    exercise_pictures,
    log_history,
    plain_words,
    result_summary,
    runner_record,
    wizard,
    wizard_drafts,
)
from footfix.services.identity import Actor
from footfix.services.sessions import SessionUser
from footfix.web.deps import BrowserDep, UserDep, app_state, csrf_protect, get_store
from footfix.web.log_form import log_fields, log_values
from footfix.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
Form = dict[str, list[str]]


def actor(user: SessionUser) -> Actor:
    """The signed-in user as the services' actor; their pages show their own runner (a
    runner account tracks one runner: itself), so the runner reference is None."""
    return Actor(user.user_id, user.uid, user.role, user.display_name)


def _units(request: Request, user: SessionUser) -> str:
    return runner_record.units(get_store(request), actor(user), None)


async def _form(request: Request) -> Form:
    data = await request.form()
    return {key: [str(v) for v in data.getlist(key)] for key in data}


# The form is read by this async dependency, so the pages themselves are plain functions:
# FastAPI runs them in its threadpool, and their database work and chart drawing never hold
# up the event loop.
FormDep = Annotated[Form, Depends(_form)]


def _see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


# --- the guided assessment ------------------------------------------------------------------
def _draft(request: Request, user: SessionUser) -> dict[str, Any]:
    folder = app_state(request).settings.data_folder()
    return wizard_drafts.load(folder, user.uid) or wizard.new_draft()


@router.get("/assess", response_class=HTMLResponse)
def assess_page(request: Request, browser: BrowserDep, user: UserDep) -> Response:
    return _wizard_page(request, browser, user, _draft(request, user))


def _wizard_page(
    request: Request,
    browser: BrowserDep,
    user: SessionUser,
    draft: dict[str, Any],
    error: str = "",
    status: int = 200,
    typed: Form | None = None,
) -> Response:
    step = wizard.current_step(draft, _units(request, user), typed=typed)
    context = {"step": step, "error": error, "answered": wizard.answered(draft)}
    return render(request, browser, "assess.html", context, status=status)


@router.post("/assess", response_class=HTMLResponse)
def assess_post(request: Request, browser: BrowserDep, user: UserDep, form: FormDep) -> Response:
    draft = _draft(request, user)
    action = (form.get("action") or ["answer"])[0]
    question = (form.get("question_id") or [""])[0]
    try:
        draft = wizard.submit(draft, question, action, form)
    except FootfixError as err:
        # the question again with what was typed kept in its boxes, beside the message
        return _wizard_page(request, browser, user, draft, str(err), err.http_status, form)
    wizard_drafts.save(app_state(request).settings.data_folder(), user.uid, draft)
    return _see("/assess")


@router.post("/assess/restart")
def assess_restart(request: Request, user: UserDep) -> Response:
    wizard_drafts.clear(app_state(request).settings.data_folder(), user.uid)
    return _see("/assess")


@router.post("/assess/finish")
def assess_finish(request: Request, user: UserDep) -> Response:
    draft = _draft(request, user)
    case_id = f"web-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}"
    runner_record.finish_wizard(get_store(request), actor(user), None, draft, case_id)
    wizard_drafts.clear(app_state(request).settings.data_folder(), user.uid)
    return _see("/result")


@router.get("/assess/case.yaml", response_class=PlainTextResponse)
def case_file(request: Request, user: UserDep) -> Response:
    text = runner_record.case_text(get_store(request), actor(user), None)
    headers = {"Content-Disposition": 'attachment; filename="footfix-case.yaml"'}
    return PlainTextResponse(text, headers=headers, media_type="application/x-yaml")


# --- the result and the next test ------------------------------------------------------------
def _result_page(
    request: Request, browser: BrowserDep, user: SessionUser, errors: dict[str, str], status: int
) -> Response:
    found = runner_record.latest(get_store(request), actor(user), None)
    if found is None:
        return render(request, browser, "no_assessment.html", status=200)
    case, result = found
    context = {
        "result": result,
        "tests": runner_record.next_tests(case, result, _units(request, user)),
        "summary": result_summary.summarise(result),
        "phase_title": plain_words.phase_title(result.phase),
        "phase_meaning": plain_words.phase_description(result.phase),
        "gate_title": plain_words.phase_title(result.next_gate.phase),
        "plain": plain_words.plain,
        "referral_words": plain_words.REFERRAL_WORDS,
        "relation_words": plain_words.RELATION_WORDS,
        "screen_open": plain_words.SCREEN_OPEN_WORDS,
        "errors": errors,
    }
    return render(request, browser, "result.html", context, status=status)


@router.get("/result", response_class=HTMLResponse)
def result_page(request: Request, browser: BrowserDep, user: UserDep) -> Response:
    return _result_page(request, browser, user, {}, 200)


@router.post("/result/test", response_class=HTMLResponse)
def result_test(request: Request, browser: BrowserDep, user: UserDep, form: FormDep) -> Response:
    question = (form.get("question_id") or [""])[0]
    action = (form.get("action") or ["answer"])[0]
    try:
        runner_record.record_test(get_store(request), actor(user), None, question, action, form)
    except FootfixError as err:
        return _result_page(request, browser, user, {question: str(err)}, err.http_status)
    return _see("/result?done=reassessed")


# --- the plan ------------------------------------------------------------------------------
@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, browser: BrowserDep, user: UserDep) -> Response:
    found = runner_record.latest(get_store(request), actor(user), None)
    if found is None:
        return render(request, browser, "no_assessment.html")
    _case, result = found
    groups = runner_record.plan_groups(result.plan)
    context = {
        "groups": groups,
        # our own drawing of the knowledge base's figures (ElementTree escapes every text)
        "pictures": exercise_pictures.pictures(c.id for g in groups for c in g.cards),
        "avoid": result.avoid,
        "phase_title": plain_words.phase_title(result.phase),
    }
    return render(request, browser, "plan.html", context)


# --- the day log ---------------------------------------------------------------------------
@router.get("/log", response_class=HTMLResponse)
def log_page(request: Request, browser: BrowserDep, user: UserDep) -> Response:
    return _log_page(request, browser, user, None, {}, 200)


def _log_page(
    request: Request,
    browser: BrowserDep,
    user: SessionUser,
    form: Form | None,
    errors: dict[str, str],
    status: int,
) -> Response:
    store = get_store(request)
    asked = (form or {}).get("day") or [request.query_params.get("day", "")]
    try:
        day = dt.date.fromisoformat(asked[0]) if asked[0] else None
    except ValueError:
        day = None
    day, existing, units = runner_record.day_log(store, actor(user), None, day)
    found = runner_record.latest(store, actor(user), None)
    exercises, advice = runner_record.log_choices(found[1].plan) if found else ([], [])
    context = {
        "day": day,
        "existing": existing,
        "values": form or log_values(existing, units),
        "history": log_history.day_history(store, actor(user), None, day) if existing else [],
        "shoe_words": log_history.SHOE_WORDS,
        "exercises": exercises,
        "advice": advice,
        "units": units,
        "errors": errors,
    }
    return render(request, browser, "log.html", context, status=status)


@router.post("/log", response_class=HTMLResponse)
def log_post(request: Request, browser: BrowserDep, user: UserDep, form: FormDep) -> Response:
    try:
        fields, correct = log_fields(form)
        runner_record.log_day(get_store(request), actor(user), None, fields, correct=correct)
    except FootfixError as err:
        problems = {"_form": str(err)} | {str(i): d for i, d in enumerate(err.details)}
        return _log_page(request, browser, user, form, problems, err.http_status)
    return _see("/dashboard?done=logged")


# --- the dashboard -------------------------------------------------------------------------
@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, browser: BrowserDep, user: UserDep) -> Response:
    from footfix.services.charts import WEEK_SPIKE_PCT
    from footfix.services.dashboard import dashboard as runner_dashboard
    from footfix.web.chart_cache import load_svg, progress_svg

    found = runner_dashboard(get_store(request), actor(user))
    if found is None:  # no week's plan before the warning signs have been asked
        return render(request, browser, "no_assessment.html")
    label = "Chart of heel pain and running day by day, with flares and phases marked"
    load_label = "Bar chart of running distance per week, with big rises marked"
    weekly = found.load
    # drawn from our own data (its text escaped by XML), once per data: see web/chart_cache
    context = {
        "summary": found.overview.summary,
        "chart_svg": progress_svg(found.progress, 4.6, label),
        "spike_pct": WEEK_SPIKE_PCT,
        "load_svg": load_svg(weekly, 4.6, load_label) if weekly and weekly.weeks else None,
        "history": found.history,
        "days_logged": len(found.overview.report.days),
    }
    return render(request, browser, "dashboard.html", context)
