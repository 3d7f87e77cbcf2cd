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
    # Connections each process keeps open, and how many more it may open at a peak (SQLAlchemy's
    # QueuePool): with several web workers, the database sees workers × (size + overflow).
    pool_size: int = 5
    pool_max_overflow: int = 10

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"
