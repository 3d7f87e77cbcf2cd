"""Run one atheris target (see the package's docstring)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["footfix"]):
    from footfix.ingest import read_bytes
    from footfix.ingest.errors import IngestError
    from footfix.intake.errors import IntakeError
    from footfix.intake.load import parse_case_text

from tests.hostile.fuzz import CASE, SEEDS

TARGETS = ("fit", "gpx", "tcx", "case")


def _reader(raw: bytes) -> None:
    with contextlib.suppress(IngestError):
        read_bytes(raw, "fuzz")


def _case(raw: bytes) -> None:
    with contextlib.suppress(IntakeError):
        parse_case_text(raw.decode("utf-8", "replace"), "fuzz")


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python -m bench.fuzz_atheris {{{','.join(TARGETS)}}} [libFuzzer flags]")
    target = sys.argv[1]
    seed = CASE.encode() if target == "case" else SEEDS[target]
    given = os.environ.get("FOOTFIX_FUZZ_CORPUS")  # the tests pass their own temporary folder
    corpus = Path(given) if given else Path(tempfile.mkdtemp(prefix=f"footfix-fuzz-{target}-"))
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "seed").write_bytes(seed)
    flags = ["-timeout=2", "-rss_limit_mb=2048", *sys.argv[2:]]
    atheris.Setup([sys.argv[0], *flags, str(corpus)], _case if target == "case" else _reader)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
