"""background jobs given up

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("background_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_background_jobs_due",
            ["run_after"],
            unique=False,
            postgresql_where=sa.text("done_at IS NULL AND failed_at IS NULL"),
            sqlite_where=sa.text("done_at IS NULL AND failed_at IS NULL"),
        )
    # Jobs the old worker stopped trying (five attempts, never done) are the failed ones now.
    op.execute(
        "UPDATE background_jobs SET failed_at = run_after WHERE done_at IS NULL AND attempts >= 5"
    )


def downgrade() -> None:
    with op.batch_alter_table("background_jobs", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_background_jobs_due",
            postgresql_where=sa.text("done_at IS NULL AND failed_at IS NULL"),
            sqlite_where=sa.text("done_at IS NULL AND failed_at IS NULL"),
        )
        batch_op.drop_column("failed_at")
