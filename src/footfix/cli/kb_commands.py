"""Knowledge-base commands: kb check | list | show."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    kb = typer.Typer(help="Check and browse the knowledge base.", no_args_is_help=True)
    app.add_typer(kb, name="kb")
