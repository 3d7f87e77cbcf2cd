"""Tell a file's format from its first bytes, never from its name."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["fit", "gpx", "tcx", "gzip", "zip", "empty", "unknown"]

_XML_ROOT = re.compile(rb"<(?:[\w.-]+:)?(gpx|TrainingCenterDatabase)[\s>/]")


def detect_format(head: bytes) -> Format:
    """``head`` is the start of the file; 2 KiB is plenty."""
    if not head.strip():
        return "empty"
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    if len(head) >= 12 and head[8:12] == b".FIT":
        return "fit"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        match = _XML_ROOT.search(text)
        if match:
            return "gpx" if match.group(1) == b"gpx" else "tcx"
    return "unknown"
