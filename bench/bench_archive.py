"""Large archives: the import's cost per zip member at 2,000 and 10,000 members.

Real Garmin and Strava exports hold thousands of files; opening the archive again for every
member once made them quadratic (2,000 members 8 s, 10,000 more than 300 s). Here the same
small FIT runs are imported as a folder and as one zip (stored and deflated), once each size,
with one process (``workers=1``, so the figures are the reading itself, not the pool):

- per member: milliseconds per file, folder and zip side by side;
- archive overhead: (zip - folder) / members;
- growth: per-member time at 10,000 over that at 2,000 (1.0 = linear; quadratic would be 5).

``FOOTFIX_BENCH_MEMBERS`` (default ``2000,10000``) and ``FOOTFIX_BENCH_RECORDS`` (records per
run, default 60) change the sizes; ``REPEATS`` runs of each are timed and the median printed.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import bench.bench_import as shapes
from bench.bench_import import write_run
from bench.timing import median_ms

SIZES = [int(n) for n in os.environ.get("FOOTFIX_BENCH_MEMBERS", "2000,10000").split(",")]
REPEATS = int(os.environ.get("FOOTFIX_BENCH_REPEATS", "3"))


def _median_s(action: Callable[[], object], repeats: int = REPEATS) -> float:
    return median_ms(action, repeats, warm_up=False) / 1000  # each run imports a whole archive


def _import(path: Path, expected: int) -> None:
    from footfix.ingest import import_paths

    report = import_paths([path], workers=1)
    assert len(report.activities) == expected and not report.skipped, report.skipped[:3]


def _list(path: Path, expected: int) -> None:
    from footfix.ingest.sources import expand_paths

    inputs, problems = expand_paths([path])
    assert len(inputs) == expected and not problems


def measure(members: int, folder: Path) -> dict[str, float]:
    runs = folder / "runs"
    runs.mkdir()
    for n in range(members):  # one a day, so that none is a duplicate of another
        write_run(runs / f"run-{n:05d}.fit", 1_300_000_000 + n * 86_400, seed=n)
    zips = {}
    for name, method in (("stored", zipfile.ZIP_STORED), ("deflated", zipfile.ZIP_DEFLATED)):
        zips[name] = folder / f"export-{name}.zip"
        with zipfile.ZipFile(zips[name], "w", method) as archive:
            for path in sorted(runs.iterdir()):
                archive.write(path, f"activities/{path.name}")
    out = {
        "folder": _median_s(lambda: _import(runs, members)),
        "zip stored": _median_s(lambda: _import(zips["stored"], members)),
        "zip deflated": _median_s(lambda: _import(zips["deflated"], members)),
        "list zip": _median_s(lambda: _list(zips["deflated"], members)),
    }
    return {name: 1000 * seconds / members for name, seconds in out.items()}


def main() -> None:
    records = int(os.environ.get("FOOTFIX_BENCH_RECORDS", "60"))
    print(f"bench_archive: FIT runs of {records} records, workers=1, {REPEATS} repeats")
    per_member: dict[int, dict[str, float]] = {}
    for members in SIZES:
        with tempfile.TemporaryDirectory(prefix="footfix-bench-") as tmp:
            shapes.RECORDS, kept = records, shapes.RECORDS  # small runs: the overhead shows
            try:
                per_member[members] = figures = measure(members, Path(tmp))
            finally:
                shapes.RECORDS = kept
        overhead = figures["zip deflated"] - figures["folder"]
        print(
            f"  {members:6d} members  ms/member: folder {figures['folder']:6.3f}  "
            f"zip stored {figures['zip stored']:6.3f}  zip deflated {figures['zip deflated']:6.3f}"
            f"  (listing {figures['list zip']:6.3f})  zip overhead {overhead:+6.3f}  "
            f"whole import {figures['zip deflated'] * members / 1000:6.2f} s"
        )
    if len(SIZES) >= 2:
        small, large = per_member[SIZES[0]], per_member[SIZES[-1]]
        growth = large["zip deflated"] / small["zip deflated"]
        print(
            f"  growth per member, {SIZES[-1]} vs {SIZES[0]} members: {growth:.2f}x "
            "(1.0 = linear; quadratic would be "
            f"{SIZES[-1] / SIZES[0]:.0f}x)"
        )


if __name__ == "__main__":
    main()
