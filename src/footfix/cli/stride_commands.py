"""``footfix stride VIDEO``: measure a running stride from a phone video.

OpenCV, MediaPipe and matplotlib are imported inside the command so other commands start fast.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from footfix.cli.errors import fail
from footfix.cli.output import make_console, styled

if TYPE_CHECKING:
    from footfix.services.stride import StrideResult

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
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result as JSON (docs/json-output.md).")
    ] = False,
) -> None:
    from footfix.cli.native_stderr import native_chatter_hidden
    from footfix.cli.progress_bar import progress_bar
    from footfix.errors import FootfixError
    from footfix.services.stride import analyse_stride

    if view not in (None, "side", "rear"):
        fail(f"--view must be 'side' or 'rear', got {view!r}.")
    crop = parse_box(box)
    try:
        with native_chatter_hidden(), progress_bar() as on_progress:
            result = analyse_stride(
                video, view=view, box=crop, out_dir=out_dir, on_progress=on_progress
            )
    except FootfixError as err:
        advice = getattr(err, "advice", None)  # the video errors say what to film instead
        if advice is None:
            raise
        fail(getattr(err, "message", str(err)), [f"What to film instead: {advice}"], err.exit_code)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        show(result)


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return (
        f"{value:.2f}"
        if abs(value) < 10
        else f"{value:.1f}"
        if abs(value) < 100
        else f"{value:.0f}"
    )


def show(result: StrideResult) -> None:
    from footfix.cli.tables import WordTable

    mode = result.mode or "unknown gait"
    if result.mode == "unclear":
        mode = f"gait unclear ({result.mode_reason})"
    title = f"Stride: {result.view} view, {mode}, {result.fps:.0f} fps"
    table = WordTable(title=title)
    for column in ("metric", "unit", "left", "right", "value", "usual", "L-R", "confidence"):
        table.add_column(column)
    for metric in result.metrics:
        known = metric.confidence != "unknown"
        conf: str = metric.confidence if known else f"unknown: {metric.reason}"
        if known and metric.confidence != "high" and metric.reason:
            conf = f"{metric.confidence}: {metric.reason}"
        usual = metric.usual_range
        table.add_row(
            metric.name, metric.unit, fmt(metric.left), fmt(metric.right), fmt(metric.value),
            "-" if usual is None else f"{fmt(usual[0])}-{fmt(usual[1])}",
            fmt(metric.left_minus_right), conf,
        )  # fmt: skip
    out.print(table)
    out.print(styled("[bold]What the numbers mean[/] (usual = typical for recreational runners):"))
    for metric in result.metrics:
        if metric.meaning:
            out.print(f"- {metric.name}: {metric.meaning}")
    if result.case_fields:
        out.print(
            styled("[bold]Case fields this video supports:[/] {}", json.dumps(result.case_fields))
        )
    for note in result.notes:
        out.print(f"- {note}")
    out.print(f"Wrote {len(result.files)} files to {Path(result.files[0]).parent}")
