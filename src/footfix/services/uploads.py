"""Uploads: each file's bytes stored once, named by sha256, in a private folder beside the data
or in an S3-compatible bucket (``FOOTFIX_UPLOAD_STORE_URL``, see :mod:`upload_blobs`).

The folder (0700, files 0600) is ``FOOTFIX_DATA_DIR/uploads`` by default, two levels of hash
prefix deep; with a bucket, that folder only holds the jobs' scratch copies. A row per owner and
hash says who uploaded what; a per-user quota counts those rows' sizes, so two users uploading
one file each pay for it, and one user uploading it twice pays once. Removing an account
removes its rows and every stored file no one else references.
"""

from __future__ import annotations

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
from footfix.store.store import Store

QUOTA_ENV = "FOOTFIX_UPLOAD_QUOTA_MB"
DEFAULT_QUOTA_BYTES = 2 * 1024**3  # a year of watch files and a few stride videos


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
    with store.write() as conn:
        mine = uploads_repo.find_upload(conn, actor.user_id, sha256)
        if mine is None:
            used = uploads_repo.used_bytes(conn, actor.user_id)
            if used + len(data) > files.quota_bytes:
                raise QuotaExceeded(
                    f"this upload would pass your storage quota of "
                    f"{files.quota_bytes // 1024**2} MB ({used // 1024**2} MB used)"
                )
            uploads_repo.add_upload(
                conn,
                owner_id=actor.user_id,
                sha256=sha256,
                size_bytes=len(data),
                filename=name,
                now=dt.datetime.now(dt.UTC),
            )
        # written before the row commits: a row never lacks its bytes
        if not files.blobs.exists(sha256):
            files.blobs.put(sha256, data)
    return StoredUpload(sha256, len(data), mine.filename if mine else name)


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
    """For account deletion: drop the user's upload rows and the files nobody else holds."""
    with store.write() as conn:
        orphans = uploads_repo.delete_owner_uploads(conn, user_id)
    for sha256 in orphans:
        files.blobs.delete(_checked(sha256))
    return len(orphans)
