"""A fresh clone has no team folder beside it: nothing the code, tests or benches read is there."""

from __future__ import annotations

import re
from pathlib import Path

from tests.paths import CASES, REPO, VIDEO, WATCH

# a path into the team's reference folder beside the checkout, spelt any of the usual ways
SHARED_PATH = re.compile(
    r"""(\.\./shared\b|["']shared["']|/shared/(data|cases|spec|reference)\b)"""
)


def offenders(root: Path) -> list[str]:
    found = []
    for folder in ("src", "tests", "bench"):
        for path in sorted((root / folder).rglob("*.py")):
            if path.resolve() == Path(__file__).resolve():
                continue  # this file spells the pattern out
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if SHARED_PATH.search(line):
                    found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_nothing_reads_the_shared_folder() -> None:
    assert offenders(REPO) == []


def test_the_check_catches_a_shared_path(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "bench").mkdir()
    folder = "sha" + "red"  # spelt in two halves so that this file does not match itself
    (tmp_path / "tests" / "test_x.py").write_text(f'DATA = ROOT.parent / "{folder}" / "data"\n')
    (tmp_path / "bench" / "b.py").write_text(f"open('../{folder}/cases/E01.yaml')\n")
    assert len(offenders(tmp_path)) == 2


def test_the_data_ships_with_the_repository() -> None:
    assert len(list(CASES.glob("*.yaml"))) >= 10
    assert (WATCH / "PROVENANCE.md").is_file() and (WATCH / "licenses").is_dir()
    assert (VIDEO / "PROVENANCE.md").is_file() and (VIDEO / "male_side.mp4").is_file()
