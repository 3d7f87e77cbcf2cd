"""Uploads from the web and the API turned into background jobs, and a job's result in words.

Every file is checked (its type told from its first bytes, never its name; the whole upload
against the owner's quota) before any of them is stored, so a refused upload stores nothing.
Watch files (FIT, GPX, TCX, zips and whole Strava or Garmin exports, which are zips) become one
``watch_import`` job; each stride video becomes a ``stride_video`` job. Submitting the same
bytes again returns the job already there (jobs are keyed by their content).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from footfix.errors import InvalidInput
from footfix.ingest.sniff import detect_format
from footfix.services import jobs, uploads
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.import_words import activities_line, count
from footfix.services.jobs import JobView
from footfix.store.store import Store

Kind = Literal["watch", "video"]
UPLOAD_KINDS = ("watch_import", "stride_video")
WATCH_FORMATS = frozenset({"fit", "gpx", "tcx", "zip", "gzip"})
MAX_FILES = 50


@dataclass(frozen=True)
class IncomingFile:
    filename: str
    data: bytes


def video_format(head: bytes) -> str | None:
    """MP4/MOV (an ``ftyp`` box), WebM/Matroska (EBML) or AVI (RIFF): the formats phones and
    cameras record; None for anything else."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    return None


def kind_of(item: IncomingFile) -> Kind:
    """What the file is, from its bytes; a file of any other kind is refused by name."""
    shown = item.filename[:80] or "a file without a name"
    if not item.data:
        raise InvalidInput(f"{shown}: the file is empty")
    head = item.data[:2048]
    if detect_format(head) in WATCH_FORMATS:
        return "watch"
    if video_format(head) is not None:
        return "video"
    raise InvalidInput(
        f"{shown}: not a watch file (FIT, GPX, TCX or a zip of them) or a video (MP4, MOV, "
        "WebM, AVI)"
    )


def submit_uploads(
    store: Store,
    files: uploads.UploadStore,
    actor: Actor,
    runner_ref: RunnerRef | None,
    items: list[IncomingFile],
    *,
    view: str | None = None,
) -> list[JobView]:
    """Check every file, then store them and submit their jobs: one job for the watch files,
    one per video. Nothing is stored when any file is refused."""
    if not items:
        raise InvalidInput("choose at least one file to upload")
    if len(items) > MAX_FILES:
        raise InvalidInput(f"at most {MAX_FILES} files at once: put more in one zip")
    if view not in (None, "side", "rear"):
        raise InvalidInput("the video's view must be 'side' or 'rear'")
    kinds = [kind_of(item) for item in items]
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
    used = uploads.used_bytes(store, actor)
    size = sum(len(item.data) for item in items)
    if used + size > files.quota_bytes:
        raise uploads.QuotaExceeded(
            f"this upload would pass your storage quota of {files.quota_bytes // 1024**2} MB "
            f"({used // 1024**2} MB used)"
        )
    watch: list[str] = []
    out: list[JobView] = []
    for item, kind in zip(items, kinds, strict=True):
        saved = uploads.save(store, files, actor, item.data, item.filename)
        if kind == "watch":
            watch.append(saved.sha256)
            continue
        params: dict[str, Any] = {"runner_uid": runner.uid, "upload": saved.sha256}
        if view:
            params["view"] = view
        out.append(jobs.submit(store, actor, "stride_video", params))
    if watch:
        params = {"runner_uid": runner.uid, "uploads": list(dict.fromkeys(watch))}
        out.insert(0, jobs.submit(store, actor, "watch_import", params))
    return out


def upload_jobs(store: Store, actor: Actor, *, limit: int = 20) -> list[JobView]:
    """The owner's recent upload jobs, newest first."""
    return [j for j in jobs.list_jobs(store, actor, limit=limit * 3) if j.kind in UPLOAD_KINDS][
        :limit
    ]


@dataclass(frozen=True)
class JobLines:
    """A job as a person reads it: what it is, how far it got, what it found."""

    uid: str
    title: str
    status: str  # in words
    finished: bool
    progress_pct: int
    lines: list[str]
    error: str | None


STATUS_WORDS = {
    "waiting": "waiting to start",
    "running": "working on it",
    "done": "done",
    "failed": "could not be finished",
    "cancelled": "cancelled",
}


def describe(job: JobView) -> JobLines:
    title = "Watch files" if job.kind == "watch_import" else "Stride video"
    lines: list[str] = []
    result = job.result if isinstance(job.result, dict) else {}
    if job.status == "done" and job.kind == "watch_import":
        lines = _import_lines(result)
    elif job.status == "done" and job.kind == "stride_video":
        lines = _stride_lines(result)
    return JobLines(
        uid=job.uid,
        title=title,
        status=STATUS_WORDS.get(job.status, job.status),
        finished=job.status in jobs.FINISHED,
        progress_pct=round(job.progress * 100),
        lines=lines,
        error=job.error if job.status in ("failed", "cancelled") else None,
    )


def _import_lines(result: dict[str, Any]) -> list[str]:
    """What a watch import stored; with its sports (``sports``: sport -> count, as
    :attr:`footfix.services.watch_import.ImportOutcome.by_sport`), the runs apart from the
    other sports, which do not count toward running load."""
    imported = int(result.get("imported", 0))
    sports = result.get("sports")
    if isinstance(sports, dict):
        lines = [activities_line({str(s): int(n) for s, n in sports.items()}, "added")]
    else:  # a job that finished before its result named the sports
        lines = [count(imported, "activity added", "activities added")]
    if result.get("replaced"):
        lines.append(
            count(int(result["replaced"]), "stored copy improved", "stored copies improved")
        )
    if result.get("duplicates"):
        lines.append(count(int(result["duplicates"]), "was already stored", "were already stored"))
    skipped = [str(s) for s in result.get("skipped", [])]
    if skipped:
        lines.append(
            count(len(skipped), "file or activity left out", "files or activities left out")
        )
        lines += [f"left out: {reason}" for reason in skipped[:5]]
    return lines


def _stride_lines(result: dict[str, Any]) -> list[str]:
    lines = []
    if result.get("mode"):
        lines.append(f"Seen: {result['mode']} ({result.get('view', '?')} view)")
    for metric in result.get("metrics", []):
        value = metric.get("value")
        sides = [(s, metric.get(s)) for s in ("left", "right") if metric.get(s) is not None]
        if value is None and not sides:
            continue
        shown = (
            f"{value:g} {metric.get('unit', '')}".strip()
            if value is not None
            else ", ".join(f"{s} {v:g}" for s, v in sides) + f" {metric.get('unit', '')}"
        )
        lines.append(f"{metric.get('name', '?')}: {shown.strip()} ({metric.get('confidence')})")
    lines += [str(n) for n in result.get("notes", [])[:5]]
    return lines
