"""``footfix assess CASE`` opens with the plain-words summary the web's result page shows and
fits one screen (at most 45 lines at 100 columns for every shared case, where the tables ran to
114-365); ``--full`` adds every table after the same summary; no internal id of the knowledge
base reaches a reader in either."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from footfix.cli.render_assessment import render
from footfix.intake.load import load_case
from footfix.knowledge.kb import load_default
from footfix.services.assessment import assess_case
from footfix.services.result_summary import summarise
from tests.paths import CASES, WATCH

SHARED = sorted(CASES.glob("*.yaml"))
ONE_SCREEN = 45


def _ids() -> re.Pattern[str]:
    kb = load_default()
    ids = {*kb.tissues, *kb.exercises, *kb.avoid, *(p.id for p in kb.phases.phases)}
    ids |= {f.id for f in kb.red_flags} | {c.id for c in kb.root_causes}
    named = sorted((i for i in ids if "_" in i), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, named)) + r")\b")


INTERNAL = _ids()


def _shown(path: Path, full: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, legacy_windows=False)
    render(assess_case(load_case(path)), console, full=full)
    return buffer.getvalue()


def _flat(text: str) -> str:
    """The words alone: box drawing and line wrapping removed."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("path", SHARED, ids=lambda p: p.stem)
def test_the_summary_fits_one_screen_and_says_no_ids(path: Path) -> None:
    short, full = _shown(path, False), _shown(path, True)
    assert len(short.splitlines()) <= ONE_SCREEN, short
    assert len(full.splitlines()) > len(short.splitlines())
    for text in (short, full):
        assert not INTERNAL.search(text), INTERNAL.search(text)
        assert "{" not in text  # no raw JSON
    summary = summarise(assess_case(load_case(path)))
    flat_short, flat_full = _flat(short), _flat(full)
    assert flat_short.index(_flat(summary.headline)) < 80  # the referral comes first
    for line in summary.this_week:
        assert _flat(line) in flat_short and _flat(line) in flat_full
    assert "add --full" in flat_short and "What hurts - ranked tissues" in flat_full
    assert "What hurts - ranked tissues" not in flat_short


def test_the_ids_the_issue_names_are_known_to_the_check() -> None:
    for name in ("rehab_no_running", "return_to_run_flat", "cauda_equina"):
        assert INTERNAL.search(f"x {name} y"), name


def test_a_warning_sign_check_as_next_test_says_it_can_change_the_referral() -> None:
    """The demo runner has no warning sign on what they said, yet the most useful next test is
    a warning-sign check (a warmer or redder foot): the summary must not offer it as one more
    optional test under a "no referral needed" line."""
    import footfix

    demo = Path(footfix.__file__).parent / "examples" / "demo-runner.yaml"
    result = assess_case(load_case(demo))
    assert result.referral == "none" and result.unknowns[0].kind == "red_flag_screen"
    summary = summarise(result)
    assert summary.next_test is not None and "warning-sign check" in summary.next_test
    shown = io.StringIO()
    render(result, Console(file=shown, width=100))
    assert "see a doctor first" in " ".join(shown.getvalue().split())
    calm = next(u for u in result.unknowns if u.kind != "red_flag_screen")
    first = summarise(result.model_copy(update={"unknowns": [calm]}))
    assert first.next_test is not None and "warning-sign" not in first.next_test


def test_the_tables_wrap_at_word_boundaries_on_an_80_column_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`footfix assess --full`, `progress --full` and `load` at 80 columns: every word shown is
    a word of the same output at 400 columns (no "spondyloarthrit" / "is", no "distan…")."""
    from typer.testing import CliRunner

    from footfix.cli.app import app

    monkeypatch.setenv("FOOTFIX_DATABASE_URL", f"sqlite+pysqlite:///{tmp_path / 'db.sqlite3'}")
    cli = CliRunner()
    case = str(CASES / "E05-calcaneal-stress-fracture-reds.yaml")
    fit = [str(p) for p in sorted((WATCH / "fit").glob("activity-*.fit"))]
    setup = [["runner", "add", "ann", "--start", "2026-03-02"], ["import", *fit, "--runner", "ann"]]
    setup += [["assess", case, "--save", "--runner", "ann"]]
    for day in ("2026-03-02", "2026-03-04", "2026-03-10"):
        setup.append(["log", "-r", "ann", "--date", day, "--first-step", "3", "--walk-min", "40"])
    for args in setup:
        assert cli.invoke(app, args).exit_code == 0, args
    shown = [
        ["assess", case, "--full"],
        ["progress", "--runner", "ann", "--on", "2026-03-12", "--full"],
        ["load", "--runner", "ann"],
    ]
    narrow = {}
    for args in shown:
        monkeypatch.setenv("COLUMNS", "400")
        wide = cli.invoke(app, args).output
        monkeypatch.setenv("COLUMNS", "80")
        narrow[args[0]] = cli.invoke(app, args).output
        lines = narrow[args[0]].splitlines()
        assert max(map(len, lines)) <= 80 < max(map(len, wide.splitlines()))
        words = set(re.findall(r"[A-Za-z]+", narrow[args[0]]))
        split = words - set(re.findall(r"[A-Za-z]+", wide))
        assert not split, (args, split, narrow[args[0]])
    assert "spondyloarthritis" in narrow["assess"]  # in a table column narrower than the word
    assert "Weekly running" in narrow["load"] and "Weekly trends" in narrow["progress"]
