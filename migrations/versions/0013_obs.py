"""request ids carried into background jobs and e-mails (issue 15, logs)

Revision ID: 0013_obs
Revises: 0012_lcupload
Create Date: 2026-12-04 19:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_obs"
down_revision = "0012_lcupload"
branch_labels = None
depends_on = None

TABLES = ("background_jobs", "outbox_emails")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("correlation_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("correlation_id")
