"""Uploads and their background jobs through the API: watch files, zips, exports and stride
videos in (multipart), a job out; the job's status polled until it is done."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from pydantic import BaseModel, Field

from footfix.services import jobs, sharing, upload_jobs, uploads
from footfix.services.identity import RunnerUid
from footfix.services.jobs import JobView
from footfix.services.upload_jobs import IncomingFile
from footfix.web.api.auth import ApiUser
from footfix.web.api.models import ERRORS
from footfix.web.deps import app_state

router = APIRouter(tags=["uploads"], responses=ERRORS)


class Job(BaseModel):
    id: str
    kind: str = Field(description="watch_import (watch files) or stride_video (one video)")
    status: Literal["waiting", "running", "done", "failed", "cancelled"]
    progress: float = Field(ge=0, le=1)
    result: Any = Field(
        description="when done: for watch_import imported, replaced, duplicates, skipped, "
        "files_stored; for stride_video the stride metrics as footfix stride --json prints them"
    )
    error: str | None
    attempts: int
    created_at: dt.datetime
    finished_at: dt.datetime | None


class UploadAnswer(BaseModel):
    jobs: list[Job] = Field(description="one job for the watch files, one per video")


def _job(view: JobView) -> Job:
    return Job.model_validate(view.as_json())


@router.post("/runners/{runner_uid}/uploads", response_model=UploadAnswer, status_code=202)
async def upload(
    request: Request,
    user: ApiUser,
    runner_uid: str,
    files: Annotated[list[UploadFile], File(description="watch files, zips, exports, videos")],
    view: Annotated[Literal["side", "rear"] | None, Form()] = None,
) -> UploadAnswer:
    """Upload files for one of your own runners; the work runs in the background. The request
    may be up to the server's upload limit (413 past it); each file's type is told from its
    bytes and nothing is stored when any file is refused (422)."""
    from starlette.concurrency import run_in_threadpool

    items = [IncomingFile(f.filename or "", await f.read()) for f in files]
    state = app_state(request)
    files_at = uploads.upload_store_from_env(state.settings.data_folder())

    def submit() -> list[JobView]:
        runner = sharing.own_runner(state.store, user, runner_uid)
        return upload_jobs.submit_uploads(
            state.store, files_at, user.actor, RunnerUid(runner.uid), items, view=view
        )

    return UploadAnswer(jobs=[_job(j) for j in await run_in_threadpool(submit)])


@router.get("/jobs/{job_uid}", response_model=Job)
def job_status(request: Request, user: ApiUser, job_uid: str) -> Job:
    """One of your jobs: its status, progress and, when done, its result."""
    return _job(jobs.status(app_state(request).store, user.actor, job_uid))
