"""Password hashes: argon2id (argon2-cffi, RFC 9106's low-memory profile, its default)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 1024  # longer is no safer and costs the server time to hash


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(hashed: str | None, password: str) -> bool:
    """True when ``password`` matches; with no hash, a dummy check takes the same time, so a
    wrong e-mail address cannot be told from a wrong password by the answer's speed."""
    try:
        return _hasher().verify(hashed or _dummy_hash(), password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(hashed: str) -> bool:
    return _hasher().check_needs_rehash(hashed)


@cache
def _dummy_hash() -> str:
    return _hasher().hash("not anyone's password")


def password_problems(password: str, email: str = "") -> list[str]:
    if len(password) < MIN_LENGTH:
        return [f"use at least {MIN_LENGTH} characters"]
    if len(password) > MAX_LENGTH:
        return [f"use at most {MAX_LENGTH} characters"]
    if not password.strip() or len(set(password)) < 3:
        return ["use a password that is not one character repeated"]
    if email and password.strip().lower() == email.strip().lower():
        return ["use a password that is not your e-mail address"]
    return []
