"""Upload rows: which owner uploaded which content (the bytes live in a folder, by sha256)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select

from footfix.store.column_types import new_id
from footfix.store.schema import uploads


@dataclass(frozen=True)
class UploadRow:
    id: int
    owner_id: int
    sha256: str
    size_bytes: int
    filename: str
    created_at: dt.datetime


def find_upload(connection: Connection, owner_id: int, sha256: str) -> UploadRow | None:
    query = select(uploads).where(uploads.c.owner_id == owner_id, uploads.c.sha256 == sha256)
    found = connection.execute(query).mappings().first()
    return UploadRow(**found) if found else None


def add_upload(
    connection: Connection,
    *,
    owner_id: int,
    sha256: str,
    size_bytes: int,
    filename: str,
    now: dt.datetime,
) -> UploadRow:
    values = {
        "owner_id": owner_id,
        "sha256": sha256,
        "size_bytes": size_bytes,
        "filename": filename,
        "created_at": now,
    }
    upload_id = new_id(connection.execute(insert(uploads).values(**values)))
    return UploadRow(id=upload_id, **values)  # type: ignore[arg-type]


def used_bytes(connection: Connection, owner_id: int) -> int:
    query = select(func.coalesce(func.sum(uploads.c.size_bytes), 0)).where(
        uploads.c.owner_id == owner_id
    )
    return int(connection.execute(query).scalar_one())


def list_uploads(connection: Connection, owner_id: int) -> list[UploadRow]:
    query = select(uploads).where(uploads.c.owner_id == owner_id).order_by(uploads.c.id)
    return [UploadRow(**m) for m in connection.execute(query).mappings()]


def delete_owner_uploads(connection: Connection, owner_id: int) -> list[str]:
    """Remove the owner's rows; returns the hashes that no one references any more."""
    mine = {u.sha256 for u in list_uploads(connection, owner_id)}
    connection.execute(delete(uploads).where(uploads.c.owner_id == owner_id))
    if not mine:
        return []
    still = select(uploads.c.sha256).where(uploads.c.sha256.in_(sorted(mine)))
    kept = set(connection.execute(still).scalars())
    return sorted(mine - kept)
