"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Times are naive UTC (see models.UTCDateTime).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clinicians",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinicians")),
        sa.UniqueConstraint("username", name=op.f("uq_clinicians_username")),
    )
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("external_ref", sa.Text(), nullable=True),
        sa.Column("video_opt_in", sa.Boolean(), nullable=False),
        sa.Column("sessions_per_week", sa.Integer(), nullable=True),
        sa.Column("minutes_per_session", sa.Float(), nullable=True),
        sa.Column("home_code_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["clinicians.id"],
            name=op.f("fk_patients_clinician_id_clinicians"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patients")),
        sa.UniqueConstraint("home_code_hash", name=op.f("uq_patients_home_code_hash")),
    )
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patients_clinician_id"), ["clinician_id"], unique=False)

    op.create_table(
        "walk_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("model_version", sa.String(length=200), nullable=True),
        sa.Column("settings_json", sa.Text(), nullable=False),
        sa.Column("summary_json", sa.Text(), nullable=True),
        sa.Column("fps", sa.Float(), nullable=True),
        sa.Column("image_width", sa.Integer(), nullable=True),
        sa.Column("image_height", sa.Integer(), nullable=True),
        sa.Column("frames_stored", sa.Integer(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=True),
        sa.Column("recorder_host", sa.String(length=255), nullable=True),
        sa.Column("recorder_pid", sa.Integer(), nullable=True),
        sa.Column("video_file", sa.Text(), nullable=True),
        sa.Column("steps", sa.Integer(), nullable=True),
        sa.Column("cadence_spm", sa.Float(), nullable=True),
        sa.Column("forefoot_share", sa.Float(), nullable=True),
        sa.Column("flat_share", sa.Float(), nullable=True),
        sa.Column("heel_share", sa.Float(), nullable=True),
        sa.Column("upright_share", sa.Float(), nullable=True),
        sa.Column("glances", sa.Integer(), nullable=True),
        sa.Column("glances_per_min", sa.Float(), nullable=True),
        sa.Column("over_rotations", sa.Integer(), nullable=True),
        sa.Column("detection_rate", sa.Float(), nullable=True),
        sa.Column("direction", sa.String(length=16), nullable=True),
        sa.Column("view", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            name=op.f("fk_walk_sessions_patient_id_patients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_sessions")),
    )
    with op.batch_alter_table("walk_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_walk_sessions_patient_id"), ["patient_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_walk_sessions_started_at"), ["started_at"], unique=False)

    op.create_table(
        "cues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("time_s", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["walk_sessions.id"],
            name=op.f("fk_cues_session_id_walk_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cues")),
    )
    with op.batch_alter_table("cues", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cues_session_id"), ["session_id"], unique=False)

    op.create_table(
        "glances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("start_s", sa.Float(), nullable=False),
        sa.Column("end_s", sa.Float(), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=True),
        sa.Column("peak_yaw_deg", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["walk_sessions.id"],
            name=op.f("fk_glances_session_id_walk_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glances")),
    )
    with op.batch_alter_table("glances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_glances_session_id"), ["session_id"], unique=False)

    op.create_table(
        "landmark_chunks",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("chunk_index", sa.Integer(), nullable=False),
        sa.Column("t_start_s", sa.Float(), nullable=False),
        sa.Column("t_end_s", sa.Float(), nullable=False),
        sa.Column("n_frames", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["walk_sessions.id"],
            name=op.f("fk_landmark_chunks_session_id_walk_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "chunk_index", name=op.f("pk_landmark_chunks")),
    )
    op.create_table(
        "metric_seconds",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("second", sa.Integer(), nullable=False),
        sa.Column("frames", sa.Integer(), nullable=False),
        sa.Column("present_frames", sa.Integer(), nullable=False),
        sa.Column("trunk_lean_deg", sa.Float(), nullable=True),
        sa.Column("head_yaw_deg", sa.Float(), nullable=True),
        sa.Column("glance_frames", sa.Integer(), nullable=False),
        sa.Column("upright_share", sa.Float(), nullable=True),
        sa.Column("cadence_spm", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["walk_sessions.id"],
            name=op.f("fk_metric_seconds_session_id_walk_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "second", name=op.f("pk_metric_seconds")),
    )
    op.create_table(
        "step_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("step_index", sa.Integer(), nullable=False),
        sa.Column("foot", sa.String(length=8), nullable=False),
        sa.Column("contact_time_s", sa.Float(), nullable=False),
        sa.Column("contact_frame", sa.Integer(), nullable=True),
        sa.Column("liftoff_frame", sa.Integer(), nullable=True),
        sa.Column("strike", sa.String(length=16), nullable=True),
        sa.Column("direction", sa.String(length=16), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["walk_sessions.id"],
            name=op.f("fk_step_events_session_id_walk_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_events")),
        sa.UniqueConstraint("session_id", "step_index", name=op.f("uq_step_events_session_id")),
    )
    with op.batch_alter_table("step_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_events_session_id"), ["session_id"], unique=False)

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=True),
        sa.Column("clinician_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["clinicians.id"],
            name=op.f("fk_notes_clinician_id_clinicians"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["walk_sessions.id"],
            name=op.f("fk_notes_session_id_walk_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"], ["step_events.id"], name=op.f("fk_notes_step_id_step_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_session_id"), ["session_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_session_id"))

    op.drop_table("notes")
    with op.batch_alter_table("step_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_step_events_session_id"))

    op.drop_table("step_events")
    op.drop_table("metric_seconds")
    op.drop_table("landmark_chunks")
    with op.batch_alter_table("glances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_glances_session_id"))

    op.drop_table("glances")
    with op.batch_alter_table("cues", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cues_session_id"))

    op.drop_table("cues")
    with op.batch_alter_table("walk_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_walk_sessions_started_at"))
        batch_op.drop_index(batch_op.f("ix_walk_sessions_patient_id"))

    op.drop_table("walk_sessions")
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patients_clinician_id"))

    op.drop_table("patients")
    op.drop_table("clinicians")
