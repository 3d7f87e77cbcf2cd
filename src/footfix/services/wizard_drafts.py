"""The wizard's answers kept server-side after every step, so a closed tab loses nothing.

One small JSON file per user in the data folder (mode 0600, written atomically), like the
terminal interview's ``.partial`` file; read back bounded and checked as a session state.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from footfix.errors import InvalidInput
from footfix.private_files import write_private

MAX_DRAFT_BYTES = 256 * 1024  # the whole interview answered is a few kilobytes
_SAFE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _path(folder: Path, user_key: str) -> Path:
    if not _SAFE_KEY.fullmatch(user_key):
        raise InvalidInput("a draft belongs to a user id of letters, digits, - and _")
    return folder / "wizard-drafts" / f"{user_key}.json"


def load(folder: Path, user_key: str) -> dict[str, Any] | None:
    path = _path(folder, user_key)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_DRAFT_BYTES + 1)
    except FileNotFoundError:
        return None
    if len(raw) > MAX_DRAFT_BYTES:
        return None  # not one of ours: start again rather than read it
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def save(folder: Path, user_key: str, draft: dict[str, Any]) -> None:
    write_private(_path(folder, user_key), json.dumps(draft, ensure_ascii=False))


def clear(folder: Path, user_key: str) -> None:
    _path(folder, user_key).unlink(missing_ok=True)
