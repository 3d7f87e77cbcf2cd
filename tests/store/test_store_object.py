"""One Store per process: when migrations run, the schema check, read and write transactions."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import event, insert, select, text

from footfix.services import tracking
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store import migrate
from footfix.store.errors import StoreError
from footfix.store.schema import runners
from footfix.store.settings import Settings
from footfix.store.store import Store, open_server_store
from tests.store.backends import fresh_postgres_database

DAY = dt.date(2026, 1, 5)


def _revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return migrate.current_revision(conn)


def test_a_fresh_embedded_file_gets_its_tables_on_first_use(tmp_path) -> None:
    store = Store(Settings(database_url=f"sqlite+pysqlite:///{tmp_path / 'new.sqlite3'}"))
    with store:
        assert _revision(store) is None  # building the store migrates nothing
        assert tracking.list_runners(store, local_actor(store)) == []
        assert _revision(store) == migrate.head_revision()


@pytest.fixture
def postgres_settings() -> Iterator[Settings]:
    for url in fresh_postgres_database():
        yield Settings(database_url=url)


def test_a_fresh_server_database_asks_for_db_upgrade_then_works(
    postgres_settings: Settings,
) -> None:
    with Store(postgres_settings) as store:
        with pytest.raises(StoreError, match="no footfix tables yet: run 'footfix db upgrade'"):
            tracking.list_runners(store, local_actor(store))
        assert tracking.upgrade_database(store) == (None, migrate.head_revision())
        assert tracking.list_runners(store, local_actor(store)) == []


def test_a_database_behind_this_footfix_is_not_migrated_behind_its_back(
    settings: Settings,
) -> None:
    from alembic import command

    with Store(settings) as store:
        with store.engine.begin() as conn:
            command.upgrade(migrate._config(conn), "0001")
        with pytest.raises(StoreError, match=r"revision 0001 .* needs .*footfix db upgrade"):
            tracking.list_runners(store, local_actor(store))
        assert _revision(store) == "0001"
    with open_server_store(settings) as store:  # what `footfix serve` does at start-up
        assert _revision(store) == migrate.head_revision()


def test_a_database_from_a_newer_footfix_is_refused(settings: Settings) -> None:
    with open_server_store(settings) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with Store(settings) as store, pytest.raises(StoreError, match="does not know"):
        tracking.list_runners(store, local_actor(store))


def test_a_kept_store_checks_the_schema_once_not_on_every_call(store: Store) -> None:
    fresh = Store(store.settings)
    statements: list[str] = []
    event.listen(
        fresh.engine, "before_cursor_execute", lambda *args: statements.append(str(args[2]))
    )
    with fresh:
        tracking.add_runner(fresh, local_actor(fresh), "ann", start=DAY)
        tracking.log_day(
            fresh, local_actor(fresh), RunnerName("ann"), parse_log({"day": DAY, "notes": "x"})
        )
        for _ in range(3):
            tracking.log_day(
                fresh,
                local_actor(fresh),
                RunnerName("ann"),
                parse_log({"day": DAY, "notes": "x"}),
                correct=True,
            )
            tracking.progress(fresh, local_actor(fresh), RunnerName("ann"), DAY)
    assert sum(s.startswith("SELECT alembic_version") for s in statements) == 1
    assert not any("pg_advisory" in s for s in statements)


def test_a_read_cannot_write(store: Store) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    now = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    row = {"name": "bob", "units": "km", "bone_stress": False, "timezone": "UTC"}
    with pytest.raises(StoreError), store.read() as conn:
        conn.execute(insert(runners).values(**row, created_at=now))
    if store.settings.is_sqlite:
        return  # SQLite has no read-only transaction; the next test shows it takes no lock
    with store.read() as conn:
        assert conn.execute(select(runners.c.name)).scalars().all() == ["ann"]


def test_reading_takes_no_write_lock_while_another_writer_holds_it(tmp_path) -> None:
    # SQLite only: there a transaction begun for writing would wait for the lock; PostgreSQL
    # readers never wait for writers.
    settings = Settings(database_url=f"sqlite+pysqlite:///{tmp_path / 'locks.sqlite3'}")
    impatient = Settings(database_url=settings.database_url, sqlite_busy_timeout_ms=200)
    with open_server_store(settings) as writer, Store(impatient) as reader:
        tracking.add_runner(writer, local_actor(writer), "ann", start=DAY)
        holding, done = threading.Event(), threading.Event()

        def hold_the_write_lock() -> None:
            with writer.write() as conn:
                conn.execute(text("UPDATE runners SET units = 'mi'"))
                holding.set()
                done.wait(timeout=10)

        thread = threading.Thread(target=hold_the_write_lock)
        thread.start()
        try:
            assert holding.wait(timeout=10)
            assert [r.name for r, _days in tracking.list_runners(reader, local_actor(reader))] == [
                "ann"
            ]
            assert (
                tracking.progress(reader, local_actor(reader), RunnerName("ann"), DAY)[0].units
                == "km"
            )  # before the commit
            with pytest.raises(StoreError, match="busy"):
                tracking.add_runner(
                    reader, local_actor(reader), "bob", start=DAY
                )  # a writer does wait, and gives up
        finally:
            done.set()
            thread.join()
