"""Use case: a stride video becomes evidence for a case (``footfix assess CASE --video VIDEO``).

Runs the gait pipeline (:mod:`footfix.gait`) and maps its metrics onto case-format ``gait:``
fields. Fields the video cannot support are left out, and ``notes`` say why. Errors are
:class:`footfix.gait.errors.GaitError` subclasses carrying filming advice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from footfix.intake.evidence import Evidence


def evidence_from_video(
    path: Path,
    view: str | None = None,
    box: tuple[int, int, int, int] | None = None,
    progress: bool = False,
) -> Evidence:
    """Analyse ``path`` and return ``Evidence(source="video", patch={"gait": {...}}, notes)``."""
    from footfix.gait import analyse_video
    from footfix.gait.findings import gait_patch

    callback: Callable[[int, int], None] | None = None
    if progress:
        from rich.progress import Progress

        bar = Progress(transient=True)
        task = bar.add_task("Analysing stride video", total=None)
        bar.start()

        def callback(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

    try:
        report = analyse_video(path, view=view, box=box, progress=callback)
    finally:
        if progress:
            bar.stop()
    patch, notes = gait_patch(report)
    mode: str = report.mode or "gait unknown"
    if report.mode == "unclear":
        mode = f"gait unclear ({report.mode_reason})"
    summary = f"Stride video {path.name}: {report.view} view, {mode}."
    return Evidence(source="video", patch=patch, notes=[summary, *report.notes, *notes])
