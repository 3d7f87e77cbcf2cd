"""A runner's report and exports on the web: the HTML and PDF report, FHIR, calendar, CSV.

Every route takes the runner's uid and goes through :func:`sharing.acting_for`: the runner on
their own record, or a clinician the runner shares it with; anyone else gets the same 404 as
for an id that does not exist. A clinician may add their name and notes to a report (POST).
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footfix.errors import FootfixError, Forbidden, NotFound
from footfix.services import audit, sharing
from footfix.services.identity import Actor, RunnerUid
from footfix.services.sessions import SessionUser
from footfix.web.deps import BrowserDep, UserDep, csrf_protect, get_store
from footfix.web.headers import CSP
from footfix.web.templating import render

if TYPE_CHECKING:
    from footfix.services.report import Clinician

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
Paper = Literal["a4", "letter"]
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def access(request: Request, user: SessionUser, runner_uid: str) -> tuple[Actor, RunnerUid]:
    """The actor to call the services as, and the runner: or NotFound for anyone else."""
    actor, runner = sharing.acting_for(get_store(request), user, runner_uid)
    return actor, RunnerUid(runner.uid)


def _audit(request: Request, user: SessionUser, runner: RunnerUid, what: str) -> None:
    # the reader's own identity: a clinician's download is theirs, not the runner's
    audit.record(get_store(request), user.actor, "export", runner_uid=runner.uid, detail=what)


def _download(body: str | bytes, media_type: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type=media_type, headers=headers)


def report_response(html: str) -> HTMLResponse:
    """The report page as its own document: its one ``<style>`` block is allowed by hash, so
    the site's CSP (no inline style, no script) still holds for everything else on it."""
    found = _STYLE.search(html)
    policy = CSP
    if found:
        digest = base64.b64encode(hashlib.sha256(found.group(1).encode()).digest()).decode()
        policy = CSP.replace("style-src 'self'", f"style-src 'self' 'sha256-{digest}'")
    return HTMLResponse(html, headers={"Content-Security-Policy": policy})


def _report(
    request: Request,
    actor: Actor,
    runner: RunnerUid,
    paper: Paper,
    pdf: bool,
    clinician: Clinician | None = None,
) -> Response:
    from footfix.reports.render import render_html, render_pdf
    from footfix.services.report import report_for_runner

    content = report_for_runner(get_store(request), actor, runner, clinician=clinician)
    if pdf:
        name = f"footfix-report-{content.made_on.isoformat()}.pdf"
        headers = {"Content-Disposition": f'inline; filename="{name}"'}
        pdf_bytes = render_pdf(content, paper=paper)
        return Response(pdf_bytes, media_type="application/pdf", headers=headers)
    return report_response(render_html(content, paper=paper))


@router.get("/exports")
def my_exports(request: Request, user: UserDep) -> Response:
    """The runner's own exports page (their pages name no runner in the URL)."""
    mine = sharing.own_runners(get_store(request), user)
    if not mine:
        raise NotFound(sharing.NOT_FOUND)
    return RedirectResponse(f"/runners/{mine[0].uid}/exports", status_code=303)


@router.get("/runners/{runner_uid}/exports", response_class=HTMLResponse)
def exports_page(request: Request, browser: BrowserDep, user: UserDep, runner_uid: str) -> Response:
    _actor, runner = sharing.acting_for(get_store(request), user, runner_uid)
    context = {"runner": runner, "on_behalf": runner.owner_id != user.user_id, "errors": {}}
    return render(request, browser, "exports.html", context)


@router.get("/runners/{runner_uid}/report", response_class=HTMLResponse)
def report_page(request: Request, user: UserDep, runner_uid: str, paper: Paper = "a4") -> Response:
    actor, runner = access(request, user, runner_uid)
    return _report(request, actor, runner, paper, pdf=False)


@router.get("/runners/{runner_uid}/report.pdf")
def report_pdf(request: Request, user: UserDep, runner_uid: str, paper: Paper = "a4") -> Response:
    actor, runner = access(request, user, runner_uid)
    answer = _report(request, actor, runner, paper, pdf=True)
    _audit(request, user, runner, f"report pdf ({paper})")
    return answer


@router.post("/runners/{runner_uid}/report")
def clinician_report(
    request: Request,
    browser: BrowserDep,
    user: UserDep,
    runner_uid: str,
    clinician: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    paper: Annotated[Paper, Form()] = "a4",
    form: Annotated[Literal["html", "pdf"], Form(alias="format")] = "html",
) -> Response:
    """A clinician's report of a shared record, with their name and notes on it."""
    from footfix.services.report import Clinician

    actor, runner = access(request, user, runner_uid)
    if user.role != "clinician" or actor.user_id == user.user_id:
        raise Forbidden("only a clinician the runner shares their record with adds notes")
    try:
        who = Clinician(clinician or user.display_name, notes)
        answer = _report(request, actor, runner, paper, pdf=form == "pdf", clinician=who)
    except FootfixError as err:
        row = sharing.acting_for(get_store(request), user, runner_uid)[1]
        context = {"runner": row, "on_behalf": True, "errors": {"_form": str(err)}}
        return render(request, browser, "exports.html", context, status=err.http_status)
    _audit(request, user, runner, f"clinician report {form} ({paper})")
    return answer


@router.get("/runners/{runner_uid}/fhir.json")
def fhir(request: Request, user: UserDep, runner_uid: str) -> Response:
    from footfix.services.fhir_export import fhir_bundle_text

    actor, runner = access(request, user, runner_uid)
    text = fhir_bundle_text(get_store(request), actor, runner)
    _audit(request, user, runner, "fhir")
    return _download(text, "application/fhir+json", "footfix-fhir.json")


@router.get("/runners/{runner_uid}/calendar.ics")
def calendar(
    request: Request,
    user: UserDep,
    runner_uid: str,
    weeks: Annotated[int | None, Query(ge=1, le=52)] = None,
) -> Response:
    from footfix.services.calendar_export import calendar_export

    actor, runner = access(request, user, runner_uid)
    found = calendar_export(get_store(request), actor, runner, weeks=weeks)
    _audit(request, user, runner, "calendar")
    return _download(found.text, "text/calendar", "footfix-sessions.ics")


def _csv(request: Request, user: SessionUser, runner_uid: str, name: str) -> Response:
    from footfix.services.calendar_export import spreadsheet_export

    actor, runner = access(request, user, runner_uid)
    tables = spreadsheet_export(get_store(request), actor, runner)
    _audit(request, user, runner, name)
    return _download(tables[name], "text/csv; charset=utf-8", f"footfix-{name}")


@router.get("/runners/{runner_uid}/logs.csv")
def logs_csv(request: Request, user: UserDep, runner_uid: str) -> Response:
    return _csv(request, user, runner_uid, "logs.csv")


@router.get("/runners/{runner_uid}/activities.csv")
def activities_csv(request: Request, user: UserDep, runner_uid: str) -> Response:
    return _csv(request, user, runner_uid, "activities.csv")


@router.get("/runners/{runner_uid}/outcomes.csv")
def outcomes_csv(request: Request, user: UserDep, runner_uid: str) -> Response:
    return _csv(request, user, runner_uid, "outcomes.csv")
