"""Identity: a users table; runners gain a stable uid and an owner, names unique per owner.

Every existing row stays: each runner gets a new uid and the database's one local user (created
here when there are runners to own) as its owner. On SQLite the runners table is rebuilt (batch
mode); ``footfix.store.migrate`` turns foreign keys off for the migration, so dropping the old
table does not cascade into the runner's assessments, logs and activities, and checks every
foreign key before committing.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

from footfix.store.column_types import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LOCAL_DISPLAY_NAME = "local user"

_users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("uid", sa.String),
    sa.column("display_name", sa.String),
    sa.column("role", sa.String),
    sa.column("is_local", sa.Boolean),
    sa.column("created_at", UtcDateTime),
)
_runners = sa.table(
    "runners",
    sa.column("id", sa.Integer),
    sa.column("uid", sa.String),
    sa.column("owner_id", sa.Integer),
)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("display_name", sa.String(80), nullable=False),
        sa.Column("email", sa.String(254)),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("is_local", sa.Boolean, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.UniqueConstraint("uid", name="uq_users_uid"),
        sa.UniqueConstraint("email", name="uq_users_email"),
        sa.CheckConstraint("role IN ('runner', 'clinician', 'admin')", name="ck_users_role"),
    )
    op.create_index(
        "uq_users_one_local",
        "users",
        ["is_local"],
        unique=True,
        sqlite_where=sa.text("is_local"),
        postgresql_where=sa.text("is_local"),
    )
    op.add_column("runners", sa.Column("uid", sa.String(36)))
    op.add_column("runners", sa.Column("owner_id", sa.Integer))
    _own_existing_runners(op.get_bind())
    sqlite = op.get_bind().dialect.name == "sqlite"
    # 0001 left the name's unique constraint unnamed: PostgreSQL named it runners_name_key; on
    # SQLite the naming convention below gives the reflected constraint a name to drop it by.
    with op.batch_alter_table(
        "runners", naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"}
    ) as batch:
        batch.alter_column("uid", existing_type=sa.String(36), nullable=False)
        batch.alter_column("owner_id", existing_type=sa.Integer, nullable=False)
        batch.drop_constraint("uq_runners_name" if sqlite else "runners_name_key", type_="unique")
        batch.create_unique_constraint("uq_runners_uid", ["uid"])
        batch.create_unique_constraint("uq_runners_owner_name", ["owner_id", "name"])
        batch.create_foreign_key("fk_runners_owner", "users", ["owner_id"], ["id"])


def _own_existing_runners(bind: sa.Connection) -> None:
    ids = list(bind.execute(sa.select(_runners.c.id).order_by(_runners.c.id)).scalars())
    if not ids:
        return  # the local user is made on first use, so a web-only database has none
    bind.execute(
        sa.insert(_users).values(
            uid=str(uuid.uuid4()),
            display_name=LOCAL_DISPLAY_NAME,
            role="admin",
            is_local=True,
            created_at=dt.datetime.now(dt.UTC),
        )
    )
    owner = bind.execute(sa.select(_users.c.id).where(_users.c.is_local)).scalar_one()
    for runner_id in ids:
        bind.execute(
            sa.update(_runners)
            .where(_runners.c.id == runner_id)
            .values(uid=str(uuid.uuid4()), owner_id=owner)
        )


def downgrade() -> None:
    raise NotImplementedError("footfix never drops tracking data; restore a backup instead")
