"""Build the one settings object from the environment (done by interfaces, never at import)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from footfix.store.settings import DATABASE_URL_ENV, Settings, sqlite_url

DATA_DIR_ENV = "FOOTFIX_DATA_DIR"


def default_database_path(env: Mapping[str, str]) -> Path:
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser() / "footfix.sqlite3"
    from platformdirs import user_data_dir

    return Path(user_data_dir("footfix")) / "footfix.sqlite3"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """``FOOTFIX_DATABASE_URL`` (e.g. postgresql+psycopg://…) or the embedded SQLite file."""
    env = os.environ if env is None else env
    url = env.get(DATABASE_URL_ENV, "").strip()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return Settings(database_url=url or sqlite_url(default_database_path(env)))
