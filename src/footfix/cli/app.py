"""The ``footfix`` command. Each area registers its commands from its own module.

Command modules import heavy libraries (SQLAlchemy, OpenCV, fitdecode, matplotlib) inside the
command functions, never at module level, so that a plain ``footfix assess`` starts fast.
"""

from __future__ import annotations

import sys

import typer

from footfix.cli import errors, output
from footfix.private_files import restrict_new_files

app = typer.Typer(
    name="footfix",
    help=(
        "footfix: find what hurts in a runner's foot and why, build a whole-body plan and track "
        "the way back to running. Decision support only; it does not diagnose."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=errors.FootfixGroup,
)


def _register() -> None:
    from footfix.cli import core_commands, kb_commands

    core_commands.register(app)
    kb_commands.register(app)
    for name in (
        "tracking_commands",
        "watch_commands",
        "activity_commands",
        "stride_commands",
        "web_commands",
        "report_commands",
        "outcome_commands",
    ):
        try:
            module = __import__(f"footfix.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as err:
            if err.name != f"footfix.cli.{name}":
                raise
            continue
        module.register(app)


_register()

INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C
INTERRUPTED_TEXT = "[yellow]Interrupted: stopped; nothing half-done was stored.[/]"


def main() -> None:
    """Entry point: run the app and turn any unexpected error into a clear message."""
    restrict_new_files()  # whatever footfix writes holds health data: 0600 files, 0700 folders
    try:
        app()
    except SystemExit as done:
        if done.code == INTERRUPTED:  # Typer turns Ctrl-C into a silent exit 130
            errors.console.print(output.styled(INTERRUPTED_TEXT))
        raise
    except KeyboardInterrupt:
        errors.console.print(output.styled(INTERRUPTED_TEXT))
        sys.exit(INTERRUPTED)
    except Exception as err:  # last line of defence: a user never sees a traceback
        errors.report_unexpected(err)
        sys.exit(1)
