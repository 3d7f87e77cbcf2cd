"""Uploads are stored once by sha256, privately, within a quota, and go with the account."""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from pathlib import Path

import pytest

from footfix.services import uploads
from footfix.services.identity import Actor, local_actor
from footfix.store import users_repo
from footfix.store.store import Store
from tests.paths import WATCH


def test_stored_once_private_quota_and_removed_with_the_account(
    store: Store, tmp_path: Path
) -> None:
    data = (WATCH / "fit" / "garmin-fenix-5-run.fit").read_bytes()
    files = uploads.UploadStore(tmp_path / "uploads", quota_bytes=len(data) + 1000)
    me = local_actor(store)
    with store.write() as conn:
        other = Actor.of(
            users_repo.add_user(
                conn, display_name="bo", role="runner", created_at=dt.datetime.now(dt.UTC)
            )
        )
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
