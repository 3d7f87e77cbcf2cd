"""Watch activities per runner: totals, source, dedup key and running-dynamics summary.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footfix.store.column_types import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only adds a table: every row of revision 0001 stays as it is.
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "runner_id",
            sa.Integer,
            sa.ForeignKey("runners.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("dedup_key", sa.String(80), nullable=False),
        sa.Column("start_utc", UtcDateTime, nullable=False),
        sa.Column("sport", sa.String(40), nullable=False),
        sa.Column("sub_sport", sa.String(40)),
        sa.Column("file_format", sa.String(8), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("file_sha256", sa.String(64)),
        sa.Column("imported_at", UtcDateTime, nullable=False),
        sa.Column("distance_m", sa.Float, nullable=False),
        sa.Column("elapsed_s", sa.Float, nullable=False),
        sa.Column("moving_s", sa.Float, nullable=False),
        sa.Column("ascent_m", sa.Float),
        sa.Column("avg_heart_rate_bpm", sa.Float),
        sa.Column("device", sa.Text),
        sa.Column("gear", sa.Text),
        sa.Column("has_gps", sa.Boolean, nullable=False),
        sa.Column("sample_count", sa.Integer, nullable=False),
        sa.Column("stance_samples", sa.Integer, nullable=False),
        sa.Column("cadence_spm", sa.Float),
        sa.Column("stance_time_ms", sa.Float),
        sa.Column("stance_balance_left_pct", sa.Float),
        sa.Column("vertical_ratio_pct", sa.Float),
        sa.Column("vertical_oscillation_mm", sa.Float),
        sa.Column("step_length_mm", sa.Float),
        sa.Column("running_speed_mps", sa.Float),
        sa.Column("running_share", sa.Float),
        sa.Column("recording_gaps", sa.Integer),
        sa.Column("notes", sa.Text, nullable=False),
        sa.UniqueConstraint("runner_id", "dedup_key", name="uq_activities_dedup_key"),
        sa.CheckConstraint("distance_m >= 0", name="ck_activities_distance"),
        sa.CheckConstraint("elapsed_s > 0", name="ck_activities_elapsed"),
    )
    op.create_index("ix_activities_runner_start", "activities", ["runner_id", "start_utc"])


def downgrade() -> None:
    # Downgrading would drop imported activities; footfix migrations only ever go forward.
    raise NotImplementedError("footfix never drops tracking data; restore a backup instead")
