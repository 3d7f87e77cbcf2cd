"""Uploads in an S3-compatible bucket (``FOOTFIX_UPLOAD_STORE_URL=s3://…``), against a real S3
HTTP server on this machine: moto's standalone server, an emulator of the S3 protocol. The
bytes are put once by hash, read back by the job worker (a real ``footfix worker`` process),
removed with the account, and the quota is counted as with the folder store; the bytes are put
while no database transaction is open, and a refused or killed upload leaves none behind once
cleanup runs. What is in the bucket is read with a client of the test's own, not through
footfix."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from fastapi.testclient import TestClient
from moto.server import ThreadedMotoServer
from sqlalchemy import text

from footfix.services import jobs, tracking, upload_blobs, uploads
from footfix.services.identity import local_actor
from footfix.store import uploads_repo
from footfix.store.store import Store
from footfix.web.app import create_app
from tests.jobs.test_uploads import PutHook, other_user
from tests.jobs.worker_faults import worker_env
from tests.paths import WATCH
from tests.web.conftest import make_settings
from tests.web.helpers import PASSWORD, api_token, bearer, csrf_token, first_runner_uid, sign_up

FIT = WATCH / "fit" / "garmin-fenix-5-run.fit"
PREFIX = "clinic-a/uploads"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Any]]:
    """A fresh bucket, named in this process's environment (and so a worker's); the test's own
    client to look into it."""
    name = f"footfix-{uuid.uuid4().hex[:10]}"
    settings = {
        upload_blobs.STORE_URL_ENV: f"s3://{name}/{PREFIX}",
        upload_blobs.ENDPOINT_ENV: s3_endpoint,
        upload_blobs.REGION_ENV: "eu-west-1",
        upload_blobs.KEY_ID_ENV: "footfix-test",
        upload_blobs.SECRET_ENV: "footfix-test-secret",
    }
    for key, value in settings.items():
        monkeypatch.setenv(key, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-west-1",
        aws_access_key_id="footfix-test",
        aws_secret_access_key="footfix-test-secret",
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    yield name, client


def _objects(bucket: tuple[str, Any]) -> dict[str, bytes]:
    name, client = bucket
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=name, Key=o["Key"])["Body"].read() for o in listed}


def test_put_once_by_hash_read_quota_and_removed_in_the_bucket(
    store: Store, tmp_path: Path, bucket: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = FIT.read_bytes()
    monkeypatch.setenv(uploads.QUOTA_ENV, str((len(data) + 1000) / 1024**2))
    files = uploads.upload_store_from_env(tmp_path / "data")
    assert isinstance(files.blobs, upload_blobs.S3Blobs)
    me, other = local_actor(store), other_user(store)
    first = uploads.save(store, files, me, data, "../../run.fit")
    again = uploads.save(store, files, me, data, "copy.fit")
    theirs = uploads.save(store, files, other, data, "mine.fit")
    sha256 = hashlib.sha256(data).hexdigest()
    assert first.sha256 == again.sha256 == theirs.sha256 == sha256
    assert first.filename == again.filename == "run.fit"
    assert _objects(bucket) == {f"{PREFIX}/{sha256[:2]}/{sha256[2:4]}/{sha256}": data}
    assert not (tmp_path / "data").exists()  # nothing kept on the local disk
    assert uploads.open_upload(store, files, other, sha256) == (theirs, data)
    assert uploads.used_bytes(store, me) == len(data)
    with pytest.raises(uploads.QuotaExceeded):
        uploads.save(store, files, me, b"x" * 2000, "big.fit")
    assert len(_objects(bucket)) == 1  # the refused upload put nothing
    assert uploads.remove_user_uploads(store, files, me.user_id) == 0  # bo still holds it
    assert len(_objects(bucket)) == 1
    with pytest.raises(uploads.ServiceError):
        uploads.open_upload(store, files, me, sha256)
    assert uploads.remove_user_uploads(store, files, other.user_id) == 1
    assert _objects(bucket) == {}


def _open_transactions(store: Store) -> int:
    """Other sessions of the test database inside a transaction (PostgreSQL; SQLite: 0, where
    a write held open would make the next write of this process wait and fail instead)."""
    if store.settings.is_sqlite:
        return 0
    with store.read() as conn:
        query = (
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND xact_start IS NOT NULL "
            "AND pid <> pg_backend_pid()"
        )
        return int(conn.execute(text(query)).scalar_one())


def test_bytes_are_put_outside_a_transaction_and_none_outlive_a_refused_or_killed_upload(
    store: Store, tmp_path: Path, bucket: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, other = FIT.read_bytes(), b"another file " * 200
    monkeypatch.setenv(uploads.QUOTA_ENV, str((len(data) + 1000) / 1024**2))
    found = uploads.upload_store_from_env(tmp_path / "data")
    me = local_actor(store)
    seen: list[int] = []

    def meanwhile() -> None:  # while the bytes go to the bucket, another upload fills the quota
        seen.append(_open_transactions(store))
        uploads.save(store, found, me, other, "other.gpx")

    with pytest.raises(uploads.QuotaExceeded):
        uploads.save(store, dataclasses.replace(found, bucket=PutHook(found.blobs, meanwhile)),
                     me, data, FIT.name)  # fmt: skip
    assert seen == [0]
    assert uploads.used_bytes(store, me) == len(other)
    assert list(_objects(bucket).values()) == [other]  # the refused upload's bytes went

    def killed() -> None:
        raise SystemExit("the process died between the put and the record")

    with pytest.raises(SystemExit):
        uploads.save(store, dataclasses.replace(found, bucket=PutHook(found.blobs, killed)),
                     me, b"half an upload", "half.fit")  # fmt: skip
    assert len(_objects(bucket)) == 2 and uploads.used_bytes(store, me) == len(other)
    assert uploads.collect_unreferenced(store, found) == 0  # it may still be on its way
    assert uploads.collect_unreferenced(store, found, after=dt.timedelta(0)) == 1
    assert list(_objects(bucket).values()) == [other]


def test_a_worker_process_imports_watch_files_from_the_bucket(
    store: Store, db_url: str, tmp_path: Path, bucket: tuple[str, Any]
) -> None:
    me = local_actor(store)
    runner = tracking.add_runner(store, me, "ann", start=dt.date(2026, 1, 5))
    files = uploads.upload_store_from_env(tmp_path / "data")
    sha256 = uploads.save(store, files, me, FIT.read_bytes(), FIT.name).sha256
    job = jobs.submit(store, me, "watch_import", {"runner_uid": runner.uid, "uploads": [sha256]})
    env = worker_env(db_url, FOOTFIX_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-m", "footfix", "worker", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    finished = jobs.status(store, me, job.uid)
    assert finished.status == "done", finished.error
    assert finished.result["imported"] == 1
    assert len(_objects(bucket)) == 1
    assert not (tmp_path / "data" / "uploads" / ".work" / job.uid).exists()  # scratch removed


def test_an_unreachable_store_is_a_readable_error_and_stores_no_row(
    store: Store, tmp_path: Path, bucket: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(upload_blobs.ENDPOINT_ENV, "http://127.0.0.1:9")  # nothing listens there
    files = uploads.upload_store_from_env(tmp_path / "data")
    me = local_actor(store)
    with pytest.raises(upload_blobs.StoreUnreachable) as raised:
        uploads.save(store, files, me, FIT.read_bytes(), FIT.name)
    assert "cannot be reached" in str(raised.value)
    with store.read() as conn:
        assert uploads_repo.used_bytes(conn, me.user_id) == 0


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_deleting_the_account_on_the_web_empties_the_bucket(
    db_url: str, store: Store, tmp_path: Path, bucket: tuple[str, Any]
) -> None:
    settings = make_settings(db_url, tmp_path / "data")
    with TestClient(create_app(settings, store)) as client:
        sign_up(client)
        token = api_token(client)
        runner = first_runner_uid(client, token)
        sent = [("files", (FIT.name, FIT.read_bytes(), "application/octet-stream"))]
        answer = client.post(f"/api/v1/runners/{runner}/uploads", files=sent, headers=bearer(token))
        assert answer.status_code == 202, answer.text
        assert len(_objects(bucket)) == 1
        gone = client.post(
            "/account/delete",
            data={"csrf_token": csrf_token(client, "/account"), "delete_password": PASSWORD},
            follow_redirects=False,
        )
        assert gone.status_code == 303
    assert _objects(bucket) == {}
