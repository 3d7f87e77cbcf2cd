"""A stride video uploaded on the web page becomes a stride_video job; the worker analyses it
(the real pose model on a real clip) and the page shows the stride metrics in words."""

from __future__ import annotations

import pytest

from footfix.services import job_worker, jobs
from footfix.services.identity import Actor
from footfix.web.settings import WebSettings
from tests.paths import VIDEO
from tests.web.signed_in_runner import SignedIn, signed_in
from tests.web.test_runner_pages import token

__all__ = ["signed_in"]


@pytest.mark.slow
# the pose model's CPU once is enough: the job table itself is tested on both backends
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_stride_video_upload_shows_its_metrics(
    signed_in: SignedIn, web_settings: WebSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOOTFIX_DATA_DIR", str(web_settings.data_folder()))
    clip = VIDEO / "male_side.mp4"
    page = signed_in.client.get("/uploads")
    sent = [("files", ("my run.mp4", clip.read_bytes(), "video/mp4"))]
    answer = signed_in.client.post(
        "/uploads", data={"csrf_token": token(page.text), "view": "side"}, files=sent
    )
    assert answer.status_code == 200
    user = signed_in.user
    me = Actor(user.user_id, user.uid, user.role, user.display_name)
    (job,) = jobs.list_jobs(signed_in.store, me)
    assert job.kind == "stride_video"
    job_worker.drain(signed_in.store)
    done = jobs.status(signed_in.store, me, job.uid)
    assert done.status == "done", done.error
    assert done.result["video"] == "my run.mp4" and "files" not in done.result
    shown = signed_in.client.get("/uploads/status").text
    assert "Stride video: done" in shown and "Seen: running (side view)" in shown
    named = [m["name"] for m in done.result["metrics"] if m["confidence"] != "unknown"]
    assert len(named) >= 3 and all(name in shown for name in named)
