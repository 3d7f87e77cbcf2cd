"""Build the process's one :class:`Store` from the typed settings (interfaces call this)."""

from __future__ import annotations

from footfix.services.settings import load_settings
from footfix.store.settings import Settings
from footfix.store.store import Store, open_server_store

__all__ = ["Store", "open_server_store", "open_store"]


def open_store(settings: Settings | None = None) -> Store:
    """A store for this process (the environment's settings unless given); close it when done.

    Nothing is migrated here: a fresh embedded SQLite file gets its tables on first use, and any
    other database that is behind says to run ``footfix db upgrade``.
    """
    return Store(settings or load_settings())


def open_store_for_server(settings: Settings | None = None) -> Store:
    """What ``footfix serve`` calls once at start-up: the store, with migrations run."""
    return open_server_store(settings or load_settings())
