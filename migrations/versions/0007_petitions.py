"""petitions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 14:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "stored_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
        sa.UniqueConstraint("uid", name=op.f("uq_stored_files_uid")),
    )
    op.create_table(
        "petitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("subject_cnp", sa.String(length=13), nullable=False),
        sa.Column("subject_name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("county_code", sa.String(length=2), nullable=False),
        sa.Column("first_county_code", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("extended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("assigned_to_id", sa.Integer(), nullable=True),
        sa.Column("forwarded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_reason", sa.Text(), nullable=True),
        sa.Column("draft_id", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "status IN ('registered', 'in_progress', 'extended', 'forwarded', 'answered', 'closed')",
            name=op.f("ck_petitions_status"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["citizen_accounts.id"],
            name=op.f("fk_petitions_account_id_citizen_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["staff_members.id"],
            name=op.f("fk_petitions_answered_by_id_staff_members"),
        ),
        sa.ForeignKeyConstraint(
            ["assigned_to_id"],
            ["staff_members.id"],
            name=op.f("fk_petitions_assigned_to_id_staff_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petitions")),
        sa.UniqueConstraint("draft_id", name=op.f("uq_petitions_draft_id")),
        sa.UniqueConstraint("reference", name=op.f("uq_petitions_reference")),
    )
    with op.batch_alter_table("petitions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_petitions_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            "ix_petitions_queue", ["county_code", "status", "due_on"], unique=False
        )

    op.create_table(
        "petition_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("petition_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["petition_id"], ["petitions.id"], name=op.f("fk_petition_events_petition_id_petitions")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_members.id"],
            name=op.f("fk_petition_events_staff_id_staff_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petition_events")),
    )
    with op.batch_alter_table("petition_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_petition_events_petition_id"), ["petition_id"], unique=False
        )

    op.create_table(
        "petition_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("petition_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.CheckConstraint("role IN ('attachment', 'answer')", name=op.f("ck_petition_files_role")),
        sa.ForeignKeyConstraint(
            ["file_id"], ["stored_files.id"], name=op.f("fk_petition_files_file_id_stored_files")
        ),
        sa.ForeignKeyConstraint(
            ["petition_id"], ["petitions.id"], name=op.f("fk_petition_files_petition_id_petitions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petition_files")),
        sa.UniqueConstraint("file_id", name=op.f("uq_petition_files_file_id")),
    )
    with op.batch_alter_table("petition_files", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_petition_files_petition_id"), ["petition_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("petition_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_petition_files_petition_id"))

    op.drop_table("petition_files")
    with op.batch_alter_table("petition_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_petition_events_petition_id"))

    op.drop_table("petition_events")
    with op.batch_alter_table("petitions", schema=None) as batch_op:
        batch_op.drop_index("ix_petitions_queue")
        batch_op.drop_index(batch_op.f("ix_petitions_account_id"))

    op.drop_table("petitions")
    op.drop_table("stored_files")
