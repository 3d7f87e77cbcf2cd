"""Who is acting, and which runner they mean.

Every use case that touches a runner takes an :class:`Actor` (the signed-in user on the web, the
database's one local user in the CLI) and a :data:`RunnerRef`: a :class:`RunnerUid`, which is
what the web and API pass, or a :class:`RunnerName`, the CLI's convenience. Both are looked up
within the actor's own runners only, so another user's runner is simply not found, and a miss
never lists anyone's names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, TypedDict, cast

from footfix.errors import ErrorKind
from footfix.services.errors import ServiceError
from footfix.store import runners_repo, users_repo
from footfix.store.engine import Connection
from footfix.store.runners_repo import RunnerRow
from footfix.store.store import Store
from footfix.store.users_repo import UserRow

Role = Literal["runner", "clinician", "admin"]


class DecidedBy(TypedDict):
    """The store's ``decided_by_*`` columns."""

    decided_by_uid: str
    decided_by_role: str


@dataclass(frozen=True, slots=True)
class Decider:
    """The person a recorded clinical decision is credited to (uid and role at the time)."""

    uid: str
    role: str


@dataclass(frozen=True, slots=True)
class Actor:
    """The user a use case acts for; runners made by it are owned by ``user_id``.

    ``delegate`` is set when someone else acts with this user's authority (a clinician the
    owner shares a runner with): lookups stay within the owner's runners, while decisions are
    recorded as the delegate's.
    """

    user_id: int
    uid: str
    role: Role
    display_name: str
    delegate: Decider | None = None

    @classmethod
    def of(cls, user: UserRow) -> Actor:
        return cls(user.id, user.uid, cast(Role, user.role), user.display_name)

    def delegated_to(self, uid: str, role: str) -> Actor:
        return replace(self, delegate=Decider(uid, role))

    @property
    def decider(self) -> Decider:
        """Who is credited with what this actor records."""
        return self.delegate or Decider(self.uid, self.role)

    def decided_by(self) -> DecidedBy:
        """The store's ``decided_by_*`` values for a decision made now."""
        who = self.decider
        return DecidedBy(decided_by_uid=who.uid, decided_by_role=who.role)


@dataclass(frozen=True, slots=True)
class RunnerUid:
    """A runner by its stable id (URLs, the API)."""

    uid: str


@dataclass(frozen=True, slots=True)
class RunnerName:
    """A runner by name (the CLI); names are unique within one owner's runners."""

    name: str


RunnerRef = RunnerUid | RunnerName


def local_actor(store: Store) -> Actor:
    """The database's one local user, who owns everything made from the CLI (made on first
    use)."""
    with store.read() as conn:
        found = users_repo.find_local_user(conn)
    if found is None:
        from footfix.services.tracking import now_utc

        with store.write() as conn:
            found = users_repo.local_user(conn, now_utc())
    return Actor.of(found)


def find_runner(
    conn: Connection, actor: Actor, ref: RunnerRef | None, *, lock: bool = False
) -> RunnerRow:
    """The actor's runner named by ``ref``; None means the actor's only runner."""
    if isinstance(ref, RunnerUid):
        return runners_repo.get_runner_by_uid(conn, actor.user_id, ref.uid, lock=lock)
    if isinstance(ref, RunnerName):
        return runners_repo.get_runner(conn, actor.user_id, ref.name, lock=lock)
    mine = runners_repo.runner_uids(conn, actor.user_id, limit=2)
    if len(mine) == 1:
        return runners_repo.get_runner_by_uid(conn, actor.user_id, mine[0], lock=lock)
    raise ServiceError(
        "say which runner with --runner NAME ('footfix runner list' shows yours)"
        if mine
        else "no runners yet: add one with 'footfix runner add NAME'",
        kind=ErrorKind.INVALID_INPUT if mine else ErrorKind.NOT_FOUND,
    )
