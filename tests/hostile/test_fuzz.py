"""Fuzz the FIT, GPX and TCX readers, archives and case files (short budget; the long one is
``python -m bench fuzz``): only footfix's own refusals, bounded time and memory."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.fuzz import CASE, SEEDS, check_case, check_reader, mutated

FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_mutated_watch_files_are_read_or_refused(kind: str) -> None:
    @FAST
    @given(mutated(SEEDS[kind]))
    def run(raw: bytes) -> None:
        check_reader(raw)

    run()


@FAST
@given(st.binary(max_size=512))
def test_random_bytes_are_refused(raw: bytes) -> None:
    check_reader(raw)


@FAST
@given(mutated(CASE.encode()))
def test_mutated_case_files_are_parsed_or_refused(raw: bytes) -> None:
    check_case(raw.decode("utf-8", "replace"))
