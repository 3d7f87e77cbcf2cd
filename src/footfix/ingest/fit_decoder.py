"""A small, fast FIT decoder that unpacks only the messages and fields it is asked for.

Why not a general library: footfix needs about twenty fields out of a few hundred, and a general
decoder spends most of its time turning every field of every message into objects. Here each
definition message is compiled once into a ``struct.Struct`` that skips unwanted bytes with pad
codes, so a data message costs one ``unpack_from`` call. ``bench/fit_decoder_choice.py`` checks the
result against fitdecode and fitparse on the real files and measures the difference.

Error policy (stricter than fitdecode's default, which only warns):
- a wrong file checksum, a file cut short, an undefined local message or trailing bytes that are
  not another FIT segment raise ``CorruptFile``;
- the 14-byte header's own CRC is not checked, because some devices write a wrong one and the file
  checksum covers the header anyway;
- a field whose size does not fit its base type (seen in Coros files) is skipped, not fatal.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass

from footfix.ingest.errors import CorruptFile, UnsupportedFormat

FieldValue = int | float | str | bytes
Message = tuple[int, dict[int | str, FieldValue]]  # global message number, values by field
TIMESTAMP_FIELD = 253

# base type number (low 5 bits of the base-type byte) -> struct code, size, invalid value
_BASE_TYPES: dict[int, tuple[str, int, int | None]] = {
    0: ("B", 1, 0xFF),
    1: ("b", 1, 0x7F),
    2: ("B", 1, 0xFF),
    3: ("h", 2, 0x7FFF),
    4: ("H", 2, 0xFFFF),
    5: ("i", 4, 0x7FFFFFFF),
    6: ("I", 4, 0xFFFFFFFF),
    7: ("s", 1, None),  # string
    8: ("f", 4, None),  # float32: invalid is NaN
    9: ("d", 8, None),
    10: ("B", 1, 0),
    11: ("H", 2, 0),
    12: ("I", 4, 0),
    13: ("s", 1, None),  # byte array
    14: ("q", 8, 0x7FFFFFFFFFFFFFFF),
    15: ("Q", 8, 0xFFFFFFFFFFFFFFFF),
    16: ("Q", 8, 0),
}


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _crc_table()


def fit_crc(data: bytes | memoryview, crc: int = 0) -> int:
    """CRC-16 as the FIT protocol defines it (reflected polynomial 0xA001)."""
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


@dataclass(frozen=True, slots=True)
class _Layout:
    global_num: int
    size: int
    unpacker: struct.Struct | None  # None: nothing wanted, skip the bytes
    keys: tuple[int | str, ...]
    invalid: tuple[int | None, ...]
    is_text: tuple[bool, ...]


def _compile(
    raw: bytes, pos: int, has_dev: bool, wanted: Mapping[int, frozenset[int]]
) -> tuple[_Layout, int]:
    big_endian = raw[pos + 1] == 1
    global_num = struct.unpack_from(">H" if big_endian else "<H", raw, pos + 2)[0]
    count = raw[pos + 4]
    pos += 5
    wanted_fields = wanted.get(global_num, frozenset())
    fmt = ["<>"[big_endian]]
    keys: list[int | str] = []
    invalid: list[int | None] = []
    is_text: list[bool] = []
    size = 0
    for _ in range(count):
        num, field_size, base = raw[pos], raw[pos + 1], raw[pos + 2] & 0x1F
        pos += 3
        size += field_size
        code, base_size, bad = _BASE_TYPES.get(base, ("s", 1, None))
        take = num == TIMESTAMP_FIELD or num in wanted_fields
        if not take or field_size % base_size:
            fmt.append(f"{field_size}x")  # unwanted, or misaligned: skip the bytes
            continue
        keys.append(num)
        if code == "s":
            fmt.append(f"{field_size}s")
            invalid.append(None)
            is_text.append(base == 7)
        else:
            extra = field_size - base_size  # arrays: keep the first element only
            fmt.append(code + (f"{extra}x" if extra else ""))
            invalid.append(bad)
            is_text.append(False)
    if has_dev:
        dev_count = raw[pos]
        pos += 1
        for _ in range(dev_count):
            num, field_size, dev_index = raw[pos], raw[pos + 1], raw[pos + 2]
            pos += 3
            size += field_size
            if wanted_fields:
                keys.append(f"dev:{dev_index}:{num}")
                fmt.append(f"{field_size}s")
                invalid.append(None)
                is_text.append(False)
            else:
                fmt.append(f"{field_size}x")
    unpacker = struct.Struct("".join(fmt)) if keys else None
    layout = _Layout(global_num, size, unpacker, tuple(keys), tuple(invalid), tuple(is_text))
    return layout, pos


def _values(layout: _Layout, raw: bytes, pos: int) -> dict[int | str, FieldValue]:
    assert layout.unpacker is not None
    out: dict[int | str, FieldValue] = {}
    unpacked = layout.unpacker.unpack_from(raw, pos)
    for key, value, bad, text in zip(
        layout.keys, unpacked, layout.invalid, layout.is_text, strict=True
    ):
        if isinstance(value, bytes):
            if text:
                value = value.split(b"\0", 1)[0].decode("utf-8", "replace")
                if value:
                    out[key] = value
            elif value.count(0xFF) != len(value):
                out[key] = value
        elif value != bad and value == value:  # value != value is NaN, the float invalid
            out[key] = value
    return out


def _check_header(raw: bytes, start: int, source: str) -> tuple[int, int]:
    if len(raw) - start < 12 or raw[start + 8 : start + 12] != b".FIT":
        if start == 0:
            raise UnsupportedFormat(source, "not a FIT file (no '.FIT' signature)")
        raise CorruptFile(source, f"unexpected bytes after the FIT data at byte {start}")
    header_size = raw[start]
    data_size = struct.unpack_from("<I", raw, start + 4)[0]
    end = start + header_size + data_size
    if header_size < 12 or end + 2 > len(raw):
        raise CorruptFile(
            source,
            f"file is cut short: it declares {end + 2 - start} bytes, holds {len(raw) - start}",
        )
    footer = struct.unpack_from("<H", raw, end)[0]
    if fit_crc(memoryview(raw)[start:end]) != footer:
        raise CorruptFile(source, "checksum does not match: the file was damaged or edited")
    return start + header_size, end


def decode_fit(raw: bytes, wanted: Mapping[int, frozenset[int]], source: str) -> list[Message]:
    """Messages whose global number is in ``wanted``, with only the wanted fields (and 253).

    Several FIT segments chained in one file (seen in multisport recordings) are read in turn.
    """
    messages: list[Message] = []
    start = 0
    while start < len(raw):
        pos, end = _check_header(raw, start, source)
        try:
            _decode_segment(raw, pos, end, wanted, messages)
        except (struct.error, IndexError) as err:
            raise CorruptFile(source, f"a message runs past the end of the data ({err})") from err
        except KeyError as err:
            raise CorruptFile(source, f"data refers to undefined local message {err}") from err
        start = end + 2
    return messages


def _decode_segment(
    raw: bytes, pos: int, end: int, wanted: Mapping[int, frozenset[int]], out: list[Message]
) -> None:
    layouts: dict[int, _Layout] = {}
    last_timestamp = 0
    while pos < end:
        header = raw[pos]
        pos += 1
        if header & 0x80:  # compressed timestamp header: 5-bit offset from the last timestamp
            layout = layouts[(header >> 5) & 0x03]
            offset = header & 0x1F
            timestamp = (last_timestamp & ~0x1F) + offset
            if offset < (last_timestamp & 0x1F):
                timestamp += 0x20
            last_timestamp = timestamp
        elif header & 0x40:  # definition message
            layouts[header & 0x0F], pos = _compile(raw, pos, bool(header & 0x20), wanted)
            continue
        else:
            layout = layouts[header & 0x0F]
            timestamp = -1
        if pos + layout.size > end:
            raise IndexError(f"message at byte {pos} needs {layout.size} bytes")
        if layout.unpacker is not None:
            values = _values(layout, raw, pos)
            stamped = values.get(TIMESTAMP_FIELD)
            if isinstance(stamped, int):
                last_timestamp = stamped
            elif timestamp >= 0:
                values[TIMESTAMP_FIELD] = timestamp
            if layout.global_num in wanted:
                out.append((layout.global_num, values))
        elif timestamp >= 0 and layout.global_num in wanted:
            out.append((layout.global_num, {TIMESTAMP_FIELD: timestamp}))  # only a time
        pos += layout.size
