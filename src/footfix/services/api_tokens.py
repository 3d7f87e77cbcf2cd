"""Personal access tokens for the REST API: made and revoked by their user, stored hashed.

A token is shown once, when it is made (``ffx_`` and 43 random characters); the database keeps
its SHA-256 and a short prefix so a list can tell tokens apart.
"""

from __future__ import annotations

import datetime as dt
import secrets

from footfix.domain import plausibility
from footfix.errors import NotFound
from footfix.services.accounts import FieldProblems
from footfix.services.sessions import TOUCH_EVERY, SessionUser, digest, now_utc
from footfix.store import sessions_repo
from footfix.store.sessions_repo import TokenRow
from footfix.store.store import Store

__all__ = ["TokenRow", "create_token", "list_tokens", "revoke_token", "token_user"]

PREFIX = "ffx_"
MAX_TOKENS = 50


def create_token(
    store: Store, user_id: int, name: str, *, days: int | None = None
) -> tuple[str, TokenRow]:
    name = name.strip()
    if not name or plausibility.text_problems("name", name, 80):
        raise FieldProblems({"name": "give the token a name of 1–80 characters"})
    if days is not None and not 1 <= days <= 3660:
        raise FieldProblems({"days": "a token lasts 1–3660 days (or leave it empty: no expiry)"})
    token = PREFIX + secrets.token_urlsafe(32)
    now = now_utc()
    expires = now + dt.timedelta(days=days) if days else None
    with store.write() as conn:
        live = [t for t in sessions_repo.list_tokens(conn, user_id) if t.revoked_at is None]
        if len(live) >= MAX_TOKENS:
            raise FieldProblems({"name": f"at most {MAX_TOKENS} tokens: revoke one first"})
        row = sessions_repo.add_token(
            conn,
            user_id,
            name=name,
            prefix=token[: len(PREFIX) + 6],
            token_hash=digest(token),
            now=now,
            expires=expires,
        )
    return token, row


def list_tokens(store: Store, user_id: int) -> list[TokenRow]:
    with store.read() as conn:
        return sessions_repo.list_tokens(conn, user_id)


def revoke_token(store: Store, user_id: int, uid: str) -> None:
    with store.write() as conn:
        if not sessions_repo.revoke_token(conn, user_id, uid, now_utc()):
            raise NotFound("no such token among yours (or it is already revoked)")


def token_user(store: Store, token: str) -> SessionUser | None:
    """The user of a live token, or None (unknown, revoked or expired)."""
    if not token.startswith(PREFIX) or len(token) > 128:
        return None
    now = now_utc()
    with store.read() as conn:
        found = sessions_repo.find_token(conn, digest(token))
    if found is None:
        return None
    token_id, row, user = found
    if row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now):
        return None
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        with store.write() as conn:
            sessions_repo.touch_token(conn, token_id, now)
    return SessionUser.of(user)
