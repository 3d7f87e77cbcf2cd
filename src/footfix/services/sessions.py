"""Signed-in browsers: sessions kept in the database, so every worker (and a restart) sees them.

The browser holds a random token; the database holds only its SHA-256, so a copy of the database
signs nobody in. A session ends at sign-out, at its absolute expiry, or after a spell unused;
``last_seen_at`` is written at most every few minutes, so reading pages costs no write lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal, cast

from footfix.services.identity import Actor
from footfix.store import sessions_repo
from footfix.store.store import Store
from footfix.store.users_repo import UserRow

Role = Literal["runner", "clinician", "admin"]
TOUCH_EVERY = dt.timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class SessionUser:
    """The signed-in user as the web sees them (no password material)."""

    user_id: int
    uid: str
    email: str
    display_name: str
    role: Role

    @classmethod
    def of(cls, user: UserRow) -> SessionUser:
        return cls(user.id, user.uid, user.email or "", user.display_name, cast(Role, user.role))

    @property
    def actor(self) -> Actor:
        """The same person as the services' :class:`Actor`."""
        return Actor(self.user_id, self.uid, self.role, self.display_name)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(store: Store, user_id: int, *, days: int) -> str:
    """A new session for the user; returns the token the browser keeps."""
    token = secrets.token_urlsafe(32)
    now = now_utc()
    with store.write() as conn:
        sessions_repo.prune_sessions(conn, now)
        sessions_repo.add_session(conn, user_id, digest(token), now, now + dt.timedelta(days=days))
    return token


def session_user(store: Store, token: str, *, idle_hours: int) -> SessionUser | None:
    """The user of a live session, or None (unknown, expired or idle too long)."""
    if not token or len(token) > 128:
        return None
    now = now_utc()
    hashed = digest(token)
    with store.read() as conn:
        found = sessions_repo.find_session(conn, hashed)
    if found is None:
        return None
    if found.expires_at <= now or now - found.last_seen_at > dt.timedelta(hours=idle_hours):
        with store.write() as conn:
            sessions_repo.delete_session(conn, hashed)
        return None
    if now - found.last_seen_at > TOUCH_EVERY:
        with store.write() as conn:
            sessions_repo.touch_session(conn, found.id, now)
    return SessionUser.of(found.user)


def end_session(store: Store, token: str) -> None:
    with store.write() as conn:
        sessions_repo.delete_session(conn, digest(token))


def end_other_sessions(store: Store, user_id: int, keep_token: str | None) -> None:
    with store.write() as conn:
        sessions_repo.delete_sessions(conn, user_id, digest(keep_token) if keep_token else None)
