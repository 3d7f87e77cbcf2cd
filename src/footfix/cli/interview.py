"""``footfix interview`` and ``footfix assess CASE --ask``: ask in the terminal, show, keep.

The questions, their order and skip rules live in ``kb/interview.yaml`` and the session in
``services/interview.py``; this module only reads lines and prints. Lines are read through GNU
readline (the standard library's ``readline``): arrow keys move and recall instead of echoing
escape codes, Tab completes an option, and it costs no dependency (on Windows, where Python has
no readline, the console's own line editing does the same).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from footfix.cli.errors import fail
from footfix.cli.output import make_console, styled
from footfix.knowledge.interview_models import Question
from footfix.services.interview import InterviewSession, InvalidAnswer

console = make_console()
Reader = Callable[[str], str | None]

COMMANDS = (
    "Type `?` for what it means and why it is asked, `dk` (or Enter) for don't know, `skip` for "
    "later, `back` to change the last answer, `quit` to stop and resume later."
)


class Stopped(Exception):
    """The runner typed quit or closed the input: the answers so far are kept."""


def _line_editor(options: list[str]) -> None:
    try:
        import readline
    except ImportError:  # no readline on this platform: the console edits lines itself
        return
    words = [*options, "back", "skip", "quit", "dk", "yes", "no", "not sure"]

    def complete(text: str, state: int) -> str | None:
        hits = [w for w in words if w.startswith(text.strip().lower())]
        return hits[state] if state < len(hits) else None

    readline.set_completer(complete)
    readline.set_completer_delims(",")
    readline.parse_and_bind("tab: complete")


def read_line(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:
        return None


def _hint(q: Question) -> str:
    if q.kind in ("yesno", "present"):
        if q.kind == "present":
            return " [y/n/not sure, or none]"
        return " [y/n/not sure]" if q.screen else " [y/n]"
    if q.kind == "choice" and all(o.label == o.value.replace("_", " ") for o in q.options):
        return f" [{'/'.join(o.value for o in q.options)}]"
    return ""


def _show_options(q: Question) -> None:
    if q.kind not in ("choice", "choices") or _hint(q):
        return
    for i, o in enumerate(q.options, 1):
        label = "" if o.label == o.value.replace("_", " ") else f" - {o.label}"
        console.print(styled("    [cyan]{}[/] {}{}", i, o.value, label))
    if q.allow_none:
        console.print(styled("    [cyan]none[/] none of these"))


def _explain(q: Question) -> None:
    for title, text in (("What it means", q.help), ("How to", q.how_to), ("Why", q.why)):
        if text:
            console.print(styled("  [bold]{}:[/] {}", title, text))


def ask(session: InterviewSession, read: Reader, save: Callable[[], None]) -> None:
    """Ask until the session has no question left; ``save`` after every change."""
    while (step := session.next_step()) is not None:
        q = step.question
        if step.new_section:
            console.print(styled("\n[bold]{}[/]", step.section.title))
            if step.section.intro:
                console.print(styled("[dim]{}[/]", step.section.intro))
        if q.how_to:
            console.print(styled("  [dim]How to:[/] {}", q.how_to))
        if q.screen and q.help:
            console.print(styled("  [dim]Means:[/] {}", q.help))
        _show_options(q)
        _line_editor([o.value for o in q.options])
        raw = read(f"{q.prompt}{_hint(q)} ")
        command = (raw or "").strip().lower() if raw is not None else "quit"
        if q.kind == "present" and command in ("none", "none of these"):
            command = "none"
        if command in ("quit", "q", "exit"):
            raise Stopped
        if command in ("?", "help", "h"):
            _explain(q)
            continue
        if command in ("back", "b"):
            was = session.shown_value(session.asked[-1]) if session.asked else None
            if session.back() is None:
                console.print("  (this is the first question)")
            elif was is not None:
                console.print(styled("  [dim]Back one question; the answer was: {}[/]", was))
            save()
            continue
        if command == "none" and q.kind == "present":
            _none_of_these(session, q, read)
            save()
            continue
        if command in ("skip", "s"):
            session.skip(q.id)
            save()
            continue
        try:
            session.answer(q.id, raw or "")
        except InvalidAnswer as err:
            console.print(styled("  [red]{}[/]", str(err)))
            continue
        save()


def _none_of_these(session: InterviewSession, q: Question, read: Reader) -> None:
    """`none` on a warning sign: show every open one with its meaning, then confirm."""
    signs = session.open_signs(q.id)
    console.print("  The warning signs still open are:")
    for sign in signs:
        console.print(styled("   - {} [dim]({})[/]", sign.prompt, sign.help or sign.why))
    raw = read(f"None of these {len(signs)} at all? [y/n] ")
    if (raw or "").strip().lower() in ("y", "yes"):
        session.none_of_these(q.id)
    else:
        console.print("  Then answer them one at a time.")


def _choose_output(path: Path, read: Reader) -> tuple[Path, InterviewSession | None]:
    """Settle a clash before the first question: resume, overwrite or another name."""
    from footfix.services.interview import load_partial, session_from_case_file

    while True:
        saved = load_partial(path)
        if saved is not None:
            console.print(
                styled("Resuming {} answers kept in {}.", len(saved.asked), path.name + ".partial")
            )
            return path, saved
        if path.is_dir():
            raw = read(f"{path} is a folder: type a file name for the case: ")
            if raw is None or not raw.strip():
                raise Stopped
            path = path / raw.strip() if not Path(raw.strip()).is_absolute() else Path(raw.strip())
            continue
        if not path.exists():
            return path, None
        raw = read(
            f"{path} already exists: [r]esume it (ask what it leaves open), [o]verwrite it, "
            "or type another file name: "
        )
        choice = (raw or "").strip()
        if raw is None or not choice:
            raise Stopped
        if choice.lower() in ("r", "resume"):
            return path, session_from_case_file(path)
        if choice.lower() in ("o", "overwrite"):
            return path, None
        path = Path(choice)


def interview(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Case file to write (resumes its kept answers)."),
    ] = None,
) -> None:
    from footfix.intake.errors import IntakeError
    from footfix.services.interview import partial_path, save_partial, write_case

    path = out or Path(f"footfix-case-{dt.date.today().isoformat()}.yaml")
    console.print(
        styled("[bold]footfix interview[/] - {}", "decision support only; it does not diagnose.")
    )
    try:
        path, resumed = _choose_output(path, read_line)
    except (InvalidAnswer, IntakeError) as err:
        fail(str(err))
    except (Stopped, KeyboardInterrupt):
        console.print("\nStopped before the first question; nothing was written.")
        raise typer.Exit(130) from None
    session = resumed or InterviewSession()
    console.print(COMMANDS)
    try:
        ask(session, read_line, lambda: save_partial(path, session))
    except (Stopped, KeyboardInterrupt) as stop:
        save_partial(path, session)
        console.print(
            styled(
                "\n[yellow]Stopped.[/] {} answers are kept in {}; resume with: "
                "footfix interview --out {}",
                len(session.asked),
                str(partial_path(path)),
                str(path),
            )
        )
        raise typer.Exit(130 if isinstance(stop, KeyboardInterrupt) else 0) from None
    case = session.finished_case(case_id=f"interview-{dt.date.today().isoformat()}")
    write_case(path, case)
    console.print(styled("\nCase written to [bold]{}[/].\n", str(path)))
    from footfix.cli.core_commands import assess

    assess(path)


def ask_unknowns(case_file: Path, fields: list[str]) -> bool:
    """``assess --ask``: ask the "would help most" questions, update the case file in place.

    Returns whether anything was answered (then the caller assesses again).
    """
    from footfix.intake.load import load_case
    from footfix.services.interview import (
        questions_for_fields,
        screen_unanswered,
        session_from_case_file,
        write_case,
    )

    open_screen = screen_unanswered(load_case(case_file))
    questions = [*open_screen, *questions_for_fields(fields)]
    session = session_from_case_file(case_file, only=[q.id for q in questions])
    if session.next_step() is None:
        console.print("Nothing left to ask that a runner can answer alone.")
        return False
    console.print(styled("\n[bold]Answer what would help most[/] - {}", COMMANDS))
    before = session.state()

    def keep() -> None:  # answers go into the case file as they come
        write_case(case_file, session.finished_case())

    try:
        ask(session, read_line, keep)
    except (Stopped, KeyboardInterrupt):
        console.print("\nStopped; the answers given so far are saved in the case file.")
    if session.state() == before:
        return False
    keep()
    console.print(styled("Updated [bold]{}[/]; assessing again.\n", str(case_file)))
    return True
