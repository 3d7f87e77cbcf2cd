"""The outcome measures on the web: the PSFS (three activities, 0–10) and the SANE (0–100).

The runner, or a clinician the record is shared with (who may administer the measures in
clinic), records them through ``services.outcomes``; the page shows each measure over time and
whether the change reaches its MCID. Forms post with their CSRF token and redirect.
"""

from __future__ import annotations

import math

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from footfix.errors import FootfixError, InvalidInput
from footfix.services import outcomes, sharing
from footfix.services.identity import RunnerUid
from footfix.services.sessions import SessionUser
from footfix.web.deps import BrowserDep, UserDep, csrf_protect, get_store
from footfix.web.forms import see_other
from footfix.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
PSFS_ROWS = 3
Batch = tuple[str, list[tuple[str, float]]]


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(f"{what}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise InvalidInput(f"{what}: {text!r} is not a number")
    return value


def batches_of(form: dict[str, str]) -> list[Batch]:
    """The form's answers as ``record_outcomes`` takes them; half-filled rows are refused."""
    pairs = []
    for i in range(1, PSFS_ROWS + 1):
        activity = form.get(f"psfs_activity_{i}", "").strip()
        score = form.get(f"psfs_score_{i}", "").strip()
        if not activity and not score:
            continue
        if not activity or not score:
            raise InvalidInput(f"activity {i} needs both its name and its 0–10 rating")
        pairs.append((activity, _number(score, f"activity {i}")))
    found: list[Batch] = [("psfs", pairs)] if pairs else []
    sane = form.get("sane", "").strip()
    if sane:
        found.append(("sane", [("overall", _number(sane, "SANE"))]))
    if not found:
        raise InvalidInput("nothing to save: rate three activities, the SANE question, or both")
    return found


def _page(
    request: Request,
    browser: BrowserDep,
    user: SessionUser,
    runner_uid: str,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    actor, row = sharing.acting_for(get_store(request), user, runner_uid)
    _runner, report = outcomes.outcome_report(get_store(request), actor, RunnerUid(row.uid))
    context = {"runner": row, "report": report, "values": values, "errors": errors}
    return render(request, browser, "outcomes.html", context, status=status)


@router.get("/runners/{runner_uid}/outcomes", response_class=HTMLResponse)
def outcomes_page(
    request: Request, browser: BrowserDep, user: UserDep, runner_uid: str
) -> Response:
    return _page(request, browser, user, runner_uid, {}, {})


@router.post("/runners/{runner_uid}/outcomes", response_class=HTMLResponse)
async def outcomes_post(
    request: Request, browser: BrowserDep, user: UserDep, runner_uid: str
) -> Response:
    from starlette.concurrency import run_in_threadpool

    data = await request.form()
    form = {k: v for k, v in data.items() if isinstance(v, str)}
    return await run_in_threadpool(_save, request, browser, user, runner_uid, form)


def _save(
    request: Request, browser: BrowserDep, user: SessionUser, runner_uid: str, form: dict[str, str]
) -> Response:
    store = get_store(request)
    actor, row = sharing.acting_for(store, user, runner_uid)  # NotFound before anything else
    try:
        found = batches_of(form)
        replace = form.get("replace") == "1"
        outcomes.record_outcomes(store, actor, RunnerUid(row.uid), found, replace=replace)
    except FootfixError as err:
        problems = {"_form": str(err)} | {str(i): d for i, d in enumerate(err.details)}
        return _page(request, browser, user, runner_uid, form, problems, err.http_status)
    return see_other(f"/runners/{row.uid}/outcomes?done=outcome-saved")
