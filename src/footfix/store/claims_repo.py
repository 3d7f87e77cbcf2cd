"""Claim codes: a clinic record handed over to its patient's own account (revision 0008)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, delete, exists, func, insert, select, update

from footfix.store.runners_repo import RunnerRow
from footfix.store.schema import (
    activities,
    assessments,
    day_logs,
    outcome_records,
    phase_changes,
    plans,
    runners,
)
from footfix.store.web_schema import claim_codes, clinician_shares


@dataclass(frozen=True)
class ClaimRow:
    id: int
    runner_id: int
    clinician_id: int
    expires_at: dt.datetime


def add_code(
    connection: Connection,
    runner_id: int,
    clinician_id: int,
    code_hash: str,
    now: dt.datetime,
    expires: dt.datetime,
) -> None:
    """A new code for the record; any earlier code for it still unused stops working."""
    connection.execute(
        delete(claim_codes).where(
            claim_codes.c.runner_id == runner_id, claim_codes.c.used_at.is_(None)
        )
    )
    connection.execute(
        insert(claim_codes).values(
            uid=str(uuid.uuid4()),
            runner_id=runner_id,
            clinician_id=clinician_id,
            code_hash=code_hash,
            created_at=now,
            expires_at=expires,
        )
    )


def live_code(connection: Connection, code_hash: str, now: dt.datetime) -> ClaimRow | None:
    """The unused, unexpired code with this hash, locked until the transaction ends."""
    row = connection.execute(
        select(
            claim_codes.c.id,
            claim_codes.c.runner_id,
            claim_codes.c.clinician_id,
            claim_codes.c.expires_at,
        )
        .where(claim_codes.c.code_hash == code_hash, claim_codes.c.used_at.is_(None))
        .with_for_update()
    ).first()
    if row is None or row.expires_at <= now:
        return None
    return ClaimRow(int(row.id), int(row.runner_id), int(row.clinician_id), row.expires_at)


def use_code(connection: Connection, claim_id: int, user_id: int, now: dt.datetime) -> None:
    """Mark the code used by ``user_id``; its hash is forgotten, so it can never match again."""
    connection.execute(
        update(claim_codes)
        .where(claim_codes.c.id == claim_id)
        .values(used_at=now, used_by_id=user_id, code_hash=None)
    )


def record_of(connection: Connection, runner_id: int) -> RunnerRow | None:
    row = connection.execute(select(runners).where(runners.c.id == runner_id)).mappings().first()
    return RunnerRow(**row) if row else None


def holds_anything(connection: Connection, runner_id: int) -> bool:
    """Whether anything is recorded in the runner (or it is shared with a clinician now); the
    starting phase every new runner gets does not count."""
    recorded = [
        exists().where(table.c.runner_id == runner_id)
        for table in (assessments, plans, day_logs, activities, outcome_records)
    ]
    shared = exists().where(
        clinician_shares.c.runner_id == runner_id,
        clinician_shares.c.accepted_at.is_not(None),
        clinician_shares.c.withdrawn_at.is_(None),
    )
    if any(connection.execute(select(found)).scalar() for found in (*recorded, shared)):
        return True
    phases = select(func.count()).where(phase_changes.c.runner_id == runner_id)
    return int(connection.execute(phases).scalar_one()) > 1


def hand_over(
    connection: Connection, runner_id: int, owner_id: int, name: str, units: str, timezone: str
) -> None:
    """The record now belongs to ``owner_id``, under the name and settings of their account."""
    connection.execute(
        update(runners)
        .where(runners.c.id == runner_id)
        .values(owner_id=owner_id, name=name, units=units, timezone=timezone)
    )


def delete_runner(connection: Connection, runner_id: int) -> None:
    connection.execute(delete(runners).where(runners.c.id == runner_id))


def add_active_share(
    connection: Connection, runner_id: int, clinician_id: int, now: dt.datetime
) -> None:
    """The record shared with the clinician from now on, as if they had redeemed a code."""
    connection.execute(
        insert(clinician_shares).values(
            uid=str(uuid.uuid4()),
            runner_id=runner_id,
            clinician_id=clinician_id,
            created_at=now,
            code_expires_at=now,
            accepted_at=now,
        )
    )
