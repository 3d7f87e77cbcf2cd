"""Hostile export documents for ``footfix import-data``: too large, too deep, huge numbers, not
text. Each is a clear refusal (exit 2, no traceback) before anything is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from footfix.domain.limits import MIB, Limits
from footfix.services import tracking
from footfix.services.errors import ServiceError
from tests.cli_runner import run_cli


def _exported(tmp_path: Path) -> Path:
    assert run_cli("runner", "add", "ann")[0] == 0
    assert run_cli("log", "-r", "ann", "--date", "2026-01-05", "--first-step", "3")[0] == 0
    out = tmp_path / "ann.json"
    assert run_cli("export", "-r", "ann", "-o", str(out))[0] == 0
    return out


def _runners() -> str:
    return run_cli("runner", "list")[1]


def test_a_document_past_the_size_limit_is_refused_before_it_is_read(
    cli_env: str, tmp_path: Path
) -> None:
    real = _exported(tmp_path)
    # a real export grown one byte past the default limit (sparse: it takes no disk)
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.write(real.read_bytes())
        handle.truncate(64 * MIB + 1)
    code, out = run_cli("import-data", str(big), "--as", "copy")
    assert code == 2, out
    assert "larger than 64 MiB" in out
    assert "copy" not in _runners()


def test_the_size_limit_comes_from_the_limits(cli_env: str, tmp_path: Path) -> None:
    real = _exported(tmp_path)
    size = real.stat().st_size
    assert tracking.read_export_file(real, Limits(export_max_bytes=size))["runner"]["name"] == "ann"
    with pytest.raises(ServiceError, match="larger than") as caught:
        tracking.read_export_file(real, Limits(export_max_bytes=size - 1))
    assert caught.value.kind == "too_large"


def test_a_pipe_without_a_size_is_still_bounded(tmp_path: Path) -> None:
    # /dev/zero states no size and never ends: the read stops one byte past the limit
    with pytest.raises(ServiceError, match="larger than"):
        tracking.read_export_file(Path("/dev/zero"), Limits(export_max_bytes=MIB))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"schema_version": ' + "9" * 5000 + "}", "cannot be read"),
        (b"\xff\xfe{}".decode("latin-1"), "not a text file"),
        ('{"schema_version": 2,', "not JSON"),
    ],
    ids=["deep", "huge-integer", "not-utf8", "cut-short"],
)
def test_malformed_documents_are_clear_refusals(
    cli_env: str, tmp_path: Path, text: str, why: str
) -> None:
    doc = tmp_path / "doc.json"
    doc.write_bytes(text.encode("latin-1"))
    code, out = run_cli("import-data", str(doc))
    assert code == 2, out
    assert why in out


def test_a_real_export_still_round_trips(cli_env: str, tmp_path: Path) -> None:
    real = _exported(tmp_path)
    assert json.loads(real.read_text())["runner"]["name"] == "ann"
    code, out = run_cli("import-data", str(real), "--as", "ann2")
    assert code == 0, out
    assert "ann2" in _runners()
