"""Core commands: assess, schema, demo, exercises, interview."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from footfix.cli.errors import fail
from footfix.cli.output import make_console, styled, write_file

if TYPE_CHECKING:  # a type only
    from footfix.knowledge.models import Exercise

out = make_console()

DEMO_CASE = "demo-runner.yaml"


def register(app: typer.Typer) -> None:
    app.command("assess", help="Assess a case file: red flags, tissues, causes, phase and plan.")(
        assess
    )
    app.command("schema", help="Print the JSON Schema of case files (format 1).")(schema)
    app.command("demo", help="Assess a bundled example runner and show the result.")(demo)
    app.command("exercises", help="List the plan items, or show one in full.")(exercises)
    from footfix.cli.interview import interview

    app.command("interview", help="Answer questions in the terminal; writes a case file.")(
        interview
    )


def assess(
    case_file: Annotated[Path, typer.Argument(help="Case file (YAML or JSON, format 1).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    as_markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown.")] = False,
    activities: Annotated[
        list[Path] | None,
        typer.Option("--activities", help="Watch files, folders or exports to add as evidence."),
    ] = None,
    video: Annotated[
        Path | None, typer.Option("--video", help="Stride video to add as evidence.")
    ] = None,
    view: Annotated[
        str | None, typer.Option("--view", help="Video view: side or rear (default: detect).")
    ] = None,
    box: Annotated[
        str | None,
        typer.Option("--box", help="x,y,w,h pixel box around the runner in the video."),
    ] = None,
    save: Annotated[bool, typer.Option("--save", help="Store the assessment.")] = False,
    runner: Annotated[
        str | None, typer.Option("--runner", help="Runner to store it for (with --save).")
    ] = None,
    ask: Annotated[
        bool,
        typer.Option(
            "--ask", help="Then ask what would help most, update the case file and assess again."
        ),
    ] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="After the summary, every table: tissues, causes, plan, gate, unknowns."
        ),
    ] = False,
) -> None:
    from footfix.intake.errors import IntakeError
    from footfix.intake.load import load_case
    from footfix.services.assessment import assess_case, gather_evidence

    if as_json and as_markdown:
        fail("choose one of --json and --markdown")
    if ask and (as_json or as_markdown):
        fail("--ask asks in the terminal; use it without --json or --markdown")
    if save and not runner:
        fail("--save needs --runner NAME (add one with `footfix runner add NAME`)")
    try:
        case = load_case(case_file)
    except IntakeError as err:
        fail(f"{err.source} is not a valid case file:", err.problems)
    quiet = as_json or as_markdown
    crop = None
    if box is not None:
        from footfix.cli.stride_commands import parse_box

        crop = parse_box(box)
    from footfix.cli.native_stderr import native_chatter_hidden
    from footfix.cli.progress_bar import progress_bar

    with native_chatter_hidden(), progress_bar(show=not quiet) as on_progress:
        evidence = gather_evidence(activities or [], video, view, box=crop, on_progress=on_progress)
    try:
        result = assess_case(case, evidence)
    except IntakeError as err:
        fail("the evidence could not be combined with the case:", err.problems)
    if ask:
        from footfix.cli.interview import ask_unknowns
        from footfix.cli.render_assessment import render

        render(result, out, full=full)
        if ask_unknowns(case_file, [u.id for u in result.unknowns]):
            assess(case_file, False, False, activities, video, view, box, save, runner, False, full)
            return
    if save and runner:
        from footfix.cli.tracking_commands import as_local_user, named
        from footfix.services.assessments import save_assessment

        saved_id = as_local_user(
            lambda store, me: save_assessment(store, me, named(runner), case, result)
        )
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    elif as_markdown:
        from footfix.reports.markdown import to_markdown

        typer.echo(to_markdown(result))
    elif not ask:
        from footfix.cli.render_assessment import render

        render(result, out, full=full)
    if save and runner:
        make_console(stderr=True).print(f"Saved as assessment {saved_id} for {runner}.")


def schema() -> None:
    from footfix.intake.case_model import CaseFile

    typer.echo(json.dumps(CaseFile.model_json_schema(), indent=2))


def demo_case_path() -> Path:
    return Path(str(resources.files("footfix") / "examples" / DEMO_CASE))


def demo() -> None:
    path = demo_case_path()
    out.print(styled("[dim]Demo: assessing the bundled example runner ({})[/]\n", path.name))
    assess(path)


def _write_figure(ex: Exercise, path: Path) -> None:
    from footfix.reports.exercise_figure import figure_svg

    if ex.figure is None:
        fail(f"'{ex.id}' has no picture: it is not a movement (see its steps instead)")
    write_file(path, figure_svg(ex.figure, ex.title))
    out.print(styled("Wrote the picture of {} to {}", ex.title, str(path)))


def exercises(
    item: Annotated[str | None, typer.Argument(help="A plan item id, e.g. runners_lunge.")] = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Write the item's picture (start, end) as SVG.")
    ] = None,
) -> None:
    from footfix.cli.tables import WordTable
    from footfix.knowledge.kb import load_default
    from footfix.services.plain_words import category_title

    kb = load_default()
    if item is None:
        table = WordTable(title="Plan items")
        table.add_column("id", no_wrap=True)  # whole: `footfix exercises ID` takes it
        table.add_column("Title")
        table.add_column("Categories")
        table.add_column("Region")
        for entry in kb.exercises.values():
            region = entry.region.replace("_", " ")
            steps = ", ".join(category_title(c) for c in entry.categories)
            table.add_row(entry.id, entry.title, steps, region)
        out.print(table)
        return
    ex = kb.exercises.get(item)
    if ex is None:
        import difflib

        close = difflib.get_close_matches(item, list(kb.exercises), n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        fail(f"no plan item '{item}'.{hint} See `footfix exercises` for the list.")
        return
    if svg is not None:
        _write_figure(ex, svg)
        return
    out.print(styled("[bold]{}[/] ({}) - {}", ex.title, ex.id, ", ".join(ex.categories)))
    out.print(ex.purpose)
    out.print(styled("\n[bold]How to[/]"))
    for i, step in enumerate(ex.steps, 1):
        out.print(f"  {i}. {step}")
    out.print(styled("\n[bold]Dose[/]: {}", ex.dose))
    out.print(styled("[bold]Progression[/]: {}", ex.progression))
    out.print(styled("[bold]Regression[/]: {}", ex.regression))
    if ex.contraindications:
        out.print(styled("[bold]Not when[/]: {}", "; ".join(ex.contraindications)))
    refs = [kb.references[s].citation for s in ex.sources if s in kb.references]
    out.print(styled("[dim]Sources: {}[/]", " | ".join(refs)))
