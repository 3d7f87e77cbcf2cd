"""How the CLI shows problems: a clear message, never a traceback.

Messages carry outside text (paths, runner names, case ids, option values), so they are printed
literally (:mod:`footfix.cli.output`): a name like ``[/b]x`` shows as typed and cannot crash the
error path itself.
"""

from __future__ import annotations

import os
import traceback
from typing import Any, NoReturn

import typer
import typer.core

from footfix.cli.output import make_console, styled

console = make_console(stderr=True)


def fail(message: str, details: list[str] | None = None, code: int = 2) -> NoReturn:
    """Print a user-facing error and exit."""
    console.print(styled("[bold red]Error:[/] {}", message))
    for line in details or []:
        console.print(f"  - {line}")
    raise typer.Exit(code)


def report_unexpected(err: BaseException) -> None:
    console.print(styled("[bold red]Something went wrong:[/] {}: {}", type(err).__name__, err))
    console.print("Nothing was changed. Set FOOTFIX_DEBUG=1 to see the details for a bug report.")
    if os.environ.get("FOOTFIX_DEBUG"):
        console.print(traceback.format_exc())


def exit_for(err: BaseException) -> NoReturn:
    """The one place that turns a footfix error into a message and an exit code (by its kind);
    anything else is a bug and propagates to :func:`footfix.cli.app.main`."""
    from footfix.services.errors import as_footfix_error

    known = as_footfix_error(err)
    if known is None:
        raise err
    fail(str(known), known.details, known.exit_code)


class FootfixGroup(typer.core.TyperGroup):
    """The root command group: every command's footfix errors end in :func:`exit_for`."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as err:  # footfix's own errors end here; a bug goes on to main()
            exit_for(err)
