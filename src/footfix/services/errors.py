"""Errors the use cases raise, and the one translation of store errors into the root hierarchy.

Services raise :class:`footfix.errors.FootfixError` subclasses. The store keeps its own
hierarchy (``footfix.store.errors``, raised through the services unchanged so callers can still
catch ``RunnerNotFound``); :func:`as_footfix_error` is the single place that gives each store
error its kind, so an interface handles one hierarchy and decides the exit code or HTTP status
from the kind alone.
"""

from __future__ import annotations

from footfix.errors import ErrorKind, FootfixError, InvalidInput

__all__ = [
    "ErrorKind",
    "FootfixError",
    "InvalidLogEntry",
    "ServiceError",
    "as_footfix_error",
    "store_error_types",
]


class ServiceError(FootfixError):
    """A use case refused its input (the default kind) or the state it found (``kind=``)."""


class InvalidLogEntry(ServiceError, InvalidInput):
    kind = ErrorKind.INVALID_INPUT


def _store_kinds() -> list[tuple[type[Exception], ErrorKind]]:
    from footfix.store import errors as store  # light: no SQLAlchemy behind it

    return [  # most specific first
        (store.RunnerNotFound, ErrorKind.NOT_FOUND),
        (store.LogNotFound, ErrorKind.NOT_FOUND),
        (store.RunnerExists, ErrorKind.CONFLICT),
        (store.LogExists, ErrorKind.CONFLICT),
        (store.OutcomeExists, ErrorKind.CONFLICT),
        (store.ImportRejected, ErrorKind.INVALID_INPUT),
        (store.StoreError, ErrorKind.UNAVAILABLE),  # unreachable, busy or refused by the database
    ]


def store_error_types() -> list[type[Exception]]:
    """The store's error classes, for an interface that registers a handler per class."""
    return [cls for cls, _kind in _store_kinds()]


def as_footfix_error(err: BaseException) -> FootfixError | None:
    """``err`` itself when it is one of ours, a translated store error, or None (a bug)."""
    if isinstance(err, FootfixError):
        return err
    for cls, kind in _store_kinds():
        if isinstance(err, cls):
            translated = FootfixError(str(err), kind=kind)
            translated.__cause__ = err
            return translated
    return None
