"""Crafted case files are refused with a clear message, never a crash or a blow-up."""

from __future__ import annotations

import json
import time

import pytest

from footfix.intake.errors import IntakeError
from footfix.intake.load import parse_case_text
from tests.cli_runner import run_cli

GOOD = "case_format: 1\npatient: {age: 40}\n"


def _refused(text: str) -> str:
    started = time.perf_counter()
    with pytest.raises(IntakeError) as caught:
        parse_case_text(text, "crafted")
    assert time.perf_counter() - started < 2
    return str(caught.value)


def test_a_yaml_alias_bomb_is_refused_quickly() -> None:
    lines = ["case_format: 1", 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    message = _refused("\n".join(lines) + "\n")
    assert "values" in message or "aliases" in message


def test_many_aliases_are_refused() -> None:
    text = "case_format: 1\nx: &x 1\nlist: [" + ",".join(["*x"] * 500) + "]\n"
    assert "aliases" in _refused(text)


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    assert "nested" in _refused("case_format: 1\nx: " + "[" * depth + "]" * depth + "\n")
    doc = '{"case_format": 1, "x": ' + "[" * depth + "]" * depth + "}"
    assert "nested" in _refused(doc)


def test_huge_integers_are_a_clear_error() -> None:
    assert "cannot be read" in _refused("case_format: 1\npatient: {age: " + "9" * 5000 + "}\n")


@pytest.mark.parametrize("value", ["true", "1.0", "'1'"])
def test_case_format_must_be_the_integer_1(value: str) -> None:
    assert "not supported" in _refused(f"case_format: {value}\n")


def test_duplicate_keys_are_refused_not_silently_dropped() -> None:
    assert "appears twice" in _refused("case_format: 1\npatient: {age: 40}\npatient: {age: 50}\n")
    assert "appears twice" in _refused('{"case_format": 1, "case_format": 1}')


def test_a_lone_surrogate_is_refused() -> None:
    assert "surrogate" in _refused(json.dumps({"case_format": 1, "id": "\ud800"}))


def test_a_good_case_still_parses() -> None:
    assert parse_case_text(GOOD).patient.age == 40


def test_a_start_date_in_year_1_is_refused(cli_env: str) -> None:
    code, out = run_cli("runner", "add", "ann", "--start", "0001-01-01")
    assert code == 2 and "before 1990" in out
