"""One input → its Activities: sniff the bytes, pick the reader, wrap any stray exception."""

from __future__ import annotations

import dataclasses
import gzip
import struct
import zipfile
import zlib

from footfix.ingest.activity import Activity
from footfix.ingest.errors import CorruptFile, IngestError, NotAnActivity, UnsupportedFormat
from footfix.ingest.fit_reader import read_fit_bytes
from footfix.ingest.gpx_reader import read_gpx_bytes
from footfix.ingest.sniff import detect_format
from footfix.ingest.sources import Input
from footfix.ingest.tcx_reader import read_tcx_bytes


def read_bytes(raw: bytes, source: str) -> list[Activity]:
    """Activities in one file's bytes (gzip is removed first)."""
    kind = detect_format(raw[:2048])
    if kind == "gzip":
        try:
            return read_bytes(gzip.decompress(raw), source)
        except (OSError, EOFError, zlib.error) as err:
            raise CorruptFile(source, f"the gzip data is damaged ({err})") from err
    if kind == "empty":
        raise NotAnActivity(source, "the file is empty")
    if kind == "zip":
        raise UnsupportedFormat(source, "a zip inside a zip inside a zip is too deep to open")
    try:
        if kind == "fit":
            return read_fit_bytes(raw, source)
        if kind == "gpx":
            return read_gpx_bytes(raw, source)
        if kind == "tcx":
            return read_tcx_bytes(raw, source)
    except IngestError:
        raise
    except (ValueError, IndexError, KeyError, struct.error, zipfile.BadZipFile) as err:
        # a reader tripped over content its checks did not foresee: still this file's fault
        raise CorruptFile(
            source, f"unreadable {kind.upper()} content ({type(err).__name__}: {err})"
        ) from err
    raise UnsupportedFormat(
        source, "not a FIT, GPX or TCX file (the content was checked, not the name)"
    )


def read_input(item: Input) -> list[Activity]:
    activities = read_bytes(item.read(), item.name)
    if item.gear is None and item.sport_hint is None:
        return activities
    out = []
    for activity in activities:
        sport = activity.sport
        if item.sport_hint and sport == "generic":
            sport = item.sport_hint  # a GPX says nothing of the sport; the Strava CSV does
        out.append(dataclasses.replace(activity, gear=item.gear or activity.gear, sport=sport))
    return out
