"""Credentials, reset tokens, sign-in attempts, and deleting a user with everything they own."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, delete, func, insert, select, update

from footfix.store.schema import runners, users
from footfix.store.users_repo import UserRow
from footfix.store.web_schema import credentials, login_attempts, reset_tokens


def find_user_by_email(connection: Connection, email: str) -> UserRow | None:
    row = connection.execute(select(users).where(users.c.email == email)).mappings().first()
    return UserRow(**row) if row else None


def password_hash(connection: Connection, user_id: int) -> str | None:
    query = select(credentials.c.password_hash).where(credentials.c.user_id == user_id)
    found = connection.execute(query).scalar_one_or_none()
    return str(found) if found is not None else None


def set_password_hash(connection: Connection, user_id: int, hashed: str, now: dt.datetime) -> None:
    done = connection.execute(
        update(credentials)
        .where(credentials.c.user_id == user_id)
        .values(password_hash=hashed, changed_at=now)
    )
    if done.rowcount == 0:
        connection.execute(
            insert(credentials).values(user_id=user_id, password_hash=hashed, changed_at=now)
        )


def set_role(connection: Connection, user_id: int, role: str) -> None:
    connection.execute(update(users).where(users.c.id == user_id).values(role=role))


def record_attempt(
    connection: Connection,
    key_hashes: list[str],
    now: dt.datetime,
    *,
    succeeded: bool,
    keep_since: dt.datetime,
) -> None:
    connection.execute(delete(login_attempts).where(login_attempts.c.attempted_at < keep_since))
    for key in key_hashes:
        connection.execute(
            insert(login_attempts).values(key_hash=key, attempted_at=now, succeeded=succeeded)
        )


def failures_since(connection: Connection, key_hash: str, since: dt.datetime) -> int:
    """Failed attempts for this key since ``since`` and after its last success."""
    last_success = (
        select(func.max(login_attempts.c.attempted_at))
        .where(login_attempts.c.key_hash == key_hash, login_attempts.c.succeeded)
        .scalar_subquery()
    )
    query = select(func.count()).where(
        login_attempts.c.key_hash == key_hash,
        ~login_attempts.c.succeeded,
        login_attempts.c.attempted_at >= since,
        login_attempts.c.attempted_at > func.coalesce(last_success, since),
    )
    return int(connection.execute(query).scalar_one())


def add_reset_token(
    connection: Connection, user_id: int, token_hash: str, now: dt.datetime, expires: dt.datetime
) -> None:
    # a new token replaces any earlier one still unused
    connection.execute(
        delete(reset_tokens).where(
            reset_tokens.c.user_id == user_id, reset_tokens.c.used_at.is_(None)
        )
    )
    connection.execute(
        insert(reset_tokens).values(
            token_hash=token_hash, user_id=user_id, created_at=now, expires_at=expires
        )
    )


def use_reset_token(connection: Connection, token_hash: str, now: dt.datetime) -> int | None:
    """The user of an unused, unexpired token, which is used up by this call; else None."""
    row = connection.execute(
        select(
            reset_tokens.c.id,
            reset_tokens.c.user_id,
            reset_tokens.c.expires_at,
            reset_tokens.c.used_at,
        )
        .where(reset_tokens.c.token_hash == token_hash)
        .with_for_update()
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    connection.execute(update(reset_tokens).where(reset_tokens.c.id == row.id).values(used_at=now))
    return int(row.user_id)


def delete_user(connection: Connection, user_id: int) -> int:
    """Delete the user, their runners and everything in them; returns the runners deleted.

    A runner's assessments, plans, logs, activities and shares go with it (``ON DELETE
    CASCADE``); the user's credentials, sessions, tokens and shares go with the user.
    """
    gone = connection.execute(delete(runners).where(runners.c.owner_id == user_id)).rowcount
    connection.execute(delete(users).where(users.c.id == user_id))
    return int(gone or 0)
