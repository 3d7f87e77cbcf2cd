"""The web's result page shows the same "This week" lines as ``footfix assess CASE``
(services.result_summary), and no internal id."""

from __future__ import annotations

import html
import re

import pytest

from footfix.services import records
from footfix.services.assessment import assess_case
from footfix.services.result_summary import summarise
from footfix.services.runner_record import next_tests
from tests.cli.test_assess_summary import INTERNAL
from tests.web.saved_assessment import CASES, save_case
from tests.web.signed_in_runner import SignedIn, signed_in

__all__ = ["signed_in"]


@pytest.mark.parametrize("case", ["E02-pf-opposite-hip-overreach", "E09-cauda-equina-emergency"])
def test_the_result_page_has_the_cli_summary(signed_in: SignedIn, case: str) -> None:
    save_case(signed_in.store, signed_in.user, case)
    page = signed_in.client.get("/result")
    assert page.status_code == 200
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.text)).split())
    parsed = records.parse_case((CASES / f"{case}.yaml").read_text(encoding="utf-8"))
    summary = summarise(assess_case(parsed))
    assert summary.this_week
    for line in summary.this_week:
        assert " ".join(line.split()) in text, line
    assert not INTERNAL.search(text), INTERNAL.search(text)


def test_a_clinical_test_name_on_the_result_page_follows_its_plain_name(
    signed_in: SignedIn,
) -> None:
    """E04's tap test and nerve-stretch test point to its nerve: the page names each in plain
    words first, with the clinician's name (Tinel, slump) only in brackets after it."""
    save_case(signed_in.store, signed_in.user, "E04-baxter-nerve-neural-tension")
    text = " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", signed_in.client.get("/result").text)).split()
    )
    jargon = re.compile(r"Tinel|slump|calcaneal squeeze|windlass", re.I)
    assert jargon.search(text)
    bracketed = " ".join(re.findall(r"\([^()]*\)", text))
    outside = re.sub(r"\([^()]*\)", " ", text)
    assert not jargon.search(outside), jargon.search(outside)
    assert "Tap test on the inside of the heel (Tinel's sign" in text
    assert "Seated nerve-stretch test (slump test)" in text and "Tinel" in bracketed


def test_a_warning_sign_check_among_the_next_tests_is_marked(signed_in: SignedIn) -> None:
    """E01's next tests include the wound question, which can change the referral: its card
    says so, and a self-test that cannot does not."""
    save_case(signed_in.store, signed_in.user, "E01-pf-ankle-df-load-spike")
    page = signed_in.client.get("/result")
    cards = re.findall(r'<form method="post" action="/result/test" class="card">(.*?)</form>',
                       page.text, re.S)  # fmt: skip
    marked = ["Warning-sign check" in card for card in cards]
    parsed = records.parse_case((CASES / "E01-pf-ankle-df-load-spike.yaml").read_text("utf-8"))
    expected = next_tests(parsed, assess_case(parsed))
    assert marked == [t.warning_sign for t in expected]
    wound = next(i for i, card in enumerate(cards) if 'value="wound"' in card)
    assert marked[wound] and not all(marked)
