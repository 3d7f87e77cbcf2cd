"""Use case: a stride video becomes evidence for a case (``footfix assess CASE --video VIDEO``).

Runs the gait pipeline (:mod:`footfix.gait`) and maps its metrics onto case-format ``gait:``
fields. Fields the video cannot support are left out, and ``notes`` say why. Errors are
:class:`footfix.gait.errors.GaitError` subclasses carrying filming advice.
"""

from __future__ import annotations

from pathlib import Path

from footfix.intake.evidence import Evidence
from footfix.services.progress import ProgressCallback
from footfix.services.progress import report as progress


def evidence_from_video(
    path: Path,
    view: str | None = None,
    box: tuple[int, int, int, int] | None = None,
    on_progress: ProgressCallback | None = None,
) -> Evidence:
    """Analyse ``path`` and return ``Evidence(source="video", patch={"gait": {...}}, notes)``."""
    from footfix.services.settings import load_worker_settings
    from footfix.services.video_stack import require_video_stack

    require_video_stack("assess --video")
    from footfix.gait import analyse_video
    from footfix.gait.findings import gait_patch

    stage = "Analysing stride video"
    report = analyse_video(
        path,
        view=view,
        box=box,
        progress=lambda d, t: progress(on_progress, stage, d, t),
        workers=load_worker_settings().video_workers,
    )
    patch, notes = gait_patch(report)
    mode: str = report.mode or "gait unknown"
    if report.mode == "unclear":
        mode = f"gait unclear ({report.mode_reason})"
    summary = f"Stride video {path.name}: {report.view} view, {mode}."
    return Evidence(source="video", patch=patch, notes=[summary, *report.notes, *notes])
