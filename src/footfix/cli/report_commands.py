"""``footfix report``: a tracked runner's (or a case file's) report as a PDF or an HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, cast

import typer

from footfix.cli import errors
from footfix.cli.output import make_console, styled, write_file

out = make_console()


def register(app: typer.Typer) -> None:
    app.command("report", help="Write the assessment, plan and progress as a PDF or HTML page.")(
        report
    )


def report(
    runner: Annotated[str | None, typer.Option("--runner", "-r", help="Tracked runner.")] = None,
    case: Annotated[
        Path | None, typer.Option("--case", help="A case file instead of a tracked runner.")
    ] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Write a PDF here.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write an HTML page here.")] = None,
    paper: Annotated[str, typer.Option("--paper", help="a4 or letter.")] = "a4",
    clinician: Annotated[
        str | None, typer.Option("--clinician", help="The clinician's name, shown on it.")
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", help="The clinician's notes (with --clinician).")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="As of this date (YYYY-MM-DD).")] = None,
) -> None:
    from footfix.cli.tracking_commands import as_local_user, named, parse_day
    from footfix.reports.render import render_html, render_pdf
    from footfix.services import report as service

    if (pdf is None) == (html is None):
        errors.fail("say what to write: --pdf FILE or --html FILE (one of them)")
    if (runner is None) == (case is None):
        errors.fail("say whose report: --runner NAME or --case CASE.yaml (one of them)")
    if paper not in ("a4", "letter"):
        errors.fail(f"--paper {paper!r}: use a4 or letter")
    if notes and not clinician:
        errors.fail("--notes go with --clinician NAME: say who wrote them")
    who = service.Clinician(clinician, notes or "") if clinician else None
    day = parse_day(on) if on else None
    if case is not None:
        content = service.report_for_case(case, made_on=day, clinician=who)
    else:
        ref = named(cast(str, runner))
        content = as_local_user(
            lambda store, actor: service.report_for_runner(
                store, actor, ref, made_on=day, clinician=who
            )
        )
    size = cast(Literal["a4", "letter"], paper)
    target = cast(Path, pdf or html)
    data: bytes | str = render_pdf(content, paper=size) if pdf else render_html(content, paper=size)
    write_file(target, data)
    out.print(styled("Wrote the report for {} to {}", content.subject, str(target)))
