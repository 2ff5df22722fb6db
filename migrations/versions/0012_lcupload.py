"""life certificates sent back online (issue 14)

Revision ID: 0012_lcupload
Revises: 0010
Create Date: 2026-12-04 01:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_lcupload"
down_revision = "0011_qes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "life_certificate_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("cnp", sa.String(length=13), nullable=False),
        sa.Column("pension_file", sa.String(length=20), nullable=False),
        sa.Column("house_code", sa.String(length=2), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("front_file_id", sa.Integer(), nullable=False),
        sa.Column("back_file_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("draft_id", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "status IN ('received', 'accepted', 'rejected')",
            name=op.f("ck_life_certificate_uploads_status"),
        ),
        sa.ForeignKeyConstraint(
            ["front_file_id"],
            ["stored_files.id"],
            name=op.f("fk_life_certificate_uploads_front_file_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["back_file_id"],
            ["stored_files.id"],
            name=op.f("fk_life_certificate_uploads_back_file_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_members.id"],
            name=op.f("fk_life_certificate_uploads_decided_by_id_staff_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_life_certificate_uploads")),
        sa.UniqueConstraint("reference", name=op.f("uq_life_certificate_uploads_reference")),
        sa.UniqueConstraint(
            "front_file_id", name=op.f("uq_life_certificate_uploads_front_file_id")
        ),
        sa.UniqueConstraint("back_file_id", name=op.f("uq_life_certificate_uploads_back_file_id")),
        sa.UniqueConstraint("draft_id", name=op.f("uq_life_certificate_uploads_draft_id")),
    )
    op.create_index(
        "ix_life_certificate_uploads_queue",
        "life_certificate_uploads",
        ["house_code", "status", "received_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_life_certificate_uploads_queue", table_name="life_certificate_uploads")
    op.drop_table("life_certificate_uploads")
