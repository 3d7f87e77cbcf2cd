"""A kept store against a store built per call: ``progress`` and ``log`` through the service.

"Per call" is what every service call did before the Store existed: build an engine, run the
migration check (an advisory lock on PostgreSQL), do the work, dispose of the engine. "Kept" is
one Store for the process, as the CLI per command and a server for its lifetime now use it. Both
run side by side in one run on the same database; the target is at least 5× fewer ms per call on
SQLite. PostgreSQL (FOOTFIX_BENCH_POSTGRES_URL, default the local test server) is measured too
when it can be reached. Run with ``python -m bench store``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from sqlalchemy import text

from bench.timing import median_ms
from footfix.services import tracking
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store import migrate
from footfix.store.settings import Settings, sqlite_url
from footfix.store.store import Store, open_server_store

PG_URL = os.environ.get(
    "FOOTFIX_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
START = dt.date(2026, 1, 5)
REPEATS = 40
TARGET = 5.0
DAYS = 14  # two weeks logged: the work itself stays small, as in most calls


def _per_call(settings: Settings, use: Callable[[Store], object]) -> object:
    """The call as it was before the Store: a new engine, Alembic's upgrade run every time (a
    no-op at head, but Alembic loads its environment, and PostgreSQL takes the advisory lock),
    the call, the engine thrown away."""
    store = Store(settings)
    try:
        with store.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": migrate._PG_MIGRATION_LOCK}
                )
            command.upgrade(migrate._config(connection), "head")
        store.upgrade()  # marks the schema checked, as the old path left it for the call
        return use(store)
    finally:
        store.close()


def _per_call_checked(settings: Settings, use: Callable[[Store], object]) -> object:
    """A store per call with today's quick schema check: what the kept store alone saves."""
    store = Store(settings)
    try:
        store.upgrade()
        return use(store)
    finally:
        store.close()


def compare(label: str, settings: Settings) -> None:
    with open_server_store(settings) as kept:
        me = local_actor(kept)  # resolved once per call site, as an interface does per request
        bench = RunnerName("bench")
        tracking.add_runner(kept, me, "bench", start=START)
        days = itertools.count()

        def log(store: Store) -> object:
            day = START + dt.timedelta(days=next(days) % DAYS)
            entry = {"day": day, "first_step_pain_nrs": 2, "notes": "bench"}
            return tracking.log_day(store, me, bench, parse_log(entry), correct=True)

        for offset in range(DAYS):  # every later log is a correction of a day already there
            tracking.log_day(
                kept,
                me,
                bench,
                parse_log({"day": START + dt.timedelta(days=offset), "notes": "bench"}),
            )

        def progress(store: Store) -> object:
            return tracking.progress(store, me, bench, START + dt.timedelta(days=DAYS))

        for name, use in (("progress", progress), ("log", log)):
            old = median_ms(lambda use=use: _per_call(settings, use), REPEATS)
            checked = median_ms(lambda use=use: _per_call_checked(settings, use), REPEATS)
            new = median_ms(lambda use=use: use(kept), REPEATS)
            ratio = old / new
            verdict = "OK" if ratio >= TARGET else f"BELOW the {TARGET:.0f}× target"
            print(
                f"store ({label}): {name:8s} as before (engine + Alembic upgrade per call) "
                f"median {old:6.1f} ms, store per call {checked:5.1f} ms, kept store "
                f"{new:5.1f} ms: {ratio:4.1f}× fewer ms per call than before "
                f"({checked / new:.1f}× than a store per call)"
                + (f" [{verdict}]" if label == "SQLite" else "")
            )


@contextmanager
def _postgres_database() -> Iterator[str | None]:
    import psycopg

    admin_url = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except Exception as err:  # unreachable server: report and move on
        print(f"store: PostgreSQL not reachable ({err.__class__.__name__}); its part skipped")
        yield None
        return
    name = f"footfix_bench_{uuid.uuid4().hex[:8]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_URL.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        compare("SQLite", Settings(sqlite_url(Path(folder) / "bench.sqlite3")))
    with _postgres_database() as url:
        if url:
            compare("PostgreSQL", Settings(url))


if __name__ == "__main__":
    main()
