"""A clinic record handed over to its patient: the clinician who keeps the record issues a
one-time claim code (stored only as its SHA-256, valid :data:`CLAIM_DAYS` days); the patient,
signed in to their own runner account, enters it and the record becomes theirs.

A runner account tracks one runner (its pages name no runner), so the claimed record takes the
place of the record made at sign-up, under its name, units and time zone; that is allowed only
while the sign-up record holds nothing (no assessment, plan, log, activity or outcome, and no
active share), so no one's data is dropped. The clinician keeps reading the record through an
ordinary share, which the runner can withdraw like any other.
"""

from __future__ import annotations

import datetime as dt

from footfix.errors import Conflict, Forbidden
from footfix.services import sharing
from footfix.services.accounts import FieldProblems
from footfix.services.sessions import SessionUser, digest, now_utc
from footfix.store import claims_repo, runners_repo
from footfix.store.runners_repo import RunnerRow
from footfix.store.store import Store

CLAIM_DAYS = 7
BAD_CODE = "this claim code is unknown, already used or expired"
FIELD = "claim_code"


def issue(store: Store, clinician: SessionUser, runner_uid: str) -> str:
    """A new claim code for one of the clinician's own clinic records (NotFound for any other
    record, a shared one included: that one belongs to its runner already)."""
    if clinician.role != "clinician":
        raise Forbidden("only a clinician's account keeps clinic records")
    now = now_utc()
    code = sharing.new_code()
    with store.write() as conn:
        runner = sharing.own_in(conn, clinician, runner_uid)
        claims_repo.add_code(
            conn,
            runner.id,
            clinician.user_id,
            digest(sharing.normal_code(code)),
            now,
            now + dt.timedelta(days=CLAIM_DAYS),
        )
    return code


def claim(store: Store, user: SessionUser, code: str) -> RunnerRow:
    """Move the clinic record the code names into the user's account; the record as it is now."""
    if user.role != "runner":
        raise Forbidden("only a runner's account can claim a clinic record")
    now = now_utc()
    with store.write() as conn:
        found = claims_repo.live_code(conn, digest(sharing.normal_code(code)), now)
        record = claims_repo.record_of(conn, found.runner_id) if found else None
        if found is None or record is None or record.owner_id != found.clinician_id:
            raise FieldProblems({FIELD: BAD_CODE})
        mine = [row for row, _days in runners_repo.list_runners(conn, user.user_id)]
        if len(mine) > 1 or any(claims_repo.holds_anything(conn, r.id) for r in mine):
            raise Conflict(
                "your account already holds a record with entries in it; a clinic record can "
                "only be claimed into an account that has not recorded anything yet"
            )
        name, units, timezone = (
            (mine[0].name, mine[0].units, mine[0].timezone)
            if mine
            else (user.display_name, record.units, record.timezone)
        )
        for empty in mine:
            claims_repo.delete_runner(conn, empty.id)
        claims_repo.hand_over(conn, record.id, user.user_id, name, units, timezone)
        claims_repo.add_active_share(conn, record.id, found.clinician_id, now)
        claims_repo.use_code(conn, found.id, user.user_id, now)
        return runners_repo.get_runner_by_uid(conn, user.user_id, record.uid)
