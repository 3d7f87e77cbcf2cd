"""Use case: ``footfix stride VIDEO`` — pose, stride metrics, then the output files.

Returns a :class:`StrideResult` (the shape ``--json`` prints and the API will serve); the
figures are rounded as shown, so the table and the JSON carry the same numbers. OpenCV and
MediaPipe are imported only when a video is analysed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from footfix.errors import InvalidInput
from footfix.services.progress import CancelCheck, ProgressCallback, check_cancelled, report

if TYPE_CHECKING:
    from footfix.gait.keypoints import PoseTrack
    from footfix.gait.metrics_model import GaitReport, Metric

Box = tuple[int, int, int, int]
STRIDE_FORMAT: Literal[1] = 1


class StrideMetric(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    name: str
    unit: str
    left: float | None
    right: float | None
    value: float | None
    usual_range: tuple[float, float] | None  # typical for recreational runners
    left_minus_right: float | None  # only when consistent and beyond the stride-to-stride spread
    confidence: Literal["high", "moderate", "low", "unknown"]
    reason: str | None
    meaning: str


class StrideResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    format: Literal[1] = STRIDE_FORMAT
    video: str
    view: Literal["side", "rear"]
    mode: str | None  # running, walking, unclear or None
    mode_reason: str
    fps: float
    metrics: list[StrideMetric]
    case_fields: dict[str, Any]  # the ``gait:`` fields of a case file this video supports
    notes: list[str]
    files: list[str]


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def _metric(metric: Metric) -> StrideMetric:
    usual = metric.spec.usual
    return StrideMetric(
        key=metric.spec.key,
        name=metric.spec.name,
        unit=metric.spec.unit,
        left=_round(metric.left),
        right=_round(metric.right),
        value=_round(metric.value),
        usual_range=None if usual is None else (usual[0], usual[1]),
        left_minus_right=_round(metric.asymmetry) if metric.asymmetry_supported else None,
        confidence=metric.confidence,
        reason=metric.reason,
        meaning=metric.spec.meaning,
    )


def analyse_stride(
    video: Path,
    *,
    view: str | None = None,
    box: Box | None = None,
    out_dir: Path | None = None,
    on_progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> StrideResult:
    """Analyse ``video`` and write metrics.json, keyframes and a joint-angle chart to
    ``out_dir`` (default: a dated folder under the user's data folder). Raises
    :class:`footfix.gait.errors.GaitError` subclasses (with filming advice) for bad clips."""
    from footfix.services.settings import load_worker_settings
    from footfix.services.video_stack import require_video_stack

    require_video_stack("footfix stride")
    from footfix.gait.pipeline import analyse_pose

    if view not in (None, "side", "rear"):
        raise InvalidInput(f"--view must be 'side' or 'rear', got {view!r}.")
    stage = "Finding the runner and the pose"
    report(on_progress, stage, 0, None)
    track = analyse_pose(
        video,
        box=box,
        progress=lambda d, t: report(on_progress, stage, d, t),
        workers=load_worker_settings().video_workers,
    )
    check_cancelled(cancelled)
    return stride_from_track(
        video, track, view=view, out_dir=out_dir, on_progress=on_progress, cancelled=cancelled
    )


def stride_from_track(
    video: Path,
    track: PoseTrack,
    *,
    view: str | None = None,
    out_dir: Path | None = None,
    on_progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> StrideResult:
    """The steps after the pose model: measure, then write the files."""
    from footfix.gait import report_from_track
    from footfix.gait.findings import gait_patch

    report(on_progress, "Measuring the stride", 0, None)
    gait = report_from_track(track, view)
    check_cancelled(cancelled)
    report(on_progress, "Drawing keyframes and chart", 0, None)
    files = _write_files(video, track, gait, out_dir or default_folder(video))
    patch, notes = gait_patch(gait)
    return StrideResult(
        video=video.name,
        view=gait.view,
        mode=gait.mode,
        mode_reason=gait.mode_reason,
        fps=round(gait.fps, 2),
        metrics=[_metric(m) for m in gait.metrics.values()],
        case_fields=dict(patch.get("gait", {})),
        notes=[*gait.notes, *notes],
        files=[str(f) for f in files],
    )


def _write_files(video: Path, track: PoseTrack, gait: GaitReport, target: Path) -> list[Path]:
    from footfix.gait.charts import write_angle_chart
    from footfix.gait.drawing import write_keyframes
    from footfix.private_files import make_private, private_dir, write_private

    xy, contacts, sign = gait.xy_px, gait.contacts, gait.forward_sign
    assert xy is not None  # always set by the analysis
    private_dir(target)
    metrics_path = write_private(target / "metrics.json", json.dumps(gait.to_json(), indent=2))
    files = [metrics_path]
    files += write_keyframes(video, xy, contacts, track.rotation_deg, sign, target)
    files.append(write_angle_chart(xy, contacts, sign, target / "joint_angles.png"))
    return make_private(files)


def default_folder(video: Path) -> Path:
    """Under the user's data folder (not wherever the command ran): the images show a body."""
    import datetime as dt
    import os

    from platformdirs import user_data_dir

    base = Path(os.environ.get("FOOTFIX_DATA_DIR") or user_data_dir("footfix")).expanduser()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return base / "stride" / f"{video.stem}-{stamp}"
