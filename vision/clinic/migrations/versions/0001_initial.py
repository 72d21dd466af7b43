"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Times are naive UTC (see models.UTCDateTime).
"""

from __future__ import annotations

from vision.clinic.migrations import tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_INDEXED = {
    "clinicians": (),
    "patients": ("clinician_id",),
    "walk_sessions": ("patient_id", "started_at"),
    "cues": ("session_id",),
    "glances": ("session_id",),
    "landmark_chunks": (),
    "metric_seconds": (),
    "step_events": ("session_id",),
    "notes": ("session_id",),
}
"""Every table in the order made, with the columns that have an index."""


def upgrade() -> None:
    tables.create_table(
        "clinicians",
        *tables.columns("""id:int username:str80 display_name:text password_hash:str255 is_admin:bool
                           created_at:time failed_logins:int locked_until:time? last_login_at:time?"""),
        tables.primary_key("clinicians"),
        tables.unique("clinicians", "username"),
    )
    tables.child_table(
        "patients",
        """id:int clinician_id:int display_name:text external_ref:text? video_opt_in:bool
           sessions_per_week:int? minutes_per_session:float? home_code_hash:str64?
           created_at:time""",
        tables.unique("patients", "home_code_hash"),
        parent=("clinicians", "clinician_id"),
        indexed=_INDEXED["patients"],
    )
    tables.child_table(
        "walk_sessions",
        """id:int patient_id:int started_at:time ended_at:time? duration_s:float source:str16
           status:str16 model_version:str200? settings_json:text summary_json:text? fps:float?
           image_width:int? image_height:int? frames_stored:int heartbeat_at:time?
           recorder_host:str255? recorder_pid:int? video_file:text? steps:int? cadence_spm:float?
           forefoot_share:float? flat_share:float? heel_share:float? upright_share:float?
           glances:int? glances_per_min:float? over_rotations:int? detection_rate:float?
           direction:str16? view:str32?""",
        parent=("patients", "patient_id"),
        indexed=_INDEXED["walk_sessions"],
    )
    _child_tables()


def _child_tables() -> None:
    tables.child_table(
        "cues", "id:int session_id:int time_s:float kind:str40 message:text", indexed=_INDEXED["cues"]
    )
    tables.child_table(
        "glances",
        "id:int session_id:int start_s:float end_s:float side:str8? peak_yaw_deg:float?",
        indexed=_INDEXED["glances"],
    )
    tables.child_table(
        "landmark_chunks",
        "session_id:int chunk_index:int t_start_s:float t_end_s:float n_frames:int data:blob",
        key=("session_id", "chunk_index"),
    )
    tables.child_table(
        "metric_seconds",
        """session_id:int second:int frames:int present_frames:int trunk_lean_deg:float?
           head_yaw_deg:float? glance_frames:int upright_share:float? cadence_spm:float?""",
        key=("session_id", "second"),
    )
    tables.child_table(
        "step_events",
        """id:int session_id:int step_index:int foot:str8 contact_time_s:float contact_frame:int?
           liftoff_frame:int? strike:str16? direction:str16? confidence:float?""",
        tables.unique("step_events", "session_id", "step_index"),
        indexed=_INDEXED["step_events"],
    )
    tables.create_table(
        "notes",
        *tables.columns("id:int session_id:int step_id:int? clinician_id:int created_at:time text:text"),
        tables.cascade_fk("notes", "clinician_id", "clinicians"),
        tables.cascade_fk("notes", "session_id", "walk_sessions"),
        tables.cascade_fk("notes", "step_id", "step_events"),
        tables.primary_key("notes"),
        indexed=_INDEXED["notes"],
    )


def downgrade() -> None:
    for name in reversed(_INDEXED):
        tables.drop_table(name, indexed=_INDEXED[name])
