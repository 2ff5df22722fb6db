"""security review: server-side sessions, staff TOTP, background jobs, outbox failures,
idempotent submission, several open requests per CNP, expired requests

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 03:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OPEN = sa.text("status IN ('submitted', 'registered')")
OLD_STATUS = "status IN ('submitted', 'registered', 'approved', 'rejected')"
NEW_STATUS = "status IN ('submitted', 'registered', 'approved', 'rejected', 'expired')"
OLD_DUE = sa.text("sent_at IS NULL")
NEW_DUE = sa.text("sent_at IS NULL AND failed_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "auth_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_kind", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_sessions")),
    )
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_auth_sessions_user", ["user_kind", "user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_auth_sessions_ended_at"), ["ended_at"], unique=False)

    op.create_table(
        "background_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_background_jobs")),
    )
    with op.batch_alter_table("background_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_background_jobs_done_at"), ["done_at"], unique=False)

    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recovery_codes", sa.JSON(), nullable=True))

    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submitted_reference", sa.String(length=20), nullable=True))

    with op.batch_alter_table("outbox_emails", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_index("ix_outbox_emails_due", postgresql_where=OLD_DUE, sqlite_where=OLD_DUE)
        batch_op.create_index(
            "ix_outbox_emails_due",
            ["next_attempt_at"],
            unique=False,
            postgresql_where=NEW_DUE,
            sqlite_where=NEW_DUE,
        )

    with op.batch_alter_table("account_requests", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_account_requests_open_cnp", sqlite_where=OPEN, postgresql_where=OPEN
        )
        batch_op.drop_index(
            "uq_account_requests_open_email", sqlite_where=OPEN, postgresql_where=OPEN
        )
        batch_op.drop_constraint(op.f("ck_account_requests_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_account_requests_status"), sa.text(NEW_STATUS))


def downgrade() -> None:
    with op.batch_alter_table("account_requests", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_account_requests_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_account_requests_status"), sa.text(OLD_STATUS))
        batch_op.create_index(
            "uq_account_requests_open_email",
            ["email"],
            unique=True,
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        )
        batch_op.create_index(
            "uq_account_requests_open_cnp",
            ["cnp"],
            unique=True,
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        )

    with op.batch_alter_table("outbox_emails", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_emails_due", postgresql_where=NEW_DUE, sqlite_where=NEW_DUE)
        batch_op.create_index(
            "ix_outbox_emails_due",
            ["next_attempt_at"],
            unique=False,
            postgresql_where=OLD_DUE,
            sqlite_where=OLD_DUE,
        )
        batch_op.drop_column("purged_at")
        batch_op.drop_column("failed_at")

    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_column("submitted_reference")

    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.drop_column("recovery_codes")
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_secret")

    with op.batch_alter_table("background_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_background_jobs_done_at"))
    op.drop_table("background_jobs")
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_sessions_ended_at"))
        batch_op.drop_index("ix_auth_sessions_user")
    op.drop_table("auth_sessions")
