"""The built-in job kinds. Each handler calls the same service an interface would call."""

from __future__ import annotations

import os
from typing import Any, Literal

from footfix.services.identity import RunnerUid
from footfix.services.jobs import JobContext, register


@register("export")
def export_job(ctx: JobContext) -> dict[str, Any]:
    """A runner's whole export; the result is the document (as ``footfix export`` writes)."""
    from footfix.services import tracking

    runner = RunnerUid(str(ctx.params["runner_uid"]))
    ctx.progress(0.1)
    return tracking.export_runner(ctx.store, ctx.actor, runner)


@register("watch_import")
def watch_import_job(ctx: JobContext) -> dict[str, Any]:
    """Import uploaded watch files (FIT, GPX, TCX, zips) into a runner.

    The uploads are laid out under one folder per job, named as uploaded, so a retried job reads
    the same sources; the store skips activities and files it already holds, so a retry after a
    crash stores nothing twice.
    """
    import shutil

    from footfix.ingest import import_paths
    from footfix.private_files import private_dir, write_private
    from footfix.services import uploads, watch_import
    from footfix.services.settings import default_database_path

    files = uploads.upload_store_from_env(default_database_path(dict(os.environ)).parent)
    runner = RunnerUid(str(ctx.params["runner_uid"]))
    watch_import.check_runner(ctx.store, ctx.actor, runner)
    work = private_dir(files.root / ".work" / ctx.row.uid)
    try:
        paths = []
        for position, sha256 in enumerate(ctx.params["uploads"]):
            upload, data = uploads.open_upload(ctx.store, files, ctx.actor, str(sha256))
            path = work / f"{position:05d}-{upload.filename}"
            if not path.is_file():
                write_private(path, data)
            paths.append(path)
        report = import_paths(paths, workers=1)
        ctx.progress(0.2)
        outcome = watch_import.store_report(
            ctx.store,
            ctx.actor,
            runner,
            report,
            paths,
            on_progress=lambda done, total: ctx.progress(0.2 + 0.8 * done / max(total, 1)),
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "imported": outcome.imported,
        "sports": outcome.by_sport,
        "replaced": outcome.replaced,
        "duplicates": len(outcome.duplicates),
        "skipped": [s.reason for s in outcome.skipped],
        "files_stored": outcome.files_stored,
    }


@register("stride_video")
def stride_video_job(ctx: JobContext) -> dict[str, Any]:
    """Analyse an uploaded stride video; the result is its metrics as ``footfix stride --json``
    gives them (without the keyframe files, which stay in the job's folder only while it runs)."""
    import shutil

    from footfix.private_files import private_dir, write_private
    from footfix.services import stride, uploads, watch_import
    from footfix.services.settings import default_database_path

    files = uploads.upload_store_from_env(default_database_path(dict(os.environ)).parent)
    watch_import.check_runner(ctx.store, ctx.actor, RunnerUid(str(ctx.params["runner_uid"])))
    upload, data = uploads.open_upload(ctx.store, files, ctx.actor, str(ctx.params["upload"]))
    work = private_dir(files.root / ".work" / ctx.row.uid)
    try:
        video = work / "video.mp4"  # the decoder reads the container from the bytes
        if not video.is_file():
            write_private(video, data)
        ctx.progress(0.05)
        shown_at = [0.05]

        def moved(_stage: str, done: int, total: int | None) -> None:
            fraction = 0.05 + 0.9 * done / total if total else shown_at[0]
            if fraction - shown_at[0] >= 0.02:  # a database write per 2 %, not per frame
                shown_at[0] = fraction
                ctx.progress(fraction)

        view = ctx.params.get("view")
        found = stride.analyse_stride(
            video, view=str(view) if view else None, out_dir=work / "out", on_progress=moved
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    shown = found.model_dump(mode="json", exclude={"files"})
    shown["video"] = upload.filename
    return shown


@register("report_pdf")
def report_pdf_job(ctx: JobContext) -> dict[str, Any]:
    """Render a runner's printable report; the PDF is kept with the owner's uploads (counted in
    their quota, removed with the account) and the result names it."""
    from footfix.errors import InvalidInput
    from footfix.reports.render import render_pdf
    from footfix.services import report, uploads
    from footfix.services.settings import default_database_path

    asked = str(ctx.params.get("paper") or "a4")
    if asked not in ("a4", "letter"):
        raise InvalidInput(f"paper must be a4 or letter (got {asked[:20]!r})")
    paper: Literal["a4", "letter"] = "letter" if asked == "letter" else "a4"
    runner = RunnerUid(str(ctx.params["runner_uid"]))
    content = report.report_for_runner(ctx.store, ctx.actor, runner)
    ctx.progress(0.3)
    pdf = render_pdf(content, paper=paper)
    ctx.progress(0.9)
    files = uploads.upload_store_from_env(default_database_path(dict(os.environ)).parent)
    name = f"footfix-report-{content.subject}-{paper}.pdf"
    stored = uploads.save(ctx.store, files, ctx.actor, pdf, name)
    return {"upload": stored.sha256, "bytes": stored.size_bytes, "filename": stored.filename}


@register("reassess")
def reassess_job(ctx: JobContext) -> dict[str, Any]:
    """Assess the runner's latest case again with new evidence (uploaded watch files, read as
    `footfix assess --activities` reads them) and the current knowledge base; a new assessment
    is saved only when it differs from the latest, so a retried job saves it once."""
    import shutil

    from footfix.private_files import private_dir, write_private
    from footfix.services import runner_record, uploads, watch_import
    from footfix.services.assessment import assess_case, gather_evidence
    from footfix.services.assessments import save_assessment
    from footfix.services.settings import default_database_path

    runner = RunnerUid(str(ctx.params["runner_uid"]))
    watch_import.check_runner(ctx.store, ctx.actor, runner)
    found = runner_record.latest(ctx.store, ctx.actor, runner)
    if found is None:
        from footfix.errors import NotFound

        raise NotFound("no saved assessment to assess again: answer the questions first")
    case, before = found
    files = uploads.upload_store_from_env(default_database_path(dict(os.environ)).parent)
    work = private_dir(files.root / ".work" / ctx.row.uid)
    try:
        paths = []
        for position, sha256 in enumerate(ctx.params.get("uploads") or []):
            upload, data = uploads.open_upload(ctx.store, files, ctx.actor, str(sha256))
            path = work / f"{position:05d}-{upload.filename}"
            write_private(path, data)
            paths.append(path)
        ctx.progress(0.1)
        evidence = gather_evidence(paths)
        ctx.progress(0.6)
        after = assess_case(case, evidence)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    changed = after.model_dump_json() != before.model_dump_json()
    if changed:
        save_assessment(ctx.store, ctx.actor, runner, case, after)
    return {
        "saved": changed,
        "phase": after.phase,
        "referral": after.referral,
        "top_tissue": after.tissues[0].id if after.tissues else None,
        "notes": [note for e in evidence for note in e.notes],
    }
