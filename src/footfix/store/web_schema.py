"""The web app's tables (revision 0004): credentials, sessions, API tokens, reset tokens,
sign-in attempts and clinician shares; claim codes (revision 0008).

Secrets are never stored: sessions, API tokens, reset tokens and invitation codes keep only the
SHA-256 of the random value the user holds, and passwords only their argon2 hash. Every row
belongs to a user (or a runner) and goes with it (``ON DELETE CASCADE``).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

from footfix.store.column_types import UtcDateTime
from footfix.store.schema import metadata


def _owner() -> Column[int]:
    return Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


credentials = Table(
    "credentials",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("changed_at", UtcDateTime, nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    _owner(),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Index("ix_web_sessions_user", "user_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    _owner(),
    Column("name", String(80), nullable=False),
    Column("prefix", String(16), nullable=False),  # shown in lists, so a user tells them apart
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime),
    Column("last_used_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
    Index("ix_api_tokens_user", "user_id"),
)

reset_tokens = Table(
    "reset_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    _owner(),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime),
)

# One row per sign-in attempt, keyed by the SHA-256 of the e-mail address or of the client's
# address (never the address itself); rows older than the window are pruned as new ones come.
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_hash", String(64), nullable=False),
    Column("attempted_at", UtcDateTime, nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index("ix_login_attempts_key", "key_hash", "attempted_at"),
)

# A runner's record shared with a clinician: made as an invitation (a code the runner gives the
# clinician, kept hashed, valid for a while), active once the clinician redeems it, ended when
# the runner withdraws it (the row stays, so who could see what and when is kept).
clinician_shares = Table(
    "clinician_shares",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    Column("runner_id", Integer, ForeignKey("runners.id", ondelete="CASCADE"), nullable=False),
    Column("clinician_id", Integer, ForeignKey("users.id", ondelete="CASCADE")),
    Column("code_hash", String(64), unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("code_expires_at", UtcDateTime, nullable=False),
    Column("accepted_at", UtcDateTime),
    Column("withdrawn_at", UtcDateTime),
    Index("ix_clinician_shares_runner", "runner_id"),
    Index("ix_clinician_shares_clinician", "clinician_id"),
)

# A one-time code a clinician gives the patient of a clinic record, who enters it to move the
# record into their own account (revision 0008). Only the SHA-256 is kept, and not even that
# once the code is used; an unused code is replaced by the next one made for the record.
claim_codes = Table(
    "claim_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    Column("runner_id", Integer, ForeignKey("runners.id", ondelete="CASCADE"), nullable=False),
    Column("clinician_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("code_hash", String(64), unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime),
    Column("used_by_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Index("ix_claim_codes_runner", "runner_id"),
)

TABLES = (
    credentials,
    web_sessions,
    api_tokens,
    reset_tokens,
    login_attempts,
    clinician_shares,
    claim_codes,
)
