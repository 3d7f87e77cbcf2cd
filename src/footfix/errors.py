"""The one root of footfix's own errors, and what each kind of error means to an interface.

Every error a user can act on is a :class:`FootfixError` with a :class:`ErrorKind`. Interfaces
never decide per exception class: the CLI looks the kind up in :data:`EXIT_CODES`, the web API
in :data:`HTTP_STATUS`. Both tables are data here, beside the kinds, so a new kind cannot be
added without saying what every interface does with it (a test checks the tables are complete).

This module imports nothing of footfix, so every layer (core, sources, store, services,
interfaces) can raise from it.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorKind(StrEnum):
    NOT_FOUND = "not_found"  # a named runner, day, plan item or file that does not exist
    CONFLICT = "conflict"  # the request clashes with what is stored (a name taken, a day logged)
    INVALID_INPUT = "invalid_input"  # a value, option or document that breaks the rules
    UNSUPPORTED_FILE = "unsupported_file"  # a file footfix cannot read (format, codec, content)
    TOO_LARGE = "too_large"  # an upload or archive past one of the size limits
    UNPROCESSABLE = "unprocessable"  # a readable input from which nothing can be measured
    UNAVAILABLE = "unavailable"  # a database or optional library that is not there
    CANCELLED = "cancelled"  # the user stopped the work; nothing half-done was kept
    UNAUTHORIZED = "unauthorized"  # not signed in, a wrong password, an unknown or expired token
    FORBIDDEN = "forbidden"  # signed in, but the role does not allow this (or a form's CSRF)
    RATE_LIMITED = "rate_limited"  # too many attempts (sign-in) in too short a time


# Every user error exits 2 (as a usage error does), so a script tells "fix the input or the
# state" (2) from a bug (1) and an interrupt (130); the kind is in the message and in JSON.
EXIT_CODES: dict[ErrorKind, int] = {
    ErrorKind.NOT_FOUND: 2,
    ErrorKind.CONFLICT: 2,
    ErrorKind.INVALID_INPUT: 2,
    ErrorKind.UNSUPPORTED_FILE: 2,
    ErrorKind.TOO_LARGE: 2,
    ErrorKind.UNPROCESSABLE: 2,
    ErrorKind.UNAVAILABLE: 2,
    ErrorKind.CANCELLED: 130,
    ErrorKind.UNAUTHORIZED: 2,
    ErrorKind.FORBIDDEN: 2,
    ErrorKind.RATE_LIMITED: 2,
}

HTTP_STATUS: dict[ErrorKind, int] = {
    ErrorKind.NOT_FOUND: 404,
    ErrorKind.CONFLICT: 409,
    ErrorKind.INVALID_INPUT: 422,
    ErrorKind.UNSUPPORTED_FILE: 415,
    ErrorKind.TOO_LARGE: 413,
    ErrorKind.UNPROCESSABLE: 422,
    ErrorKind.UNAVAILABLE: 503,
    ErrorKind.CANCELLED: 499,  # client closed the request (nginx's convention)
    ErrorKind.UNAUTHORIZED: 401,
    ErrorKind.FORBIDDEN: 403,
    ErrorKind.RATE_LIMITED: 429,
}


class FootfixError(Exception):
    """A problem phrased for the user: ``str(err)`` and ``details`` may be shown as they are.

    Subclasses set ``kind`` as a class attribute; a raise site may override it per instance.
    """

    kind: ErrorKind = ErrorKind.INVALID_INPUT

    def __init__(
        self, message: str = "", details: list[str] | None = None, *, kind: ErrorKind | None = None
    ) -> None:
        super().__init__(message)
        self.details: list[str] = list(details or [])
        if kind is not None:
            self.kind = kind  # an instance may narrow its class's kind

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt without calling __init__: subclasses' own signatures (source, problems, ...)
        # then survive the trip through a process pool
        return (_rebuild, (type(self), self.args, self.__dict__))

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.kind]

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.kind]

    def to_json(self) -> dict[str, object]:
        """The body an API returns (and ``--json`` commands print) for this error."""
        return {"error": {"kind": self.kind.value, "message": str(self), "details": self.details}}


def _rebuild(
    cls: type[FootfixError], args: tuple[object, ...], state: dict[str, object]
) -> FootfixError:
    err = cls.__new__(cls, *args)
    err.args = args
    err.__dict__.update(state)
    return err


class NotFound(FootfixError):
    kind = ErrorKind.NOT_FOUND


class Conflict(FootfixError):
    kind = ErrorKind.CONFLICT


class InvalidInput(FootfixError):
    kind = ErrorKind.INVALID_INPUT


class UnsupportedFile(FootfixError):
    kind = ErrorKind.UNSUPPORTED_FILE


class Unprocessable(FootfixError):
    kind = ErrorKind.UNPROCESSABLE


class Unavailable(FootfixError):
    kind = ErrorKind.UNAVAILABLE


class Cancelled(FootfixError):
    kind = ErrorKind.CANCELLED


class Unauthorized(FootfixError):
    kind = ErrorKind.UNAUTHORIZED


class Forbidden(FootfixError):
    kind = ErrorKind.FORBIDDEN


class RateLimited(FootfixError):
    kind = ErrorKind.RATE_LIMITED
