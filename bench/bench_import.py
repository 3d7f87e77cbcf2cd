"""Import throughput: footfix's importer against plain sequential fitdecode, same files, one run.

Writes N real-shaped FIT runs (1 Hz records with GPS, heart rate, cadence and running dynamics,
a session and a few events, as a Garmin watch writes them) into a temporary folder, then times:
- fitdecode: every file decoded in turn, all frames read (what a straightforward importer does);
- footfix: ``footfix.ingest.import_paths`` on the folder (compiled per-definition struct decoding
  of the needed fields only, a process pool over the CPU cores, de-duplication included).
Each side runs ``REPEATS`` times; medians and the ratio are printed.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import struct
import tempfile
import time
from pathlib import Path

FILES = int(os.environ.get("FOOTFIX_BENCH_FILES", "300"))
RECORDS = int(os.environ.get("FOOTFIX_BENCH_RECORDS", "1800"))  # a 30-minute run at 1 Hz
REPEATS = int(os.environ.get("FOOTFIX_BENCH_REPEATS", "3"))
FIT_EPOCH_UNIX_S = 631065600

_CRC = []
for _byte in range(256):
    _c = _byte
    for _ in range(8):
        _c = (_c >> 1) ^ 0xA001 if _c & 1 else _c >> 1
    _CRC.append(_c)


def _crc(data: bytes) -> int:
    crc = 0
    for b in data:
        crc = (crc >> 8) ^ _CRC[(crc ^ b) & 0xFF]
    return crc


def _definition(local: int, global_num: int, fields: list[tuple[int, int, int]]) -> bytes:
    body = struct.pack("<BBHB", 0, 0, global_num, len(fields))
    return bytes([0x40 | local]) + body + b"".join(struct.pack("BBB", *f) for f in fields)


_RECORD_FIELDS = [(253, 4, 0x86), (0, 4, 0x85), (1, 4, 0x85), (5, 4, 0x86), (73, 4, 0x86),
                  (78, 4, 0x86), (3, 1, 0x02), (4, 1, 0x02), (53, 1, 0x02), (39, 2, 0x84),
                  (41, 2, 0x84), (84, 2, 0x84), (83, 2, 0x84), (85, 2, 0x84), (7, 2, 0x84),
                  (13, 1, 0x01), (29, 4, 0x86)]  # fmt: skip
_RECORD = struct.Struct("<B IiiIIIBBBHHHHHHbI")
_SESSION_FIELDS = [(253, 4, 0x86), (2, 4, 0x86), (5, 1, 0x00), (6, 1, 0x00), (7, 4, 0x86),
                   (8, 4, 0x86), (9, 4, 0x86), (16, 1, 0x02), (22, 2, 0x84)]  # fmt: skip
_SESSION = struct.Struct("<B IIBBIIIBH")
_EVENT = struct.Struct("<B IBB")


def write_run(path: Path, start_unix_s: int, seed: int) -> None:
    rng = random.Random(seed)
    start = start_unix_s - FIT_EPOCH_UNIX_S
    out = bytearray()
    out += _definition(0, 0, [(0, 1, 0x00), (1, 2, 0x84), (2, 2, 0x84), (4, 4, 0x86)])
    out += struct.pack("<BBHHI", 0, 4, 1, 3113, start)
    out += _definition(3, 21, [(253, 4, 0x86), (0, 1, 0x00), (1, 1, 0x00)])
    out += _EVENT.pack(3, start, 0, 0)
    out += _definition(1, 20, _RECORD_FIELDS)
    distance_m, lat, lon = 0.0, 51.5 + rng.random() / 10, -0.1 + rng.random() / 10
    speed = 2.8 + rng.random()
    for i in range(RECORDS):
        v = speed + 0.3 * math.sin(i / 60)
        distance_m += v
        lat += v * 1e-5
        out += _RECORD.pack(
            1, start + i, int(lat / 180 * 2**31), int(lon / 180 * 2**31), int(distance_m * 100),
            int(v * 1000), int((30 + 5 * math.sin(i / 300) + 500) * 5), 140 + i % 20,
            82 + i % 4, rng.randrange(128), 850, 2450, 5080 + i % 30, 820, 1150, 280, 18, i * 280,
        )  # fmt: skip
    out += _EVENT.pack(3, start + RECORDS, 0, 4)
    out += _definition(2, 18, _SESSION_FIELDS)
    out += _SESSION.pack(
        2,
        start + RECORDS,
        start,
        1,
        0,
        RECORDS * 1000,
        RECORDS * 1000,
        int(distance_m * 100),
        148,
        40,
    )
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(out), b".FIT")
    header += struct.pack("<H", _crc(header))
    body = header + bytes(out)
    path.write_bytes(body + struct.pack("<H", _crc(body)))


def _fitdecode_all(paths: list[Path]) -> int:
    import fitdecode

    frames = 0
    for path in paths:
        with fitdecode.FitReader(str(path)) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage):
                    frames += 1
    return frames


def _footfix_all(folder: Path) -> int:
    from footfix.ingest import import_paths

    report = import_paths([folder])
    assert not report.skipped, report.skipped[:3]
    return len(report.activities)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="footfix-bench-") as tmp:
        folder = Path(tmp)
        paths = []
        for n in range(FILES):
            path = folder / f"run-{n:04d}.fit"
            write_run(path, 1_700_000_000 + n * 86_400, seed=n)
            paths.append(path)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"bench_import: {FILES} FIT runs x {RECORDS} records, {size_mb:.1f} MB, "
              f"{os.cpu_count()} CPU cores, {REPEATS} repeats")  # fmt: skip
        timings: dict[str, list[float]] = {"fitdecode (sequential)": [], "footfix import": []}
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            _fitdecode_all(paths)
            timings["fitdecode (sequential)"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            found = _footfix_all(folder)
            timings["footfix import"].append(time.perf_counter() - t0)
            assert found == FILES, f"footfix read {found} of {FILES} runs"
        medians = {name: statistics.median(values) for name, values in timings.items()}
        for name, median_s in medians.items():
            print(f"  {name:24} median {median_s:7.2f} s   {FILES / median_s:7.1f} files/s   "
                  f"{size_mb / median_s:6.2f} MB/s")  # fmt: skip
        ratio = medians["fitdecode (sequential)"] / medians["footfix import"]
        print(f"  throughput ratio footfix / fitdecode: {ratio:.1f}x (target >= 3x)")


if __name__ == "__main__":
    main()
