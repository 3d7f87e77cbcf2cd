"""The store's settings: one typed object, built by the caller and passed in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATABASE_URL_ENV = "FOOTFIX_DATABASE_URL"


@dataclass(frozen=True)
class Settings:
    database_url: str
    # How long a writer waits for another process's write lock before giving up (SQLite).
    sqlite_busy_timeout_ms: int = 30_000
    echo_sql: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"
