"""``footfix stride VIDEO``: measure a running stride from a phone video.

OpenCV, MediaPipe and matplotlib are imported inside the command so other commands start fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from footfix.cli.errors import fail
from footfix.cli.output import make_console, styled

out = make_console()


def register(app: typer.Typer) -> None:
    app.command(
        "stride",
        help="Measure a running stride from a side or rear video: metrics, keyframes, chart.",
    )(stride)


def parse_box(text: str | None) -> tuple[int, int, int, int] | None:
    if text is None:
        return None
    try:
        x, y, w, h = (int(v) for v in text.split(","))
    except ValueError:
        fail(f"--box must be four whole numbers x,y,w,h in pixels, got {text!r}.")
        raise AssertionError from None  # fail() exits; this keeps type checkers satisfied
    if w <= 0 or h <= 0 or x < 0 or y < 0:
        fail("--box needs a positive width and height and a top-left corner inside the frame.")
    return x, y, w, h


def stride(
    video: Annotated[Path, typer.Argument(help="Video file (MP4, MOV, ...).")],
    view: Annotated[
        str | None, typer.Option("--view", help="side or rear (default: detect).")
    ] = None,
    box: Annotated[
        str | None,
        typer.Option("--box", help="x,y,w,h pixel box around the runner when several people show."),
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Folder for metrics.json, keyframes and chart.")
    ] = None,
) -> None:
    from footfix.gait.errors import GaitError

    if view not in (None, "side", "rear"):
        fail(f"--view must be 'side' or 'rear', got {view!r}.")
    crop = parse_box(box)
    target = out_dir or _default_folder(video)
    try:
        report, files = _run(video, view, crop, target)
    except GaitError as err:
        fail(err.message, [f"What to film instead: {err.advice}"])
        return
    _show(report, files)


def _run(
    video: Path, view: str | None, box: tuple[int, int, int, int] | None, target: Path
) -> tuple[Any, list[Path]]:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from footfix.gait import report_from_track
    from footfix.gait.charts import write_angle_chart
    from footfix.gait.drawing import write_keyframes
    from footfix.gait.pipeline import analyse_pose
    from footfix.private_files import make_private, private_dir, write_private

    columns = (TextColumn("{task.description}"), BarColumn(), TimeRemainingColumn())
    with Progress(*columns, console=out, transient=True) as bar:
        task = bar.add_task("Finding the runner and the pose", total=None)
        track = analyse_pose(
            video, box=box, progress=lambda d, t: bar.update(task, completed=d, total=t)
        )
        bar.update(task, description="Measuring the stride")
        report = report_from_track(track, view)
        xy, contacts, sign = report.xy_px, report.contacts, report.forward_sign
        assert xy is not None  # always set by the analysis
        bar.update(task, description="Drawing keyframes and chart")
        private_dir(target)
        metrics_path = write_private(
            target / "metrics.json", json.dumps(report.to_json(), indent=2)
        )
        files = [metrics_path]
        files += write_keyframes(video, xy, contacts, track.rotation_deg, sign, target)
        files.append(write_angle_chart(xy, contacts, sign, target / "joint_angles.png"))
    return report, make_private(files)


def _default_folder(video: Path) -> Path:
    """Under the user's data folder (not wherever the command ran): the images show a body."""
    import datetime as dt
    import os

    from platformdirs import user_data_dir

    base = Path(os.environ.get("FOOTFIX_DATA_DIR") or user_data_dir("footfix")).expanduser()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return base / "stride" / f"{video.stem}-{stamp}"


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return (
        f"{value:.2f}"
        if abs(value) < 10
        else f"{value:.1f}"
        if abs(value) < 100
        else f"{value:.0f}"
    )


def _show(report: Any, files: list[Path]) -> None:
    from rich.table import Table

    from footfix.gait.findings import gait_patch

    mode = report.mode or "unknown gait"
    if report.mode == "unclear":
        mode = f"gait unclear ({report.mode_reason})"
    title = f"Stride: {report.view} view, {mode}, {report.fps:.0f} fps"
    table = Table(title=title)
    for column in ("metric", "unit", "left", "right", "value", "usual", "L-R", "confidence"):
        table.add_column(column)
    for metric in report.metrics.values():
        conf = metric.confidence if metric.known else f"unknown: {metric.reason}"
        if metric.known and metric.confidence != "high" and metric.reason:
            conf = f"{metric.confidence}: {metric.reason}"
        usual = metric.spec.usual
        # a left/right difference is shown only when it is consistent and beyond the spread
        diff = _fmt(metric.asymmetry) if metric.asymmetry_supported else "-"
        table.add_row(
            metric.spec.name, metric.spec.unit, _fmt(metric.left), _fmt(metric.right),
            _fmt(metric.value), "-" if usual is None else f"{_fmt(usual[0])}-{_fmt(usual[1])}",
            diff, conf,
        )  # fmt: skip
    out.print(table)
    out.print(styled("[bold]What the numbers mean[/] (usual = typical for recreational runners):"))
    for metric in report.metrics.values():
        if metric.spec.meaning:
            out.print(f"- {metric.spec.name}: {metric.spec.meaning}")
    patch, notes = gait_patch(report)
    if patch:
        out.print(styled("[bold]Case fields this video supports:[/] {}", json.dumps(patch["gait"])))
    for note in [*report.notes, *notes]:
        out.print(f"- {note}")
    out.print(f"Wrote {len(files)} files to {files[0].parent}")
