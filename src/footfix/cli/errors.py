"""How the CLI shows problems: a clear message, never a traceback."""

from __future__ import annotations

import os
import traceback

from rich.console import Console

console = Console(stderr=True)


def fail(message: str, details: list[str] | None = None, code: int = 2) -> None:
    """Print a user-facing error and exit."""
    import typer

    console.print(f"[bold red]Error:[/] {message}")
    for line in details or []:
        console.print(f"  - {line}", highlight=False, markup=False)
    raise typer.Exit(code)


def report_unexpected(err: BaseException) -> None:
    console.print(
        f"[bold red]Something went wrong:[/] {type(err).__name__}: {err}\n"
        "Nothing was changed. Set FOOTFIX_DEBUG=1 to see the details for a bug report."
    )
    if os.environ.get("FOOTFIX_DEBUG"):
        console.print(traceback.format_exc(), markup=False, highlight=False)
