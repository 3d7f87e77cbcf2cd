"""Table definitions (SQLAlchemy Core). Migrations create them; this module only describes them.

Distances are kilometres, pain is 0–10, times are UTC-aware (watch activities keep the SI units
of ``footfix.ingest``: metres, seconds). A day's log is never overwritten:
a correction is a new revision and the previous one stays, marked as not current.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from footfix.store.column_types import UtcDateTime

metadata = MetaData()


def _fk(table: str) -> ForeignKey:
    return ForeignKey(f"{table}.id", ondelete="CASCADE")


# Who made a clinical decision (revision 0007): the user's uid and role when it was recorded.
# Rows from before 0007 name the local user when the CLI made them, otherwise "unknown".
UNKNOWN_DECIDER = "unknown"


def _decided_by() -> tuple[Column[str], Column[str]]:
    return (
        Column("decided_by_uid", String(36), nullable=False, server_default=UNKNOWN_DECIDER),
        Column("decided_by_role", String(10), nullable=False, server_default=UNKNOWN_DECIDER),
    )


# Who owns data (revision 0003). Kept minimal: credentials, sessions and tokens live in the web
# app's own tables. The one local user (``is_local``) owns everything made from the CLI; at most one
# row is local. Emails are unique when given (the web stores them in the case it compares them).
ROLES = ("runner", "clinician", "admin")

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    Column("display_name", String(80), nullable=False),
    Column("email", String(254)),
    Column("role", String(10), nullable=False),
    Column("is_local", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("uid", name="uq_users_uid"),
    UniqueConstraint("email", name="uq_users_email"),
    CheckConstraint("role IN ('runner', 'clinician', 'admin')", name="ck_users_role"),
    Index(
        "uq_users_one_local",
        "is_local",
        unique=True,
        sqlite_where=text("is_local"),
        postgresql_where=text("is_local"),
    ),
)

# A runner has a stable ``uid`` (what the web and API name it by) and an owner; the name is only
# unique within one owner's runners. Deleting a user never cascades into health data (RESTRICT).
runners = Table(
    "runners",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    Column("owner_id", Integer, ForeignKey("users.id", name="fk_runners_owner"), nullable=False),
    Column("name", String(80), nullable=False),
    Column("units", String(2), nullable=False),
    Column("painful_side", String(5)),
    Column("severity", String(8)),
    Column("bone_stress", Boolean, nullable=False, default=False),
    Column("timezone", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("uid", name="uq_runners_uid"),
    UniqueConstraint("owner_id", "name", name="uq_runners_owner_name"),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    Column("runner_id", Integer, _fk("runners"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("knowledge_version", String(80), nullable=False),
    Column("phase", String(24), nullable=False),
    Column("case_json", Text, nullable=False),
    Column("result_json", Text, nullable=False),
    *_decided_by(),
    UniqueConstraint("runner_id", "uid"),
)

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    Column("runner_id", Integer, _fk("runners"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("title", String(200), nullable=False),
    UniqueConstraint("runner_id", "uid"),
)

plan_versions = Table(
    "plan_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("plan_id", Integer, _fk("plans"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("assessment_uid", String(36)),
    Column("phase", String(24), nullable=False),
    Column("items_json", Text, nullable=False),
    Column("reason", Text, nullable=False),
    *_decided_by(),
    UniqueConstraint("plan_id", "version"),
)

day_logs = Table(
    "day_logs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("runner_id", Integer, _fk("runners"), nullable=False),
    Column("log_day", Date, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("first_step_pain_nrs", Float),
    Column("pain_during_nrs", Float),
    Column("pain_after_nrs", Float),
    Column("next_morning", String(6)),
    Column("walk_stand_tolerance_min", Float),
    Column("red_flags", Text, nullable=False, default=""),
    Column("notes", Text),
    Column("correction_reason", Text),
    UniqueConstraint("runner_id", "log_day", "revision"),
    Index("ix_day_logs_current", "runner_id", "is_current", "log_day"),
    # At most one current revision per day, even with two writers racing.
    Index(
        "uq_day_logs_one_current",
        "runner_id",
        "log_day",
        unique=True,
        sqlite_where=text("is_current"),
        postgresql_where=text("is_current"),
    ),
    CheckConstraint("first_step_pain_nrs BETWEEN 0 AND 10", name="ck_day_logs_first_step"),
    CheckConstraint("pain_during_nrs BETWEEN 0 AND 10", name="ck_day_logs_during"),
    CheckConstraint("pain_after_nrs BETWEEN 0 AND 10", name="ck_day_logs_after"),
)

run_entries = Table(
    "run_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day_log_id", Integer, _fk("day_logs"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("distance_km", Float, nullable=False),
    Column("duration_min", Float),
    Column("surface", String(10)),
    Column("hills", Boolean, nullable=False),
    Column("continuous", Boolean, nullable=False),
    Column("run_min", Float),
    Column("walk_min", Float),
    Column("shoes", String(10)),
    Column("sprints", Boolean, nullable=False),
    CheckConstraint("distance_km > 0", name="ck_run_entries_distance"),
)

exercise_entries = Table(
    "exercise_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day_log_id", Integer, _fk("day_logs"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("exercise", String(60), nullable=False),
    Column("sets", Integer, nullable=False),
    Column("reps", Integer, nullable=False),
    Column("side", String(5)),
)

retest_entries = Table(
    "retest_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day_log_id", Integer, _fk("day_logs"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("test", String(24), nullable=False),
    Column("value", Float, nullable=False),
    Column("side", String(5)),
    Column("pain_nrs", Float),
)

phase_changes = Table(
    "phase_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("runner_id", Integer, _fk("runners"), nullable=False),
    Column("effective_date", Date, nullable=False),
    Column("evidence_from", Date, nullable=False),
    Column("from_phase", String(24)),
    Column("to_phase", String(24), nullable=False),
    Column("reasons_json", Text, nullable=False),
    Column("source", String(16), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    *_decided_by(),
    Index("ix_phase_changes_runner", "runner_id", "effective_date"),
)

# One row per activity read from a watch file (revision 0002). The samples are not stored: a row
# keeps the totals and the running-dynamics summary over running samples. ``dedup_key`` (sport and
# start second) makes an exact re-import impossible to store twice; copies of the same activity
# from another source are found by the ingest package's tolerance rule before inserting.
activities = Table(
    "activities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("runner_id", Integer, _fk("runners"), nullable=False),
    Column("dedup_key", String(80), nullable=False),
    Column("start_utc", UtcDateTime, nullable=False),
    Column("sport", String(40), nullable=False),
    Column("sub_sport", String(40)),
    Column("file_format", String(8), nullable=False),
    Column("source", Text, nullable=False),
    Column("file_sha256", String(64)),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("distance_m", Float, nullable=False),
    Column("elapsed_s", Float, nullable=False),
    Column("moving_s", Float, nullable=False),
    Column("ascent_m", Float),
    Column("avg_heart_rate_bpm", Float),
    Column("device", Text),
    Column("gear", Text),
    Column("has_gps", Boolean, nullable=False),
    Column("sample_count", Integer, nullable=False),
    Column("stance_samples", Integer, nullable=False),
    Column("cadence_spm", Float),
    Column("stance_time_ms", Float),
    Column("stance_balance_left_pct", Float),
    Column("vertical_ratio_pct", Float),
    Column("vertical_oscillation_mm", Float),
    Column("step_length_mm", Float),
    Column("running_speed_mps", Float),
    Column("running_share", Float),
    Column("recording_gaps", Integer),
    Column("notes", Text, nullable=False, default=""),
    UniqueConstraint("runner_id", "dedup_key", name="uq_activities_dedup_key"),
    Index("ix_activities_runner_start", "runner_id", "start_utc"),
    CheckConstraint("distance_m >= 0", name="ck_activities_distance"),
    CheckConstraint("elapsed_s > 0", name="ck_activities_elapsed"),
)

# Outcome measures (revision 0005): one row per measure administered on a day, with the items as
# JSON ([{"item": ..., "value": ...}]; PSFS items are the runner's own activity names). A second
# record of the same measure on the same day replaces the first only when asked to.
outcome_records = Table(
    "outcome_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    Column("runner_id", Integer, _fk("runners"), nullable=False),
    Column("measure", String(40), nullable=False),
    Column("measure_version", String(40), nullable=False),
    Column("recorded_on", Date, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("context", String(12), nullable=False),
    Column("score", Float, nullable=False),
    Column("items_json", Text, nullable=False),
    UniqueConstraint("runner_id", "uid", name="uq_outcome_records_uid"),
    UniqueConstraint("runner_id", "measure", "recorded_on", name="uq_outcome_records_day"),
    Index("ix_outcome_records_runner", "runner_id", "measure", "recorded_on"),
)

CHILD_TABLES = (run_entries, exercise_entries, retest_entries)

# The web app's tables live in their own module; importing it registers them on ``metadata``.
from footfix.store import web_schema as _web_schema  # noqa: E402,F401

# Background work (revision 0006). The row is the truth about a job: a broker, when one is used,
# only carries its id. ``job_key`` (content hash + kind, per owner) makes a resubmission find the
# job already there instead of doing the work twice.
JOB_STATUSES = ("waiting", "running", "done", "failed", "cancelled")

jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    Column(
        "owner_id",
        Integer,
        ForeignKey("users.id", name="fk_jobs_owner", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("kind", String(24), nullable=False),
    Column("job_key", String(64), nullable=False),
    Column("status", String(10), nullable=False),
    Column("progress", Float, nullable=False),
    Column("params_json", Text, nullable=False),
    Column("result_json", Text),
    Column("error", Text),
    Column("attempts", Integer, nullable=False),
    Column("max_attempts", Integer, nullable=False),
    Column("cancel_requested", Boolean, nullable=False),
    Column("not_before", UtcDateTime, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("started_at", UtcDateTime),
    Column("heartbeat_at", UtcDateTime),
    Column("finished_at", UtcDateTime),
    Column("worker", String(80)),
    UniqueConstraint("uid", name="uq_jobs_uid"),
    UniqueConstraint("owner_id", "kind", "job_key", name="uq_jobs_owner_kind_key"),
    CheckConstraint(
        "status IN ('waiting', 'running', 'done', 'failed', 'cancelled')", name="ck_jobs_status"
    ),
    Index("ix_jobs_status_not_before", "status", "not_before"),
)

# An uploaded file's bytes live once, outside the database, named by their sha256; a row says
# who uploaded it (quotas count these rows) and goes with the owner.
uploads = Table(
    "uploads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "owner_id",
        Integer,
        ForeignKey("users.id", name="fk_uploads_owner", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("sha256", String(64), nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    Column("filename", String(255), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("owner_id", "sha256", name="uq_uploads_owner_sha256"),
    Index("ix_uploads_sha256", "sha256"),
)

# One row per content hash ever stored: the row writers lock to add or remove a reference to
# those bytes, what state the bytes are in, and an epoch that grows each time they are removed
# (so an upload that put the bytes before its transaction can tell whether they went since).
# A row is kept after its bytes go: the epoch must not start again.
upload_blobs = Table(
    "upload_blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("state", String(8), nullable=False),
    Column("epoch", Integer, nullable=False),
    Column("touched_at", UtcDateTime, nullable=False),
    CheckConstraint("state IN ('pending', 'stored', 'gone')", name="ck_upload_blobs_state"),
    Index("ix_upload_blobs_state", "state"),
)

# Who did what, when: clinical decisions and data access. Uids, not keys, so that an entry
# outlives the account it names (no foreign keys on purpose).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor_uid", String(36), nullable=False),
    Column("action", String(40), nullable=False),
    Column("runner_uid", String(36)),
    Column("detail", Text, nullable=False),
    Index("ix_audit_log_runner", "runner_uid", "at"),
)
