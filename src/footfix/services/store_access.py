"""Open the store for a use case: build the engine, bring the schema up to date."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from footfix.services.settings import load_settings
from footfix.store.engine import Engine, make_engine
from footfix.store.migrate import upgrade
from footfix.store.settings import Settings


@contextmanager
def opened_store(settings: Settings | None = None, migrate: bool = True) -> Iterator[Engine]:
    """An engine on an up-to-date schema, disposed of afterwards."""
    engine = make_engine(settings or load_settings())
    try:
        if migrate:
            upgrade(engine)
        yield engine
    finally:
        engine.dispose()
