"""Accounts: sign-up, sign-in (rate-limited), password change and reset, roles, deletion.

A sign-up makes a user (``users``, the identity every service acts for), their argon2 password
hash and, for a runner, their own runner record to track. Mistakes come back as a
:class:`FieldProblems` naming the form field each one belongs to.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from footfix.domain import plausibility
from footfix.errors import InvalidInput, NotFound, RateLimited, Unauthorized
from footfix.services import passwords, uploads
from footfix.services.sessions import SessionUser, digest, now_utc
from footfix.store import accounts_repo, sessions_repo, users_repo
from footfix.store.store import Store

SIGN_UP_ROLES = ("runner", "clinician")  # admins are made from the command line
ROLES = ("runner", "clinician", "admin")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
WRONG_CREDENTIALS = "the e-mail address or the password is not right"


class FieldProblems(InvalidInput):
    """Invalid form input: ``fields`` maps each field's name to what is wrong with it."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(
            "please correct the marked fields", [f"{k}: {v}" for k, v in fields.items()]
        )
        self.fields = fields


@dataclass(frozen=True)
class SignInLimits:
    max_failures: int = 5
    max_failures_per_client: int = 30
    window: dt.timedelta = dt.timedelta(minutes=15)


def normalise_email(text: str) -> str:
    return text.strip().lower()


def email_problem(email: str) -> str | None:
    if len(email) > 254 or not _EMAIL.match(email):
        return "enter an e-mail address like name@example.com"
    return None


def sign_up(
    store: Store,
    *,
    email: str,
    password: str,
    display_name: str,
    role: str = "runner",
    timezone: str = "UTC",
    units: str = "km",
) -> SessionUser:
    email = normalise_email(email)
    name = display_name.strip()
    problems: dict[str, str] = {}
    if found := email_problem(email):
        problems["email"] = found
    if found_list := passwords.password_problems(password, email):
        problems["password"] = found_list[0]
    if found_list := plausibility.runner_problems(name, timezone):
        key = "display_name" if not name or "name" in found_list[0] else "timezone"
        problems[key] = found_list[0]
    if role not in SIGN_UP_ROLES:
        problems["role"] = "choose runner or clinician"
    if units not in ("km", "mi"):
        problems["units"] = "choose km or mi"
    if problems:
        raise FieldProblems(problems)
    hashed = passwords.hash_password(password)
    now = now_utc()
    with store.write() as conn:
        if accounts_repo.find_user_by_email(conn, email) is not None:
            raise FieldProblems({"email": "an account with this e-mail address exists: sign in"})
        user = users_repo.add_user(conn, display_name=name, role=role, created_at=now, email=email)
        accounts_repo.set_password_hash(conn, user.id, hashed, now)
    signed_up = SessionUser.of(user)
    if role == "runner":
        _first_runner(store, signed_up, name, timezone, units)
    return signed_up


def _first_runner(store: Store, user: SessionUser, name: str, timezone: str, units: str) -> None:
    """A runner tracks their own record from the start; undone with the user if it fails."""
    from footfix.services.tracking import add_runner

    try:
        add_runner(store, user.actor, name, units=units, timezone=timezone)
    except BaseException:
        with store.write() as conn:
            accounts_repo.delete_user(conn, user.user_id)
        raise


def sign_in(
    store: Store, *, email: str, password: str, client: str, limits: SignInLimits
) -> SessionUser:
    """The user whose password this is; refused after too many failures (by address and by
    client), with the same answer for an unknown address as for a wrong password."""
    email = normalise_email(email)
    keys = [digest(f"email:{email}"), digest(f"client:{client}")]
    now = now_utc()
    since = now - limits.window
    with store.read() as conn:
        user = accounts_repo.find_user_by_email(conn, email) if email else None
        hashed = accounts_repo.password_hash(conn, user.id) if user else None
        by_email = accounts_repo.failures_since(conn, keys[0], since)
        by_client = accounts_repo.failures_since(conn, keys[1], since)
    if by_email >= limits.max_failures or by_client >= limits.max_failures_per_client:
        minutes = int(limits.window.total_seconds() // 60)
        raise RateLimited(f"too many sign-in attempts: wait {minutes} minutes and try again")
    good = len(password) <= passwords.MAX_LENGTH and passwords.verify_password(hashed, password)
    with store.write() as conn:
        accounts_repo.record_attempt(conn, keys, now, succeeded=good, keep_since=since)
        if good and user and hashed and passwords.needs_rehash(hashed):
            accounts_repo.set_password_hash(conn, user.id, passwords.hash_password(password), now)
    if not good or user is None:
        raise Unauthorized(WRONG_CREDENTIALS)
    return SessionUser.of(user)


def change_password(store: Store, user_id: int, current: str, new: str) -> None:
    with store.read() as conn:
        user = users_repo.get_user(conn, user_id)
        hashed = accounts_repo.password_hash(conn, user_id)
    if user is None:
        raise NotFound("no such account")
    if not passwords.verify_password(hashed, current[: passwords.MAX_LENGTH]):
        raise FieldProblems({"current_password": "this is not your current password"})
    if problems := passwords.password_problems(new, user.email or ""):
        raise FieldProblems({"new_password": problems[0]})
    with store.write() as conn:
        accounts_repo.set_password_hash(conn, user_id, passwords.hash_password(new), now_utc())


def issue_reset_token(store: Store, email: str, *, minutes: int) -> str:
    """A one-time token that sets a new password (printed for a self-hosted admin)."""
    token = secrets.token_urlsafe(24)
    now = now_utc()
    with store.write() as conn:
        user = accounts_repo.find_user_by_email(conn, normalise_email(email))
        if user is None:
            raise NotFound(f"no account with the e-mail address {email!r}")
        accounts_repo.add_reset_token(
            conn, user.id, digest(token), now, now + dt.timedelta(minutes=minutes)
        )
    return token


def reset_password(store: Store, token: str, new_password: str) -> None:
    """Set a new password with a reset token; every session of that user ends."""
    if problems := passwords.password_problems(new_password):
        raise FieldProblems({"new_password": problems[0]})
    hashed = passwords.hash_password(new_password)
    now = now_utc()
    with store.write() as conn:
        user_id = accounts_repo.use_reset_token(conn, digest(token.strip()), now)
        if user_id is None:
            raise FieldProblems({"token": "this reset token is unknown, used or expired"})
        accounts_repo.set_password_hash(conn, user_id, hashed, now)
        sessions_repo.delete_sessions(conn, user_id)


def set_role(store: Store, email: str, role: str) -> SessionUser:
    if role not in ROLES:
        raise InvalidInput(f"role {role!r} is not one of: {', '.join(ROLES)}")
    with store.write() as conn:
        user = accounts_repo.find_user_by_email(conn, normalise_email(email))
        if user is None:
            raise NotFound(f"no account with the e-mail address {email!r}")
        accounts_repo.set_role(conn, user.id, role)
        changed = users_repo.get_user(conn, user.id)
    assert changed is not None
    return SessionUser.of(changed)


def delete_account(
    store: Store, user_id: int, password: str, files: uploads.UploadStore | None = None
) -> int:
    """Delete the account and every runner, log, assessment, share and upload in it (after the
    password is confirmed; ``files``: where the uploads are kept); returns how many runner
    records went."""
    with store.read() as conn:
        hashed = accounts_repo.password_hash(conn, user_id)
    if not passwords.verify_password(hashed, password[: passwords.MAX_LENGTH]):
        raise FieldProblems({"password": "this is not your password"})
    if files is not None:  # the stored bytes no other account holds go too, not just the rows
        uploads.remove_user_uploads(store, files, user_id)
    with store.write() as conn:
        return accounts_repo.delete_user(conn, user_id)
