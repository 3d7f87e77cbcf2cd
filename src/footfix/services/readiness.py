"""Use case: is this server ready to take requests? The database answers and is at this
footfix's schema revision, and the broker, when one is configured, accepts a connection.

Each check is bounded in time and says what is wrong in a few words (no URL, no password).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from urllib.parse import urlsplit

from footfix.store import migrate
from footfix.store.store import Store

BROKER_URL_ENV = "FOOTFIX_BROKER_URL"
BROKER_TIMEOUT_S = 1.0
_DEFAULT_PORTS = {"redis": 6379, "rediss": 6380, "amqp": 5672, "amqps": 5671}


def readiness(store: Store, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{check: "ok" | what is wrong}`` for the database and, when configured, the broker."""
    env = os.environ if env is None else env
    checks = {"database": _database(store)}
    broker = env.get(BROKER_URL_ENV, "").strip()
    if broker:
        checks["broker"] = _broker(broker)
    return checks


def _database(store: Store) -> str:
    head = migrate.head_revision()
    try:
        with store.engine.connect() as connection:
            current = migrate.current_revision(connection)
    except Exception as err:  # any driver error means "not reachable"; its text may hold the URL
        return f"not reachable ({type(err).__name__})"
    if current != head:
        return f"at revision {current or 'none'}, needs {head}: run 'footfix db upgrade'"
    return "ok"


def _broker(url: str) -> str:
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return "the broker URL cannot be read"
    if not host or not port:
        return "the broker URL names no host and port"
    try:
        with socket.create_connection((host, port), timeout=BROKER_TIMEOUT_S):
            return "ok"
    except OSError as err:
        return f"not reachable ({type(err).__name__})"
