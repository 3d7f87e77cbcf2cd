"""Core commands: assess, schema, demo, exercises, interview."""

from __future__ import annotations

import json

import typer


def register(app: typer.Typer) -> None:
    app.command("schema", help="Print the JSON Schema of case files (format 1).")(schema)


def schema() -> None:
    from footfix.intake.case_model import CaseFile

    typer.echo(json.dumps(CaseFile.model_json_schema(), indent=2))
