"""How the CLI shows problems: a clear message, never a traceback.

Messages carry outside text (paths, runner names, case ids, option values), so they are printed
literally (:mod:`footfix.cli.output`): a name like ``[/b]x`` shows as typed and cannot crash the
error path itself.
"""

from __future__ import annotations

import os
import traceback

from footfix.cli.output import make_console, styled

console = make_console(stderr=True)


def fail(message: str, details: list[str] | None = None, code: int = 2) -> None:
    """Print a user-facing error and exit."""
    import typer

    console.print(styled("[bold red]Error:[/] {}", message))
    for line in details or []:
        console.print(f"  - {line}")
    raise typer.Exit(code)


def report_unexpected(err: BaseException) -> None:
    console.print(styled("[bold red]Something went wrong:[/] {}: {}", type(err).__name__, err))
    console.print("Nothing was changed. Set FOOTFIX_DEBUG=1 to see the details for a bug report.")
    if os.environ.get("FOOTFIX_DEBUG"):
        console.print(traceback.format_exc())
