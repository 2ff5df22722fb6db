"""qes: the account request signed with a qualified e-signature

issued_printouts keeps the SHA-256 and length of each request PDF served to its applicant;
signed_requests the accepted signed request, the copy of the ID document (stored_files) and the
result of each check.

Revision ID: 0011_qes
Revises: 0010
Create Date: 2026-12-04 01:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_qes"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issued_printouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["account_requests.id"],
            name=op.f("fk_issued_printouts_request_id_account_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_printouts")),
        sa.UniqueConstraint("request_id", "sha256", name=op.f("uq_issued_printout")),
    )
    op.create_index(
        op.f("ix_issued_printouts_request_id"), "issued_printouts", ["request_id"], unique=False
    )
    op.create_table(
        "signed_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("signed_file_id", sa.Integer(), nullable=False),
        sa.Column("id_file_id", sa.Integer(), nullable=False),
        sa.Column("signer_name", sa.String(length=300), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["account_requests.id"],
            name=op.f("fk_signed_requests_request_id_account_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signed_file_id"],
            ["stored_files.id"],
            name=op.f("fk_signed_requests_signed_file_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["id_file_id"],
            ["stored_files.id"],
            name=op.f("fk_signed_requests_id_file_id_stored_files"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signed_requests")),
        sa.UniqueConstraint("request_id", name=op.f("uq_signed_requests_request_id")),
    )


def downgrade() -> None:
    op.drop_table("signed_requests")
    op.drop_index(op.f("ix_issued_printouts_request_id"), table_name="issued_printouts")
    op.drop_table("issued_printouts")
