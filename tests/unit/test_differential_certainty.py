"""Issue 9 item 6: certainty that isn't there. Dependent findings count once, and results say
likelihood in words."""

from __future__ import annotations

from footfix.assess import assess
from footfix.intake import parse_case

MORNING = {
    "first_step_pain": True,
    "warms_up": True,
    "aggravating": ["first_steps", "after_sitting"],
    "easing": ["movement"],
}


def scores(history: dict[str, object]) -> dict[str, float]:
    result = assess(
        parse_case(
            {
                "case_format": 1,
                "patient": {"painful_side": "left"},
                "history": {"pain_location": ["medial_heel"], **history},
            }
        )
    )
    return {t.id: t.score for t in result.tissues}


def test_the_morning_pain_pattern_is_counted_once_not_five_times() -> None:
    once = scores({"first_step_pain": True})
    five = scores(MORNING)
    assert abs(five["plantar_fascia"] - once["plantar_fascia"]) < 0.01, (once, five)


def test_likelihood_is_said_in_words_and_a_thin_case_is_not_certain() -> None:
    result = assess(
        parse_case(
            {
                "case_format": 1,
                "patient": {"painful_side": "left"},
                "history": {"pain_location": ["medial_heel"], **MORNING},
            }
        )
    )
    words = [t.likelihood for t in result.tissues]
    assert set(words) <= {"likely", "possible", "less likely"}
    assert words[0] in {"likely", "possible"} and "less likely" in words
    assert result.tissues[0].score < 0.95  # a history-only pattern is not "100 %"


def test_the_terminal_shows_words_not_percentages() -> None:
    from tests.cli_runner import run_cli  # the project's in-process CLI runner
    from tests.paths import CASES

    case = str(CASES / "E01-pf-ankle-df-load-spike.yaml")
    code, out = run_cli("assess", case)
    assert code == 0
    assert "What probably hurts: Plantar fascia (plantar fasciopathy) (likely)" in out
    assert "Score" not in out
    code, full = run_cli("assess", case, "--full")  # the tissue table is behind --full
    assert code == 0
    assert "Likelihood" in full and "Score" not in full
