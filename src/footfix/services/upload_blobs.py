"""Where upload bytes live, by sha256: a private folder (the default) or an S3-compatible bucket.

Both keep one object per hash, two levels of hash prefix deep, and offer the same four
operations. Which one is used, and who may upload what within which quota, is decided in
:mod:`footfix.services.uploads`; this module only moves bytes.

An S3 store is chosen with ``FOOTFIX_UPLOAD_STORE_URL=s3://bucket/prefix``. Its endpoint
(MinIO, Ceph, another S3-compatible server; unset: AWS itself), region and keys come from the
settings below; keys left unset are found as boto3 finds them (``AWS_*`` variables, an
instance role). boto3 is the optional extra ``footfix[s3]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from footfix.errors import ErrorKind
from footfix.private_files import private_dir, write_private
from footfix.services.errors import ServiceError

STORE_URL_ENV = "FOOTFIX_UPLOAD_STORE_URL"
ENDPOINT_ENV = "FOOTFIX_S3_ENDPOINT_URL"
REGION_ENV = "FOOTFIX_S3_REGION"
KEY_ID_ENV = "FOOTFIX_S3_ACCESS_KEY_ID"
SECRET_ENV = "FOOTFIX_S3_SECRET_ACCESS_KEY"


class Blobs(Protocol):
    """Bytes kept by their sha256 (checked by the caller: 64 lowercase hex digits)."""

    def exists(self, sha256: str) -> bool: ...

    def put(self, sha256: str, data: bytes) -> None: ...

    def get(self, sha256: str) -> bytes | None: ...

    def delete(self, sha256: str) -> None: ...


def _relative(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


@dataclass(frozen=True)
class FolderBlobs:
    """Files 0600 in 0700 folders; a file is written whole or not at all (rename)."""

    root: Path

    def path_of(self, sha256: str) -> Path:
        return self.root / _relative(sha256)

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put(self, sha256: str, data: bytes) -> None:
        private_dir(self.root)
        write_private(self.path_of(sha256), data)

    def get(self, sha256: str) -> bytes | None:
        try:
            return self.path_of(sha256).read_bytes()
        except FileNotFoundError:
            return None

    def delete(self, sha256: str) -> None:
        self.path_of(sha256).unlink(missing_ok=True)


class StoreUnreachable(ServiceError):
    kind = ErrorKind.UNAVAILABLE  # a job retries it with backoff; the web answers 503


@dataclass(frozen=True)
class S3Blobs:
    """Objects in one bucket under a prefix, through any S3-compatible endpoint."""

    bucket: str
    prefix: str
    client: Any  # a boto3 S3 client

    def key(self, sha256: str) -> str:
        return f"{self.prefix}/{_relative(sha256)}" if self.prefix else _relative(sha256)

    def exists(self, sha256: str) -> bool:
        return self._call("head_object", sha256) is not None

    def put(self, sha256: str, data: bytes) -> None:
        self._call("put_object", sha256, Body=data, ContentType="application/octet-stream")

    def get(self, sha256: str) -> bytes | None:
        found = self._call("get_object", sha256)
        return None if found is None else bytes(found["Body"].read())

    def delete(self, sha256: str) -> None:
        self._call("delete_object", sha256)

    def _call(self, operation: str, sha256: str, **extra: Any) -> Any:
        """The operation's answer; None when the object is not there."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, operation)(
                Bucket=self.bucket, Key=self.key(sha256), **extra
            )
        except ClientError as err:
            code = str(err.response.get("Error", {}).get("Code", ""))
            if code in ("404", "NoSuchKey", "NotFound"):
                return None
            raise StoreUnreachable(f"the upload store refused the request ({code})") from None
        except BotoCoreError as err:
            raise StoreUnreachable(
                f"the upload store cannot be reached ({type(err).__name__})"
            ) from None


def blobs_from_env(folder: Path, env: Mapping[str, str]) -> Blobs:
    """The store ``FOOTFIX_UPLOAD_STORE_URL`` names; unset: the folder ``folder``."""
    url = env.get(STORE_URL_ENV, "").strip()
    if not url:
        return FolderBlobs(folder)
    scheme, _, rest = url.partition("://")
    bucket, _, prefix = rest.partition("/")
    if scheme != "s3" or not bucket:
        raise ServiceError(f"{STORE_URL_ENV} must look like s3://bucket/prefix (or be unset)")
    settings = tuple(env.get(name, "").strip() or None for name in _CLIENT_SETTINGS)
    return S3Blobs(bucket, prefix.strip("/"), _client(*settings))


_CLIENT_SETTINGS = (ENDPOINT_ENV, REGION_ENV, KEY_ID_ENV, SECRET_ENV)


@cache
def _client(
    endpoint: str | None, region: str | None, key_id: str | None, secret: str | None
) -> Any:
    """One client per configuration and process (boto3 clients are thread-safe)."""
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        raise ServiceError(
            f"{STORE_URL_ENV} names an S3 store, but boto3 is not installed: "
            "pip install 'footfix[s3]'",
            kind=ErrorKind.UNAVAILABLE,
        ) from None
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=region or "us-east-1",
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        # path-style addressing: what MinIO and most self-hosted servers expect
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3}),
    )
