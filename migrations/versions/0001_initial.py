"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 04:11:03.760425
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("journey", sa.String(length=30), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drafts_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "reference_counters",
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "year", name=op.f("pk_reference_counters")),
    )
    op.create_table(
        "sign_in_failures",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_failures")),
    )
    op.create_table(
        "staff_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("county_code", sa.String(length=2), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('clerk', 'supervisor')", name=op.f("ck_staff_members_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_members")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_members_email")),
    )
    op.create_table(
        "account_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("cnp", sa.String(length=13), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("office_code", sa.String(length=2), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registration_number", sa.String(length=40), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registered_county", sa.String(length=2), nullable=True),
        sa.Column("registered_by_id", sa.Integer(), nullable=True),
        sa.Column("checklist", sa.JSON(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('submitted', 'registered', 'approved', 'rejected')",
            name=op.f("ck_account_requests_status"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_members.id"],
            name=op.f("fk_account_requests_decided_by_id_staff_members"),
        ),
        sa.ForeignKeyConstraint(
            ["registered_by_id"],
            ["staff_members.id"],
            name=op.f("fk_account_requests_registered_by_id_staff_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_requests")),
        sa.UniqueConstraint("reference", name=op.f("uq_account_requests_reference")),
    )
    with op.batch_alter_table("account_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_account_requests_cnp"), ["cnp"], unique=False)
        batch_op.create_index(batch_op.f("ix_account_requests_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_account_requests_office_code"), ["office_code"], unique=False
        )
        batch_op.create_index(
            "uq_account_requests_open_cnp",
            ["cnp"],
            unique=True,
            sqlite_where=sa.text("status IN ('submitted', 'registered')"),
            postgresql_where=sa.text("status IN ('submitted', 'registered')"),
        )
        batch_op.create_index(
            "uq_account_requests_open_email",
            ["email"],
            unique=True,
            sqlite_where=sa.text("status IN ('submitted', 'registered')"),
            postgresql_where=sa.text("status IN ('submitted', 'registered')"),
        )

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("remote_addr", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["account_requests.id"],
            name=op.f("fk_audit_events_request_id_account_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_members.id"], name=op.f("fk_audit_events_staff_id_staff_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_events_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_audit_events_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "citizen_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["account_requests.id"],
            name=op.f("fk_citizen_accounts_request_id_account_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen_accounts")),
        sa.UniqueConstraint("email", name=op.f("uq_citizen_accounts_email")),
        sa.UniqueConstraint("request_id", name=op.f("uq_citizen_accounts_request_id")),
    )


def downgrade() -> None:
    op.drop_table("citizen_accounts")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_staff_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_request_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))
        batch_op.drop_index(batch_op.f("ix_audit_events_action"))

    op.drop_table("audit_events")
    with op.batch_alter_table("account_requests", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_account_requests_open_email",
            sqlite_where=sa.text("status IN ('submitted', 'registered')"),
            postgresql_where=sa.text("status IN ('submitted', 'registered')"),
        )
        batch_op.drop_index(
            "uq_account_requests_open_cnp",
            sqlite_where=sa.text("status IN ('submitted', 'registered')"),
            postgresql_where=sa.text("status IN ('submitted', 'registered')"),
        )
        batch_op.drop_index(batch_op.f("ix_account_requests_office_code"))
        batch_op.drop_index(batch_op.f("ix_account_requests_email"))
        batch_op.drop_index(batch_op.f("ix_account_requests_cnp"))

    op.drop_table("account_requests")
    op.drop_table("staff_members")
    op.drop_table("sign_in_failures")
    op.drop_table("reference_counters")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_updated_at"))

    op.drop_table("drafts")
