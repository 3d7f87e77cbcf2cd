"""Hostile inputs built at test time (never committed): FIT bytes with chosen field types,
archive and gzip bombs, and small GPX/TCX documents."""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

_CRC = (0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
        0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400)  # fmt: skip
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
# FIT base types: (code, struct format)
ENUM, UINT16, UINT32 = (0x00, "B"), (0x84, "H"), (0x86, "I")
FLOAT64 = (0x89, "d")


def fit_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _CRC[crc & 0xF]
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ _CRC[nibble]
    return crc


Field = tuple[int, tuple[int, str], float | int]  # (field number, base type, value)


def fit_file(messages: Sequence[tuple[int, Sequence[Field]]]) -> bytes:
    """A FIT file: each message is (global number, fields), defined then written once."""
    body = bytearray()
    for local, (number, fields) in enumerate(messages):
        local %= 16
        body += struct.pack("<BBBHB", 0x40 | local, 0, 0, number, len(fields))
        for num, (code, fmt), _ in fields:
            body += struct.pack("<BBB", num, struct.calcsize(fmt), code)
        body.append(local)
        for _, (_, fmt), value in fields:
            body += struct.pack("<" + fmt, value)
    header = struct.pack("<BBHI4s", 12, 0x20, 2132, len(body), b".FIT")
    data = header + bytes(body)
    return data + struct.pack("<H", fit_crc(data))


def fit_run(
    start: datetime = datetime(2025, 5, 1, 7, tzinfo=UTC),
    minutes: int = 30,
    elapsed_s: float | None = None,
    distance_m: float | None = None,
) -> bytes:
    """A plain FIT run with one record a minute; the session's totals may be set to anything."""
    t0 = int((start - FIT_EPOCH).total_seconds())
    speed = 3.0
    messages: list[tuple[int, Sequence[Field]]] = [
        (0, [(0, ENUM, 4), (1, UINT16, 1), (4, UINT32, t0)])
    ]
    for i in range(minutes + 1):
        messages.append((20, [(253, UINT32, t0 + 60 * i), (5, UINT32, int(i * 60 * speed * 100))]))
    elapsed = minutes * 60.0 if elapsed_s is None else elapsed_s
    distance = minutes * 60 * speed if distance_m is None else distance_m
    messages.append(
        (
            18,
            [
                (253, UINT32, t0 + 60 * minutes),
                (2, UINT32, t0),
                (5, ENUM, 1),
                (7, FLOAT64, elapsed * 1000),
                (9, FLOAT64, distance * 100),
            ],
        )
    )
    return fit_file(messages)


def gpx(
    points: Sequence[tuple[str, float, float]] | None = None,
    sport: str | None = "running",
    head: str = '<?xml version="1.0" encoding="UTF-8"?>',
    extensions: str = "",
) -> bytes:
    """A GPX track of (time, lat, lon) points, 10 s apart by default."""
    if points is None:
        t0 = datetime(2025, 5, 1, 7, tzinfo=UTC)
        points = [
            ((t0 + timedelta(seconds=10 * i)).isoformat(), 51.5 + i * 0.0003, -0.12)
            for i in range(60)
        ]
    kind = f"<type>{sport}</type>" if sport else ""
    pts = "".join(
        f'<trkpt lat="{lat}" lon="{lon}"><time>{t}</time>{extensions}</trkpt>'
        for t, lat, lon in points
    )
    return (
        f'{head}<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk>{kind}<trkseg>{pts}</trkseg></trk></gpx>"
    ).encode()


def zeros_zip(path: Path, member_bytes: int, members: int = 1, name: str = "bomb{}.fit") -> Path:
    """A zip of members full of zeros, written in chunks (the bomb never sits in memory)."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for m in range(members):
            with archive.open(name.format(m), "w", force_zip64=True) as out:
                left = member_bytes
                while left > 0:
                    out.write(chunk[: min(left, len(chunk))])
                    left -= len(chunk)
    return path


def zeros_gzip(member_bytes: int) -> bytes:
    buffer = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with gzip.GzipFile(fileobj=buffer, mode="wb") as out:
        left = member_bytes
        while left > 0:
            out.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
    return buffer.getvalue()


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()
