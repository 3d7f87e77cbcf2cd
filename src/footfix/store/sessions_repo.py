"""Browser sessions and personal API tokens, found by the SHA-256 of what the user holds."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from footfix.store.schema import users
from footfix.store.users_repo import UserRow
from footfix.store.web_schema import api_tokens, web_sessions


@dataclass(frozen=True)
class SessionRow:
    id: int
    user: UserRow
    expires_at: dt.datetime
    last_seen_at: dt.datetime


@dataclass(frozen=True)
class TokenRow:
    uid: str
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


def _user_of(row: object) -> UserRow:
    values = {column.name: getattr(row, f"u_{column.name}") for column in users.columns}
    return UserRow(**values)


_USER_COLUMNS = [column.label(f"u_{column.name}") for column in users.columns]


def add_session(
    connection: Connection, user_id: int, token_hash: str, now: dt.datetime, expires: dt.datetime
) -> None:
    connection.execute(
        insert(web_sessions).values(
            token_hash=token_hash,
            user_id=user_id,
            created_at=now,
            expires_at=expires,
            last_seen_at=now,
        )
    )


def find_session(connection: Connection, token_hash: str) -> SessionRow | None:
    query = (
        select(
            web_sessions.c.id,
            web_sessions.c.expires_at,
            web_sessions.c.last_seen_at,
            *_USER_COLUMNS,
        )
        .join(users, users.c.id == web_sessions.c.user_id)
        .where(web_sessions.c.token_hash == token_hash)
    )
    row = connection.execute(query).first()
    if row is None:
        return None
    return SessionRow(row.id, _user_of(row), row.expires_at, row.last_seen_at)


def touch_session(connection: Connection, session_id: int, now: dt.datetime) -> None:
    connection.execute(
        update(web_sessions).where(web_sessions.c.id == session_id).values(last_seen_at=now)
    )


def delete_session(connection: Connection, token_hash: str) -> None:
    connection.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))


def delete_sessions(connection: Connection, user_id: int, keep_hash: str | None = None) -> None:
    query = delete(web_sessions).where(web_sessions.c.user_id == user_id)
    if keep_hash is not None:
        query = query.where(web_sessions.c.token_hash != keep_hash)
    connection.execute(query)


def prune_sessions(connection: Connection, now: dt.datetime) -> None:
    connection.execute(delete(web_sessions).where(web_sessions.c.expires_at <= now))


def add_token(
    connection: Connection,
    user_id: int,
    *,
    name: str,
    prefix: str,
    token_hash: str,
    now: dt.datetime,
    expires: dt.datetime | None,
) -> TokenRow:
    uid = str(uuid.uuid4())
    connection.execute(
        insert(api_tokens).values(
            uid=uid,
            user_id=user_id,
            name=name,
            prefix=prefix,
            token_hash=token_hash,
            created_at=now,
            expires_at=expires,
        )
    )
    return TokenRow(uid, name, prefix, now, expires, None, None)


def list_tokens(connection: Connection, user_id: int) -> list[TokenRow]:
    query = (
        select(
            api_tokens.c.uid,
            api_tokens.c.name,
            api_tokens.c.prefix,
            api_tokens.c.created_at,
            api_tokens.c.expires_at,
            api_tokens.c.last_used_at,
            api_tokens.c.revoked_at,
        )
        .where(api_tokens.c.user_id == user_id)
        .order_by(api_tokens.c.created_at.desc(), api_tokens.c.id.desc())
    )
    return [TokenRow(*row) for row in connection.execute(query)]


def revoke_token(connection: Connection, user_id: int, uid: str, now: dt.datetime) -> bool:
    done = connection.execute(
        update(api_tokens)
        .where(
            api_tokens.c.user_id == user_id,
            api_tokens.c.uid == uid,
            api_tokens.c.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    return bool(done.rowcount)


def find_token(connection: Connection, token_hash: str) -> tuple[int, TokenRow, UserRow] | None:
    query = (
        select(
            api_tokens.c.id,
            api_tokens.c.uid,
            api_tokens.c.name,
            api_tokens.c.prefix,
            api_tokens.c.created_at,
            api_tokens.c.expires_at,
            api_tokens.c.last_used_at,
            api_tokens.c.revoked_at,
            *_USER_COLUMNS,
        )
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.token_hash == token_hash)
    )
    row = connection.execute(query).first()
    if row is None:
        return None
    token = TokenRow(
        row.uid,
        row.name,
        row.prefix,
        row.created_at,
        row.expires_at,
        row.last_used_at,
        row.revoked_at,
    )
    return int(row.id), token, _user_of(row)


def touch_token(connection: Connection, token_id: int, now: dt.datetime) -> None:
    connection.execute(
        update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now)
    )
