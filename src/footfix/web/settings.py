"""Everything a deployer sets, typed (pydantic-settings, ``FOOTFIX_`` environment variables).

The database keeps the CLI's settings (``FOOTFIX_DATABASE_URL``, ``FOOTFIX_DATA_DIR``); the
session-signing secret is ``FOOTFIX_SECRET_KEY`` or, when unset, a random one generated on first
start and kept beside the data files (0600), so sessions survive a restart.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from footfix.private_files import private_dir
from footfix.services.settings import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    POOL_OVERFLOW_ENV,
    POOL_SIZE_ENV,
    Settings,
    default_database_path,
    load_settings,
)

SECRET_FILE = "web-secret"
_MIN_SECRET = 32  # characters; shorter keys are refused (a guessable key forges nothing here,
# since sessions are looked up in the database, but CSRF tokens are derived from it)


class WebSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FOOTFIX_", extra="ignore", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    database_url: str | None = None
    data_dir: Path | None = None
    secret_key: SecretStr | None = None
    # Secure cookies: None = when the request came over HTTPS (as uvicorn's proxy headers say),
    # True = always (behind a TLS proxy that does not say so), False = never (plain loopback).
    https: bool | None = None
    forwarded_allow_ips: str = "127.0.0.1"  # proxies trusted for X-Forwarded-Proto/For
    session_days: int = Field(14, ge=1, le=365)
    session_idle_hours: int = Field(72, ge=1, le=24 * 365)
    signin_max_failures: int = Field(5, ge=1, le=1000)  # per e-mail address per window
    signin_max_failures_per_client: int = Field(30, ge=1, le=100_000)  # per client address
    signin_window_minutes: int = Field(15, ge=1, le=24 * 60)
    reset_token_minutes: int = Field(60, ge=5, le=7 * 24 * 60)
    max_request_kb: int = Field(1024, ge=16, le=1024 * 1024)  # forms and JSON bodies
    # An upload request (watch files, an export zip, a stride video) may be this large; the
    # limit is checked from the request's length before anything is read or stored.
    max_upload_mb: int = Field(200, ge=1, le=10 * 1024)
    workers: int = Field(1, ge=1, le=64)
    # Database connections per worker process, and the extra ones allowed at a peak: PostgreSQL
    # sees up to workers × (pool size + overflow), which must stay under its max_connections.
    db_pool_size: int = Field(5, ge=1, le=200)
    # Requests a worker process works on at once (page and API handlers are plain functions run
    # in threads; 40 is anyio's own default). Fewer (4) made a dashboard-only load faster, but
    # under a practice's mixed load the cheap requests then waited behind slow ones for seconds
    # (bench/bench_practice.py --quick: log POSTs 2 a second against 16), so it stays at 40.
    request_threads: int = Field(40, ge=1, le=200)
    db_pool_overflow: int = Field(10, ge=0, le=200)
    json_logs: bool = True  # one JSON object per log line (False: uvicorn's plain text)
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    access_log: bool = True  # method, path and status per request (paths hold ids, no health data)
    # Run background jobs in a thread of this process (off when 'footfix worker's do them).
    embedded_jobs: bool = True

    def env(self) -> dict[str, str]:
        """These settings as the environment the store's settings are read from."""
        env: dict[str, str] = {}
        if self.database_url:
            env[DATABASE_URL_ENV] = self.database_url
        if self.data_dir:
            env[DATA_DIR_ENV] = str(self.data_dir)
        env[POOL_SIZE_ENV] = str(self.db_pool_size)
        env[POOL_OVERFLOW_ENV] = str(self.db_pool_overflow)
        return env

    def store_settings(self) -> Settings:
        return load_settings(self.env())

    def data_folder(self) -> Path:
        return default_database_path(self.env()).parent

    def secret(self) -> str:
        """The configured secret, else the generated one kept with the data files."""
        if self.secret_key is not None:
            value = self.secret_key.get_secret_value()
            if len(value) < _MIN_SECRET:
                raise ValueError(f"FOOTFIX_SECRET_KEY must be at least {_MIN_SECRET} characters")
            return value
        return stored_secret(self.data_folder() / SECRET_FILE)


def stored_secret(path: Path) -> str:
    """Read the generated secret, or make one (0600 in a 0700 folder) on first start.

    Made with an exclusive create, so two workers starting at once agree on one secret.
    """
    for _ in range(50):
        try:
            value = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            value = None
        if value is not None and len(value) >= _MIN_SECRET:
            return value
        if value is None:
            private_dir(path.parent)
            try:
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            except FileExistsError:
                continue  # another worker is writing it: read it again
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(48) + "\n")
            continue
        time.sleep(0.02)  # present but still being written
    raise ValueError(f"the secret file {path} is too short: delete it or set FOOTFIX_SECRET_KEY")
