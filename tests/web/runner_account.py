"""A runner's account as sign-up makes it: a user row and the runner they own."""

from __future__ import annotations

import datetime as dt

from footfix.services import tracking
from footfix.services.identity import Actor
from footfix.services.sessions import SessionUser
from footfix.services.store_access import Store
from footfix.store import users_repo

RUNNER = "Ann Runner"


def runner_account(store: Store, name: str = RUNNER) -> SessionUser:
    with store.write() as conn:
        now = tracking.now_utc()
        row = users_repo.add_user(
            conn, display_name=name, role="runner", created_at=now, email="ann@example.org"
        )
    tracking.add_runner(store, Actor.of(row), name, start=dt.date.today() - dt.timedelta(days=4))
    return SessionUser(
        user_id=row.id, uid=row.uid, email="ann@example.org", display_name=name, role="runner"
    )
