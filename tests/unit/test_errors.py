"""One root for footfix's errors: every kind has an exit code and an HTTP status, and the
sources' and the store's errors arrive with the kind an interface needs."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from footfix.errors import EXIT_CODES, HTTP_STATUS, ErrorKind, FootfixError
from footfix.gait.errors import NobodyFoundError, NotAVideoError, VideoTooShortError
from footfix.ingest.errors import CorruptFile, NotAnActivity, UnsupportedFormat
from footfix.intake.errors import IntakeError
from footfix.services.errors import InvalidLogEntry, ServiceError, as_footfix_error
from footfix.store import errors as store_errors
from tests.cli_runner import run_cli


def test_every_kind_has_an_exit_code_and_an_http_status() -> None:
    assert set(EXIT_CODES) == set(ErrorKind) == set(HTTP_STATUS)
    assert HTTP_STATUS[ErrorKind.NOT_FOUND] == 404 and HTTP_STATUS[ErrorKind.CONFLICT] == 409
    assert all(code != 0 and code != 1 for code in EXIT_CODES.values())  # 1 means a bug


@pytest.mark.parametrize(
    ("err", "kind"),
    [
        (IntakeError("case.yaml", ["patient.age: too old"]), ErrorKind.INVALID_INPUT),
        (NotAVideoError("not a video"), ErrorKind.UNSUPPORTED_FILE),
        (VideoTooShortError("two strides"), ErrorKind.UNPROCESSABLE),
        (NobodyFoundError("nobody"), ErrorKind.UNPROCESSABLE),
        (UnsupportedFormat("a.txt", "not FIT"), ErrorKind.UNSUPPORTED_FILE),
        (CorruptFile("a.fit", "bad CRC"), ErrorKind.UNSUPPORTED_FILE),
        (NotAnActivity("a.fit", "settings file"), ErrorKind.UNPROCESSABLE),
        (InvalidLogEntry("bad entry", ["first_step_pain_nrs: up to 10"]), ErrorKind.INVALID_INPUT),
        (ServiceError("no phase yet", kind=ErrorKind.CONFLICT), ErrorKind.CONFLICT),
    ],
)
def test_sources_and_services_raise_from_the_root(err: Exception, kind: ErrorKind) -> None:
    assert isinstance(err, FootfixError) and err.kind is kind
    assert as_footfix_error(err) is err
    again = pickle.loads(pickle.dumps(err))  # errors cross process pools
    assert type(again) is type(err) and again.kind is kind


def test_intake_problems_are_the_details() -> None:
    err = IntakeError("case.yaml", ["patient.age: too old", "history.onset: unknown"])
    assert err.details == err.problems
    assert err.to_json()["error"] == {
        "kind": "invalid_input",
        "message": str(err),
        "details": err.problems,
    }


@pytest.mark.parametrize(
    ("err", "kind"),
    [
        (store_errors.RunnerNotFound("no runner 'bo'"), ErrorKind.NOT_FOUND),
        (store_errors.LogNotFound("no log on 2026-01-02"), ErrorKind.NOT_FOUND),
        (store_errors.RunnerExists("ann exists"), ErrorKind.CONFLICT),
        (store_errors.LogExists("2026-01-02 is logged"), ErrorKind.CONFLICT),
        (store_errors.ImportRejected("not an export"), ErrorKind.INVALID_INPUT),
        (store_errors.StoreError("could not be reached"), ErrorKind.UNAVAILABLE),
    ],
)
def test_store_errors_are_given_their_kind_in_one_place(err: Exception, kind: ErrorKind) -> None:
    translated = as_footfix_error(err)
    assert translated is not None and translated.kind is kind
    assert str(translated) == str(err) and translated.__cause__ is err


def test_a_bug_is_not_mistaken_for_a_user_error() -> None:
    assert as_footfix_error(ValueError("oops")) is None
    assert as_footfix_error(KeyError("x")) is None


def test_the_cli_exits_with_the_kind_s_code(tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("not a video", encoding="utf-8")
    code, output = run_cli("stride", str(text), "--out", str(tmp_path / "o"))
    assert code == EXIT_CODES[ErrorKind.UNSUPPORTED_FILE]
    assert "Error:" in output
