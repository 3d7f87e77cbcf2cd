"""Mutation fuzzing of every reader footfix exposes to outside files (used by the tests with a
short budget and by ``python -m bench fuzz`` with a long one)."""

from __future__ import annotations

import contextlib
import time
import tracemalloc
from collections.abc import Callable

from hypothesis import strategies as st

from footfix.domain.limits import MIB
from footfix.ingest import read_bytes
from footfix.ingest.errors import IngestError
from footfix.intake.errors import IntakeError
from footfix.intake.load import parse_case_text
from tests.hostile.crafted import fit_run, gpx, zip_of

# CPU seconds for one mutant (each under ~20 KB). `python -m bench fuzz` (2,000 mutants of each
# seed): the slowest took 6.9 ms, the median under 1 ms; 0.5 s leaves some 70 times that, so a
# quadratic step or a missing bound fails here while a loaded machine does not (CPU time, not
# wall time). The issue's own ceiling is 2 s per input.
MAX_SECONDS = 0.5
MAX_PEAK_MIB = 256  # well under the 64 MiB file limit times the few copies a reader makes

TCX = (
    b'<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
    b'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2025-05-01T07:00:00Z'
    b'</Id><Lap StartTime="2025-05-01T07:00:00Z"><TotalTimeSeconds>60</TotalTimeSeconds>'
    b"<DistanceMeters>200</DistanceMeters><Track>"
    + b"".join(
        f"<Trackpoint><Time>2025-05-01T07:00:{s:02d}Z</Time><DistanceMeters>{s * 3}"
        f"</DistanceMeters><Cadence>85</Cadence></Trackpoint>".encode()
        for s in range(0, 60, 5)
    )
    + b"</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
)
CASE = (
    "case_format: 1\nid: fuzz\npatient: {age: 40, painful_side: left}\nhistory: {onset: gradual}\n"
)
SEEDS = {
    "fit": fit_run(minutes=5),
    "gpx": gpx(),
    "tcx": TCX,
    "zip": zip_of({"a.fit": fit_run(minutes=3), "b.gpx": gpx()}),
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with a few byte flips, insertions, deletions or a spliced-in block."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            piece = bytes(data[at : at + draw(st.integers(1, 32))])
            data[at:at] = piece * draw(st.integers(1, 50))
    return bytes(data)


def check_reader(raw: bytes) -> float:
    """Only footfix's own refusal, within the time and memory bounds; returns the CPU time."""
    return _bounded(lambda: _read(raw))


def check_case(text: str) -> float:
    def parse() -> None:
        with contextlib.suppress(IntakeError):
            parse_case_text(text, "fuzz")

    return _bounded(parse)


def _read(raw: bytes) -> None:
    from footfix.ingest.sniff import detect_format

    if detect_format(raw[:16]) == "zip":
        import tempfile
        from pathlib import Path

        from footfix.ingest import import_paths

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fuzz.zip"
            path.write_bytes(raw)
            import_paths([path], workers=1)  # never raises: every problem is a skip
        return
    with contextlib.suppress(IngestError):
        read_bytes(raw, "fuzz")


def _bounded(action: Callable[[], None]) -> float:
    """Run ``action`` twice: under tracemalloc for its peak memory, then untraced for its time.

    The time is this process's CPU time (``workers=1``: no pool), so other work on a shared
    machine does not count, and tracemalloc (which slows Python about threefold) is off.
    """
    tracemalloc.start()
    try:
        action()
        peak = tracemalloc.get_traced_memory()[1] / MIB
    finally:
        tracemalloc.stop()
    assert peak < MAX_PEAK_MIB, f"peak {peak:.0f} MiB"
    started = time.process_time()
    action()
    took = time.process_time() - started
    assert took < MAX_SECONDS, f"took {took:.2f} s of CPU"
    return took
