"""Errors raised while reading watch files.

::

    IngestError                 anything that stops one file from being imported
    ├── UnsupportedFormat       the bytes are not FIT, GPX, TCX, gzip or zip
    ├── CorruptFile             the format is known but the content is broken or truncated
    ├── NotAnActivity           a valid file that holds no activity (settings, course, empty)
    └── TooLarge                unpacking it would pass a size limit (a bomb, or simply too big)

Third-party and standard-library exceptions (struct, XML, zip, gzip, csv) are wrapped in one of
these, so callers handle a single hierarchy and can show ``str(err)`` to a user as it is.
"""

from __future__ import annotations

from footfix.errors import ErrorKind, FootfixError


class IngestError(FootfixError):
    """A file could not be imported; the message says which file and why."""

    kind = ErrorKind.UNSUPPORTED_FILE

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedFormat(IngestError):
    """The bytes are not a format footfix reads."""


class CorruptFile(IngestError):
    """The file's format is known but its content is broken (bad checksum, cut short, garbled)."""


class NotAnActivity(IngestError):
    """The file is valid but holds no recorded activity."""

    kind = ErrorKind.UNPROCESSABLE


class TooLarge(IngestError):
    """Unpacking or parsing the file would pass one of footfix's size limits
    (:class:`footfix.domain.limits.Limits`); it is refused rather than read."""

    kind = ErrorKind.TOO_LARGE
