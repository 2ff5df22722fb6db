"""career reports

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "career_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("cnp", sa.String(length=13), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ready_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("current_to", sa.Date(), nullable=True),
        sa.Column("code_hash", sa.String(length=64), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("csv", sa.LargeBinary(), nullable=True),
        sa.CheckConstraint(
            "status IN ('requested', 'ready', 'failed')", name=op.f("ck_career_reports_status")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["citizen_accounts.id"],
            name=op.f("fk_career_reports_account_id_citizen_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_career_reports")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_career_reports_code_hash")),
        sa.UniqueConstraint("number", name=op.f("uq_career_reports_number")),
    )
    with op.batch_alter_table("career_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_career_reports_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_career_reports_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(
            "uq_career_reports_pending",
            ["account_id", "cnp", "kind"],
            unique=True,
            postgresql_where=sa.text("status = 'requested'"),
            sqlite_where=sa.text("status = 'requested'"),
        )

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["citizen_accounts.id"],
            name=op.f("fk_notifications_account_id_citizen_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notifications_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_account_id"))

    op.drop_table("notifications")
    with op.batch_alter_table("career_reports", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_career_reports_pending",
            postgresql_where=sa.text("status = 'requested'"),
            sqlite_where=sa.text("status = 'requested'"),
        )
        batch_op.drop_index(batch_op.f("ix_career_reports_expires_at"))
        batch_op.drop_index(batch_op.f("ix_career_reports_account_id"))

    op.drop_table("career_reports")
