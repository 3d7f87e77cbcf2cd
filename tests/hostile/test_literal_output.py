"""Outside text (names, paths, case ids, values) is shown as typed, never read as markup."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.control import strip_control_codes

from footfix.cli import errors
from footfix.cli.output import make_console, styled
from tests.cli_runner import run_cli
from tests.paths import CASES

NASTY = ["[/b]x", "[bold red]WARNING[/]", "a\\\\", "[link=file:///etc]x[/link]", ":warning:"]


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text())
def test_styled_keeps_any_value_literal(a: str, b: str) -> None:
    text = styled("[bold]{}[/] and [dim]{}[/]", a, b)
    # control codes (a terminal escape sequence in a name) are dropped, everything else kept
    assert text.plain == strip_control_codes(f"{a} and {b}")


def test_styled_value_ending_in_backslashes_does_not_swallow_the_closing_tag() -> None:
    # rich.markup.escape leaves "x\\\\" able to escape the template's "[/]"
    assert styled("[bold]{}[/] end", "x\\\\").plain == "x\\\\ end"


def test_consoles_print_strings_literally() -> None:
    console = make_console()
    with console.capture() as captured:
        for value in NASTY:
            console.print(value)
    assert captured.get().split("\n")[:-1] == NASTY


def test_error_handler_survives_markup_in_the_message(capsys) -> None:  # type: ignore[no-untyped-def]
    errors.report_unexpected(ValueError("closing tag '[/x]' has nothing to close"))
    out = capsys.readouterr().err
    assert "ValueError: closing tag '[/x]' has nothing to close" in " ".join(out.split())


def test_unknown_runner_named_like_markup_is_reported_as_typed(cli_env: str) -> None:
    code, out = run_cli("runner", "add", "[/b]x", "--start", "2026-01-05")
    assert code == 0 and "[/b]x" in out
    code, out = run_cli("progress", "--runner", "[/b]y")
    assert code == 2 and "[/b]y" in out


def test_case_path_and_id_are_not_markup(tmp_path: Path) -> None:
    missing = tmp_path / "[/b]nothing.yaml"
    code, out = run_cli("assess", str(missing))
    assert code == 2 and "[/b]nothing.yaml" in out
    text = (CASES / "E01-pf-ankle-df-load-spike.yaml").read_text()
    lines = [
        ("id: '[bold white on red]EMERGENCY[/]'" if line.startswith("id:") else line)
        for line in text.splitlines()
    ]
    case = tmp_path / "case.yaml"
    case.write_text("\n".join(lines) + "\n")
    console = Console(record=True, width=200)
    from footfix.assess import assess
    from footfix.cli.render_assessment import render
    from footfix.intake.load import load_case

    render(assess(load_case(case)), console)
    assert "[bold white on red]EMERGENCY[/]" in console.export_text()
