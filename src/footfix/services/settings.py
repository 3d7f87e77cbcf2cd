"""Build the one settings object from the environment (done by interfaces, never at import)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from footfix.store.settings import DATABASE_URL_ENV, Settings, sqlite_url

# re-exported so that interfaces name the store's settings without importing the store
__all__ = [
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "POOL_OVERFLOW_ENV",
    "POOL_SIZE_ENV",
    "Settings",
    "WorkerSettings",
    "default_database_path",
    "load_settings",
    "load_worker_settings",
]

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
    return Settings(
        database_url=url or sqlite_url(default_database_path(env)),
        pool_size=_count(env, POOL_SIZE_ENV, 5, low=1, high=200),
        pool_max_overflow=_count(env, POOL_OVERFLOW_ENV, 10, low=0, high=200),
    )


POOL_SIZE_ENV = "FOOTFIX_DB_POOL_SIZE"
POOL_OVERFLOW_ENV = "FOOTFIX_DB_POOL_OVERFLOW"


def _count(env: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        from footfix.services.errors import ServiceError

        raise ServiceError(f"{name}={text!r}: use a whole number from {low} to {high}")
    return int(text)


VIDEO_WORKERS_ENV = "FOOTFIX_VIDEO_WORKERS"
IMPORT_WORKERS_ENV = "FOOTFIX_IMPORT_WORKERS"
_MAX_WORKERS = 64


@dataclass(frozen=True)
class WorkerSettings:
    """How many worker processes the video and import pipelines may start.

    ``None`` lets each pipeline choose from the CPU count (the CLI's default); ``0`` or ``1``
    runs the work in the calling process with no process pool, for a server or a job worker
    that spreads work itself (a pool inside a threaded web server is unsafe).
    """

    video_workers: int | None = None
    import_workers: int | None = None


def load_worker_settings(env: Mapping[str, str] | None = None) -> WorkerSettings:
    """``FOOTFIX_VIDEO_WORKERS`` and ``FOOTFIX_IMPORT_WORKERS``: a whole number 0–64 or unset."""
    env = os.environ if env is None else env
    return WorkerSettings(
        video_workers=_worker_count(env, VIDEO_WORKERS_ENV),
        import_workers=_worker_count(env, IMPORT_WORKERS_ENV),
    )


def _worker_count(env: Mapping[str, str], name: str) -> int | None:
    text = env.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > _MAX_WORKERS:
        from footfix.services.errors import ServiceError

        raise ServiceError(
            f"{name}={text!r} is not a worker count: use a whole number from 0 to "
            f"{_MAX_WORKERS} (0 or 1: no process pool), or leave it unset"
        )
    return int(text)
