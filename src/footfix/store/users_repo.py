"""Users: who owns runners. The web app keeps credentials and sessions in tables of its own."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from footfix.store.column_types import new_id
from footfix.store.errors import StoreError
from footfix.store.schema import ROLES, users

LOCAL_DISPLAY_NAME = "local user"
LOCAL_ROLE = "admin"  # the person at the terminal owns this installation's database


@dataclass(frozen=True)
class UserRow:
    id: int
    uid: str
    display_name: str
    email: str | None
    role: str
    is_local: bool
    created_at: dt.datetime


def add_user(
    connection: Connection,
    *,
    display_name: str,
    role: str,
    created_at: dt.datetime,
    email: str | None = None,
    is_local: bool = False,
    uid: str | None = None,
) -> UserRow:
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {ROLES}")
    values = {
        "uid": uid or str(uuid.uuid4()),
        "display_name": display_name,
        "email": email,
        "role": role,
        "is_local": is_local,
        "created_at": created_at,
    }
    user_id = new_id(connection.execute(insert(users).values(**values)))
    return UserRow(id=user_id, **values)  # type: ignore[arg-type]


def get_user(connection: Connection, user_id: int) -> UserRow | None:
    row = connection.execute(select(users).where(users.c.id == user_id)).mappings().first()
    return UserRow(**row) if row else None


def get_user_by_uid(connection: Connection, uid: str) -> UserRow | None:
    row = connection.execute(select(users).where(users.c.uid == uid)).mappings().first()
    return UserRow(**row) if row else None


def find_local_user(connection: Connection) -> UserRow | None:
    row = connection.execute(select(users).where(users.c.is_local)).mappings().first()
    return UserRow(**row) if row else None


def local_user(connection: Connection, now: dt.datetime) -> UserRow:
    """The database's one local user, made on first use (inside the caller's write)."""
    found = find_local_user(connection)
    if found is not None:
        return found
    try:
        with connection.begin_nested():  # another process may make it at the same moment
            return add_user(
                connection,
                display_name=LOCAL_DISPLAY_NAME,
                role=LOCAL_ROLE,
                created_at=now,
                is_local=True,
            )
    except IntegrityError:
        found = find_local_user(connection)
        if found is None:
            raise StoreError("the local user could not be made") from None
        return found
