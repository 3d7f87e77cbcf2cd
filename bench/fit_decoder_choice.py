"""Which FIT decoder should footfix use? Measured on the real files in tests/data/watch/fit.

For each candidate library and each file this prints whether the file was decoded or refused,
the number of record messages, the summed session distance and the time taken. The broken files
in ``invalid/`` must be refused (or at least flagged); the others should decode. Run with
``python -m bench.fit_decoder_choice`` (garmin-fit-sdk is only imported here, never shipped:
its licence is the proprietary FIT Protocol License Agreement).
"""

from __future__ import annotations

import importlib.util
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "watch" / "fit"

Result = tuple[int, float]  # record count, summed session distance in metres


def _fitdecode(path: Path) -> Result:
    import fitdecode

    records, dist = 0, 0.0
    with fitdecode.FitReader(
        str(path), check_crc=fitdecode.CrcCheck.RAISE, error_handling=fitdecode.ErrorHandling.RAISE
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                if frame.name == "record":
                    records += 1
                elif frame.name == "session" and frame.has_field("total_distance"):
                    dist += frame.get_value("total_distance") or 0.0
    return records, dist


def _fitparse(path: Path) -> Result:
    import fitparse

    fit = fitparse.FitFile(str(path), check_crc=True)
    records = sum(1 for _ in fit.get_messages("record"))
    dist = sum((m.get_value("total_distance") or 0.0) for m in fit.get_messages("session"))
    return records, dist


def _garmin_sdk(path: Path) -> Result:
    from garmin_fit_sdk import Decoder, Stream

    data = path.read_bytes()
    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    if not checker.is_fit() or not checker.check_integrity():
        raise ValueError("integrity check failed")
    # check_integrity consumes the stream, so decode with a fresh one
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    if errors:
        raise ValueError(str(errors[0]))
    dist = sum((s.get("total_distance") or 0.0) for s in messages.get("session_mesgs", []))
    return len(messages.get("record_mesgs", [])), dist


def _fit_tool(path: Path) -> Result:
    from fit_tool.fit_file import FitFile
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage

    fit = FitFile.from_file(str(path))
    records, dist = 0, 0.0
    for rec in fit.records:
        msg = rec.message
        if isinstance(msg, RecordMessage):
            records += 1
        elif isinstance(msg, SessionMessage):
            dist += msg.total_distance or 0.0
    return records, dist


def _footfix(path: Path) -> Result:
    from footfix.ingest.fit_reader import read_fit_bytes

    acts = read_fit_bytes(path.read_bytes(), source=path.name)
    return sum(len(a.samples.time_s) for a in acts), sum(a.distance_m for a in acts)


CANDIDATES: dict[str, Callable[[Path], Result]] = {
    "fitdecode": _fitdecode,
    "fitparse": _fitparse,
    "garmin-fit-sdk": _garmin_sdk,
    "fit-tool": _fit_tool,
    "footfix": _footfix,
}


def _run(fn: Callable[[Path], Result], path: Path, repeats: int) -> tuple[str, Any, float]:
    times = []
    outcome: Any = None
    status = "ok"
    for _ in range(repeats):
        start = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a CRC warning counts as a refusal
                outcome = fn(path)
        except Exception as err:  # every library has its own errors; record them all
            status, outcome = "refused", f"{type(err).__name__}: {str(err)[:60]}"
        times.append(time.perf_counter() - start)
    return status, outcome, statistics.median(times)


def main() -> None:
    files = sorted(DATA.rglob("*.fit"))
    totals: dict[str, float] = {}
    for name, fn in CANDIDATES.items():
        module = {"fitdecode": "fitdecode", "fitparse": "fitparse", "fit-tool": "fit_tool",
                  "garmin-fit-sdk": "garmin_fit_sdk"}.get(name)  # fmt: skip
        if module and importlib.util.find_spec(module) is None:
            print(f"\n== {name}: not installed, skipped")
            continue
        print(f"\n== {name}")
        total = 0.0
        for path in files:
            status, outcome, median_s = _run(
                fn, path, repeats=1 if path.stat().st_size > 3e5 else 3
            )
            total += median_s
            rel = path.relative_to(DATA)
            print(f"  {rel!s:45} {status:8} {outcome!s:60.60} {median_s * 1000:8.1f} ms")
        totals[name] = total
        print(f"  total {total:.2f} s")
    print("\nTotal decode time over all files (median per file, summed):")
    for name, total in sorted(totals.items(), key=lambda kv: kv[1]):
        print(f"  {name:15} {total:7.2f} s")


if __name__ == "__main__":
    main()
