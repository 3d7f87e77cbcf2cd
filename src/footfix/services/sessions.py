"""Signed-in browsers: sessions kept in the database, so every worker (and a restart) sees them.

The browser holds a random token; the database holds only its SHA-256, so a copy of the database
signs nobody in. A session ends at sign-out, at its absolute expiry, or after a spell unused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["runner", "clinician", "admin"]


@dataclass(frozen=True, slots=True)
class SessionUser:
    """The signed-in user as the web sees them (no password material)."""

    user_id: int
    uid: str
    email: str
    display_name: str
    role: Role
