"""backup → wipe → restore gives back every runner's export exactly (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from footfix.services import audit, backup, tracking
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store.errors import StoreError
from footfix.store.store import Store, open_server_store

DAY = dt.date(2026, 1, 5)


def _exports(store: Store) -> dict[str, Any]:
    me = local_actor(store)
    docs = {}
    for name in ("ann", "bob"):
        doc = tracking.export_runner(store, me, RunnerName(name))
        doc.pop("exported_at")
        docs[name] = doc
    return docs


def test_backup_wipe_restore_round_trip(store: Store, tmp_path: Path) -> None:
    me = local_actor(store)
    for name in ("ann", "bob"):
        tracking.add_runner(store, me, name, painful_side="left", start=DAY)
        for i in range(3):
            tracking.log_day(
                store,
                me,
                RunnerName(name),
                parse_log(
                    {"day": DAY + dt.timedelta(days=i), "first_step_pain_nrs": 4 - i, "notes": "ça"}
                ),
            )
    before = _exports(store)
    target = tmp_path / "out" / "footfix.backup"
    backup.backup_database(store, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    _wipe(store)
    backup.restore_database(store, target)
    assert _exports(store) == before
    assert len(audit.list_entries(store)) >= 4  # the exports were recorded


def test_restore_refuses_a_file_that_is_not_a_backup(store: Store, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus"
    bogus.write_bytes(b"not a database at all")
    with pytest.raises(StoreError, match="not a"):
        backup.restore_database(store, bogus)


def _wipe(store: Store) -> None:
    store.engine.dispose()
    if store.settings.is_sqlite:
        path = Path(store.engine.url.database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        open_server_store(store.settings).close()  # an empty, migrated database
    else:
        with store.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    store.engine.dispose()
