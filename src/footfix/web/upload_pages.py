"""The uploads page: watch files, zips, whole Strava or Garmin exports and stride videos.

The request's size is checked by the app's body limit (``max_upload_mb``) before anything is
read; each file's type and the owner's quota are checked by ``services.upload_jobs`` before
any file is stored. The work runs as background jobs (the in-process worker of ``footfix
serve`` or a ``footfix worker``); the page lists them with their progress, and a few lines of
``app.js`` show the upload's progress and poll the list until the jobs are done. Without
JavaScript the form posts as usual and the page says to reload it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from footfix.errors import FootfixError
from footfix.services import upload_jobs, uploads
from footfix.services.sessions import SessionUser
from footfix.services.upload_jobs import IncomingFile
from footfix.web.deps import BrowserDep, UserDep, app_state, csrf_protect, get_store
from footfix.web.forms import see_other
from footfix.web.runner_pages import actor
from footfix.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


class Posted:
    def __init__(self, files: list[IncomingFile], view: str | None) -> None:
        self.files, self.view = files, view


async def posted_files(request: Request) -> Posted:
    """The form's files, read in the event loop (the body is within the upload limit)."""
    form = await request.form()
    files = []
    for value in form.getlist("files"):
        if isinstance(value, UploadFile) and (value.filename or value.size):
            files.append(IncomingFile(value.filename or "", await value.read()))
    view = form.get("view")
    return Posted(files, view if isinstance(view, str) and view else None)


PostedDep = Annotated[Posted, Depends(posted_files)]


def upload_store(request: Request) -> uploads.UploadStore:
    return uploads.upload_store_from_env(app_state(request).settings.data_folder())


def _jobs(request: Request, user: SessionUser) -> list[upload_jobs.JobLines]:
    found = upload_jobs.upload_jobs(get_store(request), actor(user))
    return [upload_jobs.describe(j) for j in found]


def _page(
    request: Request, browser: BrowserDep, user: SessionUser, error: str = "", status: int = 200
) -> Response:
    limit = app_state(request).settings.max_upload_mb
    context = {"jobs": _jobs(request, user), "error": error, "limit_mb": limit}
    return render(request, browser, "uploads.html", context, status=status)


@router.get("/uploads", response_class=HTMLResponse)
def uploads_page(request: Request, browser: BrowserDep, user: UserDep) -> Response:
    return _page(request, browser, user)


@router.get("/uploads/status", response_class=HTMLResponse)
def uploads_status(request: Request, browser: BrowserDep, user: UserDep) -> Response:
    """The list of upload jobs alone, for the page's polling."""
    return render(request, browser, "upload_jobs.html", {"jobs": _jobs(request, user)})


@router.post("/uploads", response_class=HTMLResponse)
def uploads_post(
    request: Request, browser: BrowserDep, user: UserDep, posted: PostedDep
) -> Response:
    store, me = get_store(request), actor(user)
    try:  # a runner's account tracks one runner: itself (None)
        upload_jobs.submit_uploads(
            store, upload_store(request), me, None, posted.files, view=posted.view
        )
    except FootfixError as err:
        return _page(request, browser, user, str(err), err.http_status)
    return see_other("/uploads?done=uploaded")
