"""A runner shares their record with a clinician, and what each signed-in user may see.

The runner makes an invitation code (shown once, valid for a few days) and gives it to the
clinician, who enters it; the runner can withdraw the share at any time. :func:`acting_for`
is the one check every runner-scoped request goes through: the owner acts as themselves, a
linked clinician acts with the owner's identity for what clinicians may do, and anyone else
learns only that no such runner exists.
"""

from __future__ import annotations

import datetime as dt
import secrets

from footfix.errors import Forbidden, NotFound
from footfix.services.accounts import FieldProblems
from footfix.services.identity import Actor
from footfix.services.sessions import SessionUser, digest, now_utc
from footfix.store import runners_repo, shares_repo, users_repo
from footfix.store.errors import RunnerNotFound
from footfix.store.runners_repo import RunnerRow
from footfix.store.shares_repo import ShareRow
from footfix.store.store import Store

__all__ = ["NOT_FOUND", "NotFound", "RunnerRow", "ShareRow", "acting_for", "invite", "patients"]

INVITATION_DAYS = 7
NOT_FOUND = "no such runner among the records you can see"


def new_code() -> str:
    raw = secrets.token_hex(6).upper()  # 12 characters, read aloud or typed from paper
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def normal_code(code: str) -> str:
    return code.strip().upper().replace(" ", "").replace("-", "")


def own_runners(store: Store, user: SessionUser) -> list[RunnerRow]:
    with store.read() as conn:
        return [row for row, _days in runners_repo.list_runners(conn, user.user_id)]


def own_runner(store: Store, user: SessionUser, runner_uid: str) -> RunnerRow:
    """One of the user's own runners (a clinician's shared patients are not theirs)."""
    with store.read() as conn:
        return own_in(conn, user, runner_uid)


def invite(store: Store, user: SessionUser, runner_uid: str) -> str:
    """A new invitation code for one of the user's own runners."""
    now = now_utc()
    code = new_code()
    with store.write() as conn:
        runner = own_in(conn, user, runner_uid)
        shares_repo.add_invitation(
            conn,
            runner.id,
            digest(normal_code(code)),
            now,
            now + dt.timedelta(days=INVITATION_DAYS),
        )
    return code


def redeem(store: Store, clinician: SessionUser, code: str) -> RunnerRow:
    if clinician.role != "clinician":
        raise Forbidden("only a clinician's account can accept an invitation")
    with store.write() as conn:
        runner_id = shares_repo.redeem(
            conn, digest(normal_code(code)), clinician.user_id, now_utc()
        )
        if runner_id is None:
            raise FieldProblems({"code": "this code is unknown, used, withdrawn or expired"})
        patients = shares_repo.patients_of(conn, clinician.user_id)
    return next(p for p in patients if p.id == runner_id)


def shares(store: Store, user: SessionUser, runner_uid: str) -> list[ShareRow]:
    with store.read() as conn:
        return shares_repo.shares_of(conn, own_in(conn, user, runner_uid).id)


def withdraw(store: Store, user: SessionUser, runner_uid: str, share_uid: str) -> None:
    with store.write() as conn:
        runner = own_in(conn, user, runner_uid)
        if not shares_repo.withdraw(conn, runner.id, share_uid, now_utc()):
            raise NotFound("no such share (or it is already withdrawn)")


def patients(store: Store, clinician: SessionUser) -> list[RunnerRow]:
    if clinician.role != "clinician":
        return []
    with store.read() as conn:
        return shares_repo.patients_of(conn, clinician.user_id)


def acting_for(store: Store, user: SessionUser, runner_uid: str) -> tuple[Actor, RunnerRow]:
    """Who a request about ``runner_uid`` acts as: the user for their own runner, the owner for
    a clinician the owner shares it with (decisions credited to the clinician); anyone else gets
    NotFound (the same message whether or not the runner exists)."""
    with store.read() as conn:
        try:
            return user.actor, runners_repo.get_runner_by_uid(conn, user.user_id, runner_uid)
        except RunnerNotFound:
            pass
        shared = shares_repo.shared_runner(conn, user.user_id, runner_uid)
        owner = users_repo.get_user(conn, shared.owner_id) if shared else None
    if shared is None or owner is None:
        raise NotFound(NOT_FOUND)
    return Actor.of(owner).delegated_to(user.uid, user.role), shared


def own_in(conn: object, user: SessionUser, runner_uid: str) -> RunnerRow:
    try:
        return runners_repo.get_runner_by_uid(conn, user.user_id, runner_uid)  # type: ignore[arg-type]
    except RunnerNotFound:
        raise NotFound(NOT_FOUND) from None
