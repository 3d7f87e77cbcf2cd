"""Back up and restore the whole database (each engine's own tools; see ``store.backup``)."""

from __future__ import annotations

from pathlib import Path

from footfix.store import backup as store_backup
from footfix.store.store import Store


def backup_database(store: Store, target: Path) -> None:
    store_backup.backup(store.settings, target)


def restore_database(store: Store, source: Path) -> None:
    """Replace every row with the backup's; the caller's engine drops its pooled connections."""
    store.engine.dispose()
    store_backup.restore(store.settings, source)
    store.engine.dispose()
