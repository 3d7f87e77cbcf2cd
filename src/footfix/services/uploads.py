"""Uploads: each file's bytes stored once, named by sha256, in a private folder beside the data
or in an S3-compatible bucket (``FOOTFIX_UPLOAD_STORE_URL``, see :mod:`upload_blobs`).

The folder (0700, files 0600) is ``FOOTFIX_DATA_DIR/uploads`` by default, two levels of hash
prefix deep; with a bucket, that folder only holds the jobs' scratch copies. A row per owner and
hash says who uploaded what; a per-user quota counts those rows' sizes, so two users uploading
one file each pay for it, and one user uploading it twice pays once. Removing an account
removes its rows and every stored file no one else references.

The bytes are put before the transaction that records the upload, so a slow store never holds
a database transaction open. One row per hash (``upload_blobs``) orders the rest: whoever adds
or removes a reference locks it first, and bytes are removed only under that lock, when no
upload row names them. Removing them starts a new epoch of the row, which an upload that put the
bytes before its transaction checks: if they went meanwhile, it puts them again. An upload whose
record fails or is refused removes the bytes it put unless a row names them by then. Bytes no
row names (a process killed between the put and the record) cost no one quota, since the quota
counts rows, and :func:`collect_unreferenced` removes them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from footfix.errors import ErrorKind
from footfix.services.errors import ServiceError
from footfix.services.identity import Actor
from footfix.services.upload_blobs import Blobs, FolderBlobs, blobs_from_env
from footfix.store import uploads_repo
from footfix.store.engine import Connection
from footfix.store.errors import StoreError
from footfix.store.store import Store

QUOTA_ENV = "FOOTFIX_UPLOAD_QUOTA_MB"
DEFAULT_QUOTA_BYTES = 2 * 1024**3  # a year of watch files and a few stride videos
SAVE_TRIES = 3  # each try that finds its bytes removed meanwhile puts them again
# bytes no row names are left this long: an upload may be between its put and its record
COLLECT_AFTER = dt.timedelta(hours=1)


class QuotaExceeded(ServiceError):
    kind = ErrorKind.TOO_LARGE


@dataclass(frozen=True)
class StoredUpload:
    sha256: str
    size_bytes: int
    filename: str


@dataclass(frozen=True)
class UploadStore:
    """Where the bytes live and how much each user may keep. ``root`` is the local folder: the
    files themselves when ``blobs`` is the folder store (the default), and the jobs' scratch."""

    root: Path
    quota_bytes: int = DEFAULT_QUOTA_BYTES
    bucket: Blobs | None = None  # an S3-compatible store; None: the files under root

    @property
    def blobs(self) -> Blobs:
        return self.bucket if self.bucket is not None else FolderBlobs(self.root)

    def read(self, sha256: str) -> bytes | None:
        return self.blobs.get(_checked(sha256))


def _checked(sha256: str) -> str:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ServiceError("not an upload id")
    return sha256


def upload_store_from_env(data_dir: Path, env: dict[str, str] | None = None) -> UploadStore:
    env = dict(os.environ) if env is None else env
    quota = env.get(QUOTA_ENV, "").strip()
    try:
        quota_bytes = int(float(quota) * 1024**2) if quota else DEFAULT_QUOTA_BYTES
    except ValueError:
        raise ServiceError(f"{QUOTA_ENV} must be a number of megabytes") from None
    root = data_dir / "uploads"
    found = blobs_from_env(root, env)
    return UploadStore(root, quota_bytes, None if isinstance(found, FolderBlobs) else found)


def save(
    store: Store, files: UploadStore, actor: Actor, data: bytes, filename: str
) -> StoredUpload:
    """Keep ``data`` for ``actor`` (once, whatever the number of uploads of the same bytes)."""
    sha256 = hashlib.sha256(data).hexdigest()
    name = Path(filename.replace("\\", "/")).name[:255] or "upload"
    for _ in range(SAVE_TRIES):
        with store.write() as conn:
            mine = uploads_repo.find_upload(conn, actor.user_id, sha256)
            if mine is not None:
                return StoredUpload(sha256, mine.size_bytes, mine.filename)
            _check_quota(conn, files, actor, len(data))  # a refused upload puts nothing
            before = uploads_repo.lock_blob(conn, sha256, _now())
            # skip the put only when a row names the bytes: a removal that took them and then
            # failed to commit leaves them marked stored, but then named by no row
            putting = before.state != "stored" or not uploads_repo.references(conn, sha256)
            if putting:
                uploads_repo.set_blob_state(conn, sha256, "pending", _now())
        if putting:
            files.blobs.put(sha256, data)
        try:
            recorded = _record(store, files, actor, sha256, len(data), name, before.epoch)
        except Exception:
            if putting:  # the error that matters is the record's; cleanup is best effort
                with contextlib.suppress(ServiceError, StoreError):
                    _release(store, files, None, sha256)
            raise
        if recorded is not None:
            return recorded
    raise ServiceError(
        "the upload could not be stored while the same file was being removed: try again",
        kind=ErrorKind.UNAVAILABLE,
    )


def _record(
    store: Store,
    files: UploadStore,
    actor: Actor,
    sha256: str,
    size: int,
    name: str,
    epoch: int,
) -> StoredUpload | None:
    """The upload's row, once the bytes are in the store; None if they were removed since."""
    now = _now()
    with store.write() as conn:
        uploads_repo.lock_owner(conn, actor.user_id)
        if uploads_repo.lock_blob(conn, sha256, now).epoch != epoch:
            return None
        mine = uploads_repo.find_upload(conn, actor.user_id, sha256)
        if mine is None:
            _check_quota(conn, files, actor, size)
            uploads_repo.add_upload(
                conn, owner_id=actor.user_id, sha256=sha256, size_bytes=size, filename=name, now=now
            )
        uploads_repo.set_blob_state(conn, sha256, "stored", now)
    return StoredUpload(sha256, size, mine.filename if mine else name)


def _check_quota(conn: Connection, files: UploadStore, actor: Actor, size: int) -> None:
    used = uploads_repo.used_bytes(conn, actor.user_id)
    if used + size > files.quota_bytes:
        raise QuotaExceeded(
            f"this upload would pass your storage quota of "
            f"{files.quota_bytes // 1024**2} MB ({used // 1024**2} MB used)"
        )


def open_upload(
    store: Store, files: UploadStore, actor: Actor, sha256: str
) -> tuple[StoredUpload, bytes]:
    """The actor's own upload and its bytes (another user's hash is simply not found)."""
    with store.read() as conn:
        mine = uploads_repo.find_upload(conn, actor.user_id, _checked(sha256))
    data = None if mine is None else files.read(sha256)
    if mine is None or data is None:
        raise ServiceError("no such upload", kind=ErrorKind.NOT_FOUND)
    return StoredUpload(sha256, mine.size_bytes, mine.filename), data


def used_bytes(store: Store, actor: Actor) -> int:
    with store.read() as conn:
        return uploads_repo.used_bytes(conn, actor.user_id)


def remove_user_uploads(store: Store, files: UploadStore, user_id: int) -> int:
    """For account deletion: drop the user's upload rows and the files nobody else holds;
    returns how many files went. One transaction per file: a store that fails half-way leaves
    the rest of the rows, and deleting the account again goes on from there."""
    with store.read() as conn:
        mine = [u.sha256 for u in uploads_repo.list_uploads(conn, user_id)]
    return sum(_release(store, files, user_id, _checked(sha256)) for sha256 in mine)


def collect_unreferenced(
    store: Store, files: UploadStore, *, after: dt.timedelta = COLLECT_AFTER
) -> int:
    """Remove stored bytes that no upload row has named for ``after`` (an upload killed between
    its put and its record leaves such bytes); returns how many went."""
    with store.read() as conn:
        found = uploads_repo.unreferenced_blobs(conn, _now() - after)
    return sum(_release(store, files, None, sha256) for sha256 in found)


def _release(store: Store, files: UploadStore, owner_id: int | None, sha256: str) -> bool:
    """Drop the owner's row for these bytes (None: no row), then the bytes if no row is left."""
    now = _now()
    with store.write() as conn:
        uploads_repo.lock_blob(conn, sha256, now)
        if owner_id is not None:
            uploads_repo.delete_upload(conn, owner_id, sha256)
        if uploads_repo.references(conn, sha256):
            return False
        # under the lock: no upload of these bytes records itself until they are gone, and the
        # new epoch tells one that put them before to put them again
        files.blobs.delete(sha256)
        uploads_repo.set_blob_state(conn, sha256, "gone", now)
    return True


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
