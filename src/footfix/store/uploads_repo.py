"""Upload rows: which owner uploaded which content; blob rows: the state of those bytes (kept in
a folder or a bucket, by sha256) and the row lock that orders adding and removing references."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from footfix.store.column_types import new_id
from footfix.store.schema import upload_blobs, uploads, users


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


def delete_upload(connection: Connection, owner_id: int, sha256: str) -> bool:
    gone = connection.execute(
        delete(uploads).where(uploads.c.owner_id == owner_id, uploads.c.sha256 == sha256)
    )
    return bool(gone.rowcount)


def references(connection: Connection, sha256: str) -> int:
    """How many upload rows, of any owner, name these bytes."""
    query = select(func.count()).select_from(uploads).where(uploads.c.sha256 == sha256)
    return int(connection.execute(query).scalar_one())


def lock_owner(connection: Connection, owner_id: int) -> None:
    """Queue the owner's uploads one after another, so that two cannot both pass the quota
    (``FOR NO KEY UPDATE``: rows that merely reference the user are not held up)."""
    query = select(users.c.id).where(users.c.id == owner_id).with_for_update(key_share=True)
    connection.execute(query)


BlobStateName = Literal["pending", "stored", "gone"]


@dataclass(frozen=True)
class BlobState:
    state: BlobStateName
    epoch: int


def lock_blob(connection: Connection, sha256: str, now: dt.datetime) -> BlobState:
    """The blob row, made if missing (as ``pending``) and locked until the transaction ends.

    PostgreSQL: ``SELECT … FOR UPDATE``; SQLite: the transaction already holds the write lock."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(
        dialect.insert(upload_blobs)
        .values(sha256=sha256, state="pending", epoch=0, touched_at=now)
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    query = (
        select(upload_blobs.c.state, upload_blobs.c.epoch)
        .where(upload_blobs.c.sha256 == sha256)
        .with_for_update()
    )
    found = connection.execute(query).one()
    return BlobState(found.state, int(found.epoch))


def set_blob_state(
    connection: Connection, sha256: str, state: BlobStateName, now: dt.datetime
) -> None:
    """Record the bytes' new state; removing them (``gone``) starts a new epoch."""
    values: dict[str, object] = {"state": state, "touched_at": now}
    if state == "gone":
        values["epoch"] = upload_blobs.c.epoch + 1
    connection.execute(update(upload_blobs).where(upload_blobs.c.sha256 == sha256).values(values))


def unreferenced_blobs(connection: Connection, touched_before: dt.datetime) -> list[str]:
    """Hashes whose bytes may be kept (``pending`` or ``stored``) that no upload row names, left
    alone since ``touched_before``: what a cleanup removes."""
    named = select(uploads.c.sha256).where(uploads.c.sha256 == upload_blobs.c.sha256).exists()
    query = (
        select(upload_blobs.c.sha256)
        .where(
            upload_blobs.c.state != "gone",
            upload_blobs.c.touched_at < touched_before,
            ~named,
        )
        .order_by(upload_blobs.c.sha256)
    )
    return list(connection.execute(query).scalars())
