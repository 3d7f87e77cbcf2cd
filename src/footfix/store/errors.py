"""Store errors. Third-party database errors are wrapped in :class:`StoreError`.

StoreError
├── RunnerNotFound
├── RunnerExists
├── LogExists          a day already has a log and the new one was not marked as a correction
├── LogNotFound        a correction for a day with no log
├── OutcomeExists      a measure already recorded that day, without --replace
└── ImportRejected     an export document that does not fit
"""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the tracking database, phrased for the user."""


class RunnerNotFound(StoreError):
    pass


class RunnerExists(StoreError):
    pass


class LogExists(StoreError):
    pass


class LogNotFound(StoreError):
    pass


class OutcomeExists(StoreError):
    pass


class ImportRejected(StoreError):
    pass
