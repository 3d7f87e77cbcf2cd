"""Outcome measures per runner (PSFS, SANE, and any a clinic adds as data).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footfix.store.column_types import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only adds a table: every row of the earlier revisions stays as it is.
    op.create_table(
        "outcome_records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column(
            "runner_id",
            sa.Integer,
            sa.ForeignKey("runners.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("measure", sa.String(40), nullable=False),
        sa.Column("measure_version", sa.String(40), nullable=False),
        sa.Column("recorded_on", sa.Date, nullable=False),
        sa.Column("recorded_at", UtcDateTime, nullable=False),
        sa.Column("context", sa.String(12), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("items_json", sa.Text, nullable=False),
        sa.UniqueConstraint("runner_id", "uid", name="uq_outcome_records_uid"),
        sa.UniqueConstraint(
            "runner_id", "measure", "recorded_on", name="uq_outcome_records_day"
        ),
    )
    op.create_index(
        "ix_outcome_records_runner", "outcome_records", ["runner_id", "measure", "recorded_on"]
    )


def downgrade() -> None:
    # Downgrading would drop recorded outcomes; footfix migrations only ever go forward.
    raise NotImplementedError("footfix never drops tracking data; restore a backup instead")
