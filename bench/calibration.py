"""Calibration of the tissue ranking on the project's own cases (issue 9 item 6).

For every example case and vignette with an expected primary tissue, the top tissue's band
(likely / possible / less likely) is recorded with whether it was right; the reliability of a
band is the share of its cases whose top tissue was the expected one. Also the mean top score
per band, so an over-confident band (high scores, lower hit rate) shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from footfix.assess import assess
from footfix.intake.load import load_case

ROOT = Path(__file__).resolve().parents[1]
CASE_DIRS = (ROOT / "tests" / "data" / "cases", ROOT / "tests" / "cases" / "vignettes")


@dataclass
class Band:
    cases: int = 0
    right: int = 0
    score_sum: float = 0.0


def calibration() -> dict[str, Band]:
    bands = {name: Band() for name in ("likely", "possible", "less likely")}
    for directory in CASE_DIRS:
        for path in sorted(directory.glob("*.yaml")):
            case = load_case(path)
            expected = (case.expected or {}).get("primary_tissue")
            if not expected:
                continue
            top = assess(case).tissues[0]
            band = bands[top.likelihood]
            band.cases += 1
            band.right += top.id == expected
            band.score_sum += top.score
    return bands


def report() -> list[str]:
    lines = []
    for name, b in calibration().items():
        if not b.cases:
            lines.append(f"  {name:<11}: no cases")
            continue
        lines.append(
            f"  {name:<11}: top tissue right in {b.right}/{b.cases} "
            f"({b.right / b.cases:.0%}); mean top score {b.score_sum / b.cases:.2f}"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(report()))
