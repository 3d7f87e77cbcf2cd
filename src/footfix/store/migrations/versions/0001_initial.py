"""Initial tracking schema: runners, assessments, plans, day logs with revisions, phase history.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from footfix.store.column_types import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "runners",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("units", sa.String(2), nullable=False),
        sa.Column("painful_side", sa.String(5)),
        sa.Column("severity", sa.String(8)),
        sa.Column("bone_stress", sa.Boolean, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("runner_id", sa.Integer, _fk("runners"), nullable=False, index=True),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("knowledge_version", sa.String(80), nullable=False),
        sa.Column("phase", sa.String(24), nullable=False),
        sa.Column("case_json", sa.Text, nullable=False),
        sa.Column("result_json", sa.Text, nullable=False),
        sa.UniqueConstraint("runner_id", "uid"),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("runner_id", sa.Integer, _fk("runners"), nullable=False, index=True),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.UniqueConstraint("runner_id", "uid"),
    )
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, _fk("plans"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("assessment_uid", sa.String(36)),
        sa.Column("phase", sa.String(24), nullable=False),
        sa.Column("items_json", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("plan_id", "version"),
    )
    op.create_table(
        "day_logs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("runner_id", sa.Integer, _fk("runners"), nullable=False),
        sa.Column("log_day", sa.Date, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("recorded_at", UtcDateTime, nullable=False),
        sa.Column("first_step_pain_nrs", sa.Float),
        sa.Column("pain_during_nrs", sa.Float),
        sa.Column("pain_after_nrs", sa.Float),
        sa.Column("next_morning", sa.String(6)),
        sa.Column("walk_stand_tolerance_min", sa.Float),
        sa.Column("red_flags", sa.Text, nullable=False),
        sa.Column("notes", sa.Text),
        sa.Column("correction_reason", sa.Text),
        sa.UniqueConstraint("runner_id", "log_day", "revision"),
        sa.CheckConstraint("first_step_pain_nrs BETWEEN 0 AND 10", name="ck_day_logs_first_step"),
        sa.CheckConstraint("pain_during_nrs BETWEEN 0 AND 10", name="ck_day_logs_during"),
        sa.CheckConstraint("pain_after_nrs BETWEEN 0 AND 10", name="ck_day_logs_after"),
    )
    op.create_index("ix_day_logs_current", "day_logs", ["runner_id", "is_current", "log_day"])
    op.create_index(
        "uq_day_logs_one_current",
        "day_logs",
        ["runner_id", "log_day"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.create_table(
        "run_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day_log_id", sa.Integer, _fk("day_logs"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("distance_km", sa.Float, nullable=False),
        sa.Column("duration_min", sa.Float),
        sa.Column("surface", sa.String(10)),
        sa.Column("hills", sa.Boolean, nullable=False),
        sa.Column("continuous", sa.Boolean, nullable=False),
        sa.Column("run_min", sa.Float),
        sa.Column("walk_min", sa.Float),
        sa.Column("shoes", sa.String(10)),
        sa.Column("sprints", sa.Boolean, nullable=False),
        sa.CheckConstraint("distance_km > 0", name="ck_run_entries_distance"),
    )
    op.create_table(
        "exercise_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day_log_id", sa.Integer, _fk("day_logs"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("exercise", sa.String(60), nullable=False),
        sa.Column("sets", sa.Integer, nullable=False),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("side", sa.String(5)),
    )
    op.create_table(
        "retest_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day_log_id", sa.Integer, _fk("day_logs"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("test", sa.String(24), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("side", sa.String(5)),
        sa.Column("pain_nrs", sa.Float),
    )
    op.create_table(
        "phase_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("runner_id", sa.Integer, _fk("runners"), nullable=False),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("evidence_from", sa.Date, nullable=False),
        sa.Column("from_phase", sa.String(24)),
        sa.Column("to_phase", sa.String(24), nullable=False),
        sa.Column("reasons_json", sa.Text, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("recorded_at", UtcDateTime, nullable=False),
    )
    op.create_index("ix_phase_changes_runner", "phase_changes", ["runner_id", "effective_date"])


def downgrade() -> None:
    # Downgrading would drop recorded recovery data; footfix migrations only ever go forward.
    raise NotImplementedError("footfix never drops tracking data; restore a backup instead")
