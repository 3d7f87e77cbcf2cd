"""One input → its Activities: sniff the bytes, pick the reader, wrap any stray exception."""

from __future__ import annotations

import dataclasses

from footfix.domain.limits import DEFAULT_LIMITS, Limits
from footfix.ingest.activity import Activity
from footfix.ingest.errors import (
    CorruptFile,
    IngestError,
    NotAnActivity,
    TooLarge,
    UnsupportedFormat,
)
from footfix.ingest.fit_reader import read_fit_bytes
from footfix.ingest.gpx_reader import read_gpx_bytes
from footfix.ingest.sniff import detect_format
from footfix.ingest.sources import Input, gunzip
from footfix.ingest.sport_guess import GUESS_NOTE
from footfix.ingest.tcx_reader import read_tcx_bytes

# how far into a file its root element is looked for: exporters put comments, stylesheets and
# long declarations before it
SNIFF_BYTES = 64 * 1024


def _xml_start(raw: bytes) -> bytes:
    """Drop a byte-order mark and whitespace before the XML declaration (which must come first)."""
    return raw.lstrip(b" \t\r\n").removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")


def read_bytes(raw: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> list[Activity]:
    """Activities in one file's bytes (gzip is removed first, within the limits).

    Only :class:`IngestError` leaves this function: whatever else a reader trips over in
    content its checks did not foresee (an overflow, a codec lookup, a recursion) is still this
    file's fault, and becomes a :class:`CorruptFile` naming what went wrong.
    """
    raw = gunzip(raw, source, limits)
    kind = detect_format(raw[:SNIFF_BYTES])
    if kind == "empty":
        raise NotAnActivity(source, "the file is empty")
    if kind == "zip":
        raise UnsupportedFormat(source, "a zip inside a zip inside a zip is too deep to open")
    try:
        if kind == "fit":
            return read_fit_bytes(raw, source)
        if kind == "gpx":
            return read_gpx_bytes(_xml_start(raw), source)
        if kind == "tcx":
            return read_tcx_bytes(_xml_start(raw), source)
    except IngestError:
        raise
    except MemoryError:
        raise TooLarge(source, f"reading the {kind.upper()} content ran out of memory") from None
    except Exception as err:  # any reader failure is one file's refusal
        raise CorruptFile(
            source, f"unreadable {kind.upper()} content ({type(err).__name__}: {err})"[:300]
        ) from err
    raise UnsupportedFormat(
        source, "not a FIT, GPX or TCX file (the content was checked, not the name)"
    )


def read_input(item: Input) -> list[Activity]:
    return read_input_bytes(item, item.read())


def read_input_bytes(item: Input, raw: bytes) -> list[Activity]:
    """The activities of an input whose bytes were read already (and hashed by the caller)."""
    activities = read_bytes(raw, item.name, item.limits)
    if item.gear is None and item.sport_hint is None:
        return activities
    out = []
    for activity in activities:
        changes: dict[str, object] = {"gear": item.gear or activity.gear}
        if item.sport_hint and (activity.sport == "generic" or activity.sport_guessed):
            # a GPX says nothing of the sport; the Strava CSV does, and beats any guess
            changes.update(sport=item.sport_hint, sport_guessed=False)
            changes["notes"] = tuple(n for n in activity.notes if not n.startswith(GUESS_NOTE))
        out.append(dataclasses.replace(activity, **changes))  # type: ignore[arg-type]
    return out
