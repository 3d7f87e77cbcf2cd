"""Uploads are stored once by sha256, privately, within a quota, and go with the account; bytes
another upload names are never removed, whatever the interleaving."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from footfix.services import uploads
from footfix.services.identity import Actor, local_actor
from footfix.services.upload_blobs import Blobs
from footfix.store import users_repo
from footfix.store.store import Store
from tests.paths import WATCH


@dataclasses.dataclass
class PutHook:
    """A store that runs ``meanwhile`` once, right after its first put has written the bytes:
    what other uploads and removals do while an upload is between its put and its record."""

    inner: Blobs
    meanwhile: Callable[[], object] | None

    def exists(self, sha256: str) -> bool:
        return self.inner.exists(sha256)

    def put(self, sha256: str, data: bytes) -> None:
        self.inner.put(sha256, data)
        hook, self.meanwhile = self.meanwhile, None
        if hook is not None:
            hook()

    def get(self, sha256: str) -> bytes | None:
        return self.inner.get(sha256)

    def delete(self, sha256: str) -> None:
        self.inner.delete(sha256)


def other_user(store: Store) -> Actor:
    with store.write() as conn:
        user = users_repo.add_user(
            conn, display_name="bo", role="runner", created_at=dt.datetime.now(dt.UTC)
        )
    return Actor.of(user)


def test_stored_once_private_quota_and_removed_with_the_account(
    store: Store, tmp_path: Path
) -> None:
    data = (WATCH / "fit" / "garmin-fenix-5-run.fit").read_bytes()
    files = uploads.UploadStore(tmp_path / "uploads", quota_bytes=len(data) + 1000)
    me, other = local_actor(store), other_user(store)
    first = uploads.save(store, files, me, data, "../../run.fit")
    again = uploads.save(store, files, me, data, "copy.fit")
    theirs = uploads.save(store, files, other, data, "mine.fit")
    assert first.sha256 == again.sha256 == theirs.sha256 == hashlib.sha256(data).hexdigest()
    assert first.filename == "run.fit" and again.filename == "run.fit"
    path = files.root / first.sha256[:2] / first.sha256[2:4] / first.sha256
    assert sorted(p for p in files.root.rglob("*") if p.is_file()) == [path]
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(files.root.stat().st_mode) == 0o700
    assert uploads.used_bytes(store, me) == len(data)
    with pytest.raises(uploads.QuotaExceeded):
        uploads.save(store, files, me, b"x" * 2000, "big.fit")
    assert uploads.remove_user_uploads(store, files, me.user_id) == 0  # bo still holds it
    assert path.is_file()
    with pytest.raises(uploads.ServiceError):
        uploads.open_upload(store, files, me, first.sha256)
    assert uploads.open_upload(store, files, other, first.sha256)[0].filename == "mine.fit"
    assert uploads.remove_user_uploads(store, files, other.user_id) == 1
    assert not path.exists()


def test_bytes_removed_while_another_upload_of_them_was_putting_are_put_again(
    store: Store, tmp_path: Path
) -> None:
    data = (WATCH / "fit" / "garmin-fenix-5-run.fit").read_bytes()
    folder = uploads.UploadStore(tmp_path / "uploads")
    me, bo = local_actor(store), other_user(store)
    removed: list[int] = []

    def meanwhile() -> None:  # bo's bytes are put, not yet recorded: I upload them, then go
        uploads.save(store, folder, me, data, "mine.fit")
        removed.append(uploads.remove_user_uploads(store, folder, me.user_id))

    hooked = dataclasses.replace(folder, bucket=PutHook(folder.blobs, meanwhile))
    saved = uploads.save(store, hooked, bo, data, "bo.fit")
    assert removed == [1]  # no row named the bytes when I went: they went with me
    assert uploads.open_upload(store, folder, bo, saved.sha256) == (saved, data)  # put again
    assert uploads.used_bytes(store, bo) == len(data) and uploads.used_bytes(store, me) == 0
    assert uploads.remove_user_uploads(store, folder, bo.user_id) == 1
    assert not [p for p in folder.root.rglob("*") if p.is_file()]
