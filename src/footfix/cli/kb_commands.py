"""Knowledge-base commands: kb check | list | show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from footfix.cli.errors import fail
from footfix.cli.output import make_console, styled

if TYPE_CHECKING:
    from footfix.knowledge.kb import KnowledgeBase

out = make_console()
KINDS = ("tissues", "findings", "red_flags", "root_causes", "phases", "exercises", "references")


def register(app: typer.Typer) -> None:
    kb = typer.Typer(help="Check and browse the knowledge base.", no_args_is_help=True)
    kb.command("check", help="Validate ids, ranges and cross-references.")(check)
    kb.command("list", help="List entries of one kind.")(list_entries)
    kb.command("show", help="Show one entry by id.")(show)
    app.add_typer(kb, name="kb")


def _load() -> KnowledgeBase:
    from footfix.knowledge.kb import KnowledgeError, load_default

    try:
        return load_default()
    except KnowledgeError as err:
        fail("the knowledge base does not load:", err.problems)


def check(
    all_estimates: Annotated[
        bool,
        typer.Option("--estimates", help="List every estimated likelihood ratio, graded ones too."),
    ] = False,
) -> None:
    from footfix.knowledge.check import check as run_check

    kb = _load()
    report = run_check(kb)
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in report.counts.items())
    for note in report.notes:
        out.print(styled("[dim]note: {}[/]", note))
    for est in report.estimates:
        if est.stated or all_estimates:
            out.print(styled("[dim]estimate: {} ({}): {}[/]", est.finding, est.ratios, est.reason))
    if not report.ok:
        fail(f"knowledge base {kb.version}: {len(report.errors)} problem(s)", report.errors)
    out.print(styled("[green]Knowledge base {} is valid[/]: {}.", kb.version, counts))


def _entries(kb, kind: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    if kind == "red_flags":
        return {f.id: f for f in kb.red_flags}
    if kind == "root_causes":
        return {c.id: c for c in kb.root_causes}
    if kind == "phases":
        return {p.id: p for p in kb.phases.phases}
    return dict(getattr(kb, kind))


def list_entries(
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(KINDS)}.")] = "tissues",
) -> None:
    if kind not in KINDS:
        fail(f"unknown kind '{kind}'; choose one of: {', '.join(KINDS)}")
    kb = _load()
    for key, entry in _entries(kb, kind).items():
        title = getattr(entry, "title", None) or getattr(entry, "citation", "")
        out.print(styled("[bold]{}[/]  {}", key, title))


def show(entry_id: Annotated[str, typer.Argument(help="An id of any kind.")]) -> None:
    import yaml

    kb = _load()
    for kind in KINDS:
        entry = _entries(kb, kind).get(entry_id)
        if entry is not None:
            data = entry.model_dump(mode="json", exclude_none=True)  # type: ignore[attr-defined]
            data = {k: v for k, v in data.items() if not isinstance(v, dict) or "op" not in v}
            out.print(styled("[dim]{}[/]", kind))
            out.print(yaml.safe_dump(data, sort_keys=False, width=96))
            if kind == "tissues" and entry_id in kb.differential.priors:
                out.print(f"prior: {kb.differential.priors[entry_id].p}")
            return
    fail(f"no knowledge-base entry with id '{entry_id}'")
