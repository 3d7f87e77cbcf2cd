"""A runner's record shared with clinicians: invitations, active shares, withdrawals."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, and_, insert, select, update

from footfix.store.runners_repo import RunnerRow
from footfix.store.schema import runners, users
from footfix.store.web_schema import clinician_shares


@dataclass(frozen=True)
class ShareRow:
    uid: str
    runner_id: int
    clinician_name: str | None
    clinician_email: str | None
    created_at: dt.datetime
    code_expires_at: dt.datetime
    accepted_at: dt.datetime | None
    withdrawn_at: dt.datetime | None


def _active() -> object:
    return and_(
        clinician_shares.c.accepted_at.is_not(None), clinician_shares.c.withdrawn_at.is_(None)
    )


def add_invitation(
    connection: Connection, runner_id: int, code_hash: str, now: dt.datetime, expires: dt.datetime
) -> str:
    uid = str(uuid.uuid4())
    connection.execute(
        insert(clinician_shares).values(
            uid=uid,
            runner_id=runner_id,
            code_hash=code_hash,
            created_at=now,
            code_expires_at=expires,
        )
    )
    return uid


def redeem(
    connection: Connection, code_hash: str, clinician_id: int, now: dt.datetime
) -> int | None:
    """Activate the invitation for this clinician; the runner's id, or None for a code that is
    unknown, expired, withdrawn or already used. The code is forgotten once used."""
    row = connection.execute(
        select(
            clinician_shares.c.id, clinician_shares.c.runner_id, clinician_shares.c.code_expires_at
        )
        .where(
            clinician_shares.c.code_hash == code_hash,
            clinician_shares.c.accepted_at.is_(None),
            clinician_shares.c.withdrawn_at.is_(None),
        )
        .with_for_update()
    ).first()
    if row is None or row.code_expires_at <= now:
        return None
    # a clinician already linked to this runner keeps one share: the older one ends here
    connection.execute(
        update(clinician_shares)
        .where(
            clinician_shares.c.runner_id == row.runner_id,
            clinician_shares.c.clinician_id == clinician_id,
            clinician_shares.c.withdrawn_at.is_(None),
        )
        .values(withdrawn_at=now)
    )
    connection.execute(
        update(clinician_shares)
        .where(clinician_shares.c.id == row.id)
        .values(clinician_id=clinician_id, accepted_at=now, code_hash=None)
    )
    return int(row.runner_id)


def withdraw(connection: Connection, runner_id: int, share_uid: str, now: dt.datetime) -> bool:
    done = connection.execute(
        update(clinician_shares)
        .where(
            clinician_shares.c.runner_id == runner_id,
            clinician_shares.c.uid == share_uid,
            clinician_shares.c.withdrawn_at.is_(None),
        )
        .values(withdrawn_at=now, code_hash=None)
    )
    return bool(done.rowcount)


def shares_of(connection: Connection, runner_id: int) -> list[ShareRow]:
    query = (
        select(
            clinician_shares.c.uid,
            clinician_shares.c.runner_id,
            users.c.display_name,
            users.c.email,
            clinician_shares.c.created_at,
            clinician_shares.c.code_expires_at,
            clinician_shares.c.accepted_at,
            clinician_shares.c.withdrawn_at,
        )
        .outerjoin(users, users.c.id == clinician_shares.c.clinician_id)
        .where(clinician_shares.c.runner_id == runner_id)
        .order_by(clinician_shares.c.created_at.desc(), clinician_shares.c.id.desc())
    )
    return [ShareRow(*row) for row in connection.execute(query)]


def patients_of(connection: Connection, clinician_id: int) -> list[RunnerRow]:
    """The runners whose owners share them with this clinician now, by name."""
    query = (
        select(runners)
        .join(clinician_shares, clinician_shares.c.runner_id == runners.c.id)
        .where(clinician_shares.c.clinician_id == clinician_id, _active())  # type: ignore[arg-type]
        .order_by(runners.c.name, runners.c.id)
    )
    return [RunnerRow(**row) for row in connection.execute(query).mappings()]


def shared_runner(connection: Connection, clinician_id: int, runner_uid: str) -> RunnerRow | None:
    query = (
        select(runners)
        .join(clinician_shares, clinician_shares.c.runner_id == runners.c.id)
        .where(
            runners.c.uid == runner_uid,
            clinician_shares.c.clinician_id == clinician_id,
            _active(),  # type: ignore[arg-type]
        )
    )
    row = connection.execute(query).mappings().first()
    return RunnerRow(**row) if row else None
