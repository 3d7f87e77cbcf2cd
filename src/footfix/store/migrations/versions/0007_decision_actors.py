"""Who made each clinical decision: actor columns on assessments, phase changes, plan versions.

Existing rows cannot say who made them. Runners owned by the local user were only ever written
by the CLI, so their decisions name that local user; rows of web accounts become "unknown"
(the web app did not record whether the runner or a clinician acted).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("assessments", "phase_changes", "plan_versions")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("decided_by_uid", sa.String(36), nullable=False, server_default="unknown"),
        )
        op.add_column(
            table,
            sa.Column("decided_by_role", sa.String(10), nullable=False, server_default="unknown"),
        )
    local = "(SELECT {col} FROM users WHERE is_local)"
    owned_locally = (
        "runner_id IN (SELECT runners.id FROM runners JOIN users ON users.id = runners.owner_id "
        "WHERE users.is_local)"
    )
    plan_owned_locally = f"plan_id IN (SELECT plans.id FROM plans WHERE {owned_locally})"
    for table, where in (
        ("assessments", owned_locally),
        ("phase_changes", owned_locally),
        ("plan_versions", plan_owned_locally),
    ):
        op.execute(
            f"UPDATE {table} SET decided_by_uid = {local.format(col='uid')}, "
            f"decided_by_role = {local.format(col='role')} WHERE {where}"
        )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("decided_by_role")
            batch.drop_column("decided_by_uid")
