"""account requests, reference counters, drafts

Revision ID: 0001
Revises:
Create Date: 2026-11-22 03:53:48.184268
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
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
        sa.CheckConstraint(
            "status IN ('submitted', 'registered', 'approved', 'rejected')",
            name="ck_account_requests_status",
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
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
        "drafts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("journey", sa.String(length=30), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_drafts_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "reference_counters",
        sa.Column("prefix", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "year"),
    )


def downgrade() -> None:
    op.drop_table("reference_counters")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_updated_at"))

    op.drop_table("drafts")
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
