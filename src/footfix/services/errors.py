"""Service errors, phrased for the user. Store errors are raised as they are (also user-facing)."""

from __future__ import annotations


class ServiceError(Exception):
    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class InvalidLogEntry(ServiceError):
    pass
