"""The web's result page shows the same "This week" lines as ``footfix assess CASE``
(services.result_summary), and no internal id."""

from __future__ import annotations

import html
import re

import pytest

from footfix.services import records
from footfix.services.assessment import assess_case
from footfix.services.result_summary import summarise
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
