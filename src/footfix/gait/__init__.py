"""Stride video -> pose -> gait events -> metrics.

Stages (each its own module, each replaceable and tested alone):

``video`` (decode, rotation) -> ``motion`` + ``select`` (which person, crop) -> ``orientation``
-> ``pose`` (MediaPipe behind :class:`~footfix.gait.pose.PoseEstimator`) -> ``signal`` (leg
swaps, gaps, low-pass) -> ``view`` -> ``events`` (Zeni 2008; foot height) -> ``metrics_*`` ->
``findings`` (case-format fields). ``pipeline`` runs the pose stages on both cores; ``analysis``
runs the signal stages. Heavy libraries are imported only when a video is analysed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from footfix.gait.errors import GaitError, UnsupportedViewError

if TYPE_CHECKING:
    from footfix.gait.keypoints import PoseTrack
    from footfix.gait.metrics_model import GaitReport

__all__ = ["GaitError", "analyse_video", "report_from_track"]


def report_from_track(track: PoseTrack, view: str | None = None) -> GaitReport:
    """Signal stages only (no video library): keypoints -> report."""
    from footfix.gait.analysis import analyse_track

    if view not in (None, "side", "rear"):
        raise UnsupportedViewError(f"Unknown view {view!r}: use 'side' or 'rear'.")
    return analyse_track(track, view)  # type: ignore[arg-type]


def analyse_video(
    path: Path,
    view: str | None = None,
    box: tuple[int, int, int, int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> GaitReport:
    """Whole pipeline on one clip; ``workers`` 0 or 1 runs it with no process pool."""
    from footfix.gait.pipeline import analyse_pose

    if view not in (None, "side", "rear"):
        raise UnsupportedViewError(f"Unknown view {view!r}: use 'side' or 'rear'.")
    track = analyse_pose(Path(path), box=box, progress=progress, workers=workers)
    return report_from_track(track, view)
