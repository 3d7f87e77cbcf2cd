"""Upload blobs: one row per stored content hash, which the writers lock (a new table; every
hash the uploads table references is recorded as stored).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footfix.store.column_types import UtcDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    blobs = op.create_table(
        "upload_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("epoch", sa.Integer, nullable=False),
        sa.Column("touched_at", UtcDateTime, nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'stored', 'gone')", name="ck_upload_blobs_state"
        ),
    )
    op.create_index("ix_upload_blobs_state", "upload_blobs", ["state"])
    uploads = sa.table(
        "uploads", sa.column("sha256", sa.String(64)), sa.column("created_at", UtcDateTime)
    )
    stored = sa.select(
        uploads.c.sha256,
        sa.literal("stored", sa.String(8)),
        sa.literal(0, sa.Integer),
        sa.func.max(uploads.c.created_at),
    ).group_by(uploads.c.sha256)
    assert blobs is not None
    op.execute(
        sa.insert(blobs).from_select(["sha256", "state", "epoch", "touched_at"], stored)
    )


def downgrade() -> None:
    op.drop_table("upload_blobs")
