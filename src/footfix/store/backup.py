"""Whole-database backup and restore with each engine's own tools.

SQLite: the online backup API (a consistent copy while others keep reading and writing).
PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean``, run with the URL's
credentials; the password goes through the environment, never the command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from footfix.private_files import create_private, private_dir
from footfix.store.errors import StoreError
from footfix.store.settings import Settings

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def backup(settings: Settings, target: Path) -> None:
    if settings.is_sqlite:
        _sqlite_copy(_sqlite_path(settings), target, check=False)
    else:
        private_dir(target.parent if str(target.parent) else Path("."))
        create_private(target)
        _pg("pg_dump", settings, ["--format=custom", "--no-owner", f"--file={target}"])
        os.chmod(target, 0o600)


def restore(settings: Settings, source: Path) -> None:
    """Replace the database's contents with the backup's (all or nothing on SQLite)."""
    try:
        head = source.read_bytes()[:16] if source.is_file() else b""
    except OSError as err:
        raise StoreError(f"the backup {source} cannot be read: {err.strerror}") from err
    if settings.is_sqlite:
        if not head.startswith(SQLITE_MAGIC):
            raise StoreError(f"{source} is not a footfix SQLite backup")
        _sqlite_copy(source, _sqlite_path(settings), check=True)
    else:
        if not head.startswith(PG_MAGIC):
            raise StoreError(f"{source} is not a PostgreSQL custom-format backup (pg_dump -Fc)")
        _pg(
            "pg_restore",
            settings,
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)],
        )


def _sqlite_path(settings: Settings) -> Path:
    database = make_url(settings.database_url).database
    if not database or database == ":memory:":
        raise StoreError("an in-memory database has nothing to back up")
    return Path(database).expanduser()


def _sqlite_copy(source: Path, target: Path, *, check: bool) -> None:
    if not source.is_file():
        raise StoreError(f"{source} does not exist")
    create_private(target)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if check and src.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise StoreError(f"{source} is damaged: SQLite's integrity check failed")
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as err:
        raise StoreError(f"the SQLite copy from {source} failed: {err}") from err


def _pg(tool: str, settings: Settings, args: list[str]) -> None:
    exe = shutil.which(tool)
    if exe is None:
        raise StoreError(f"{tool} is not installed (Debian: apt-get install postgresql-client)")
    url = make_url(settings.database_url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    conn = [
        f"--host={url.host or '127.0.0.1'}",
        f"--port={url.port or 5432}",
        f"--username={url.username or 'postgres'}",
        f"--dbname={url.database or 'postgres'}",
    ]
    done = subprocess.run(
        [exe, *conn, *args], env=env, capture_output=True, text=True, timeout=3600, check=False
    )
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise StoreError(f"{tool} failed: {message[0]}")
