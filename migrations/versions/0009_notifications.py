"""notifications: preferences, the unread index, a notification's path and once-key

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notification_preferences",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["citizen_accounts.id"],
            name=op.f("fk_notification_preferences_account_id_citizen_accounts"),
        ),
        sa.PrimaryKeyConstraint("account_id", "kind", name=op.f("pk_notification_preferences")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("path", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("once_key", sa.String(length=80), nullable=True))
        batch_op.create_index("ix_notifications_unread", ["account_id", "read_at"], unique=False)
        batch_op.create_index(
            "ix_notifications_list", ["account_id", "created_at", "id"], unique=False
        )
        batch_op.create_index("uq_notifications_once", ["account_id", "once_key"], unique=True)
    # The reports' notifications had their own kind name before the kinds were one list.
    op.execute("UPDATE notifications SET kind = 'report_ready' WHERE kind = 'career_report'")


def downgrade() -> None:
    op.execute("UPDATE notifications SET kind = 'career_report' WHERE kind = 'report_ready'")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("uq_notifications_once")
        batch_op.drop_index("ix_notifications_list")
        batch_op.drop_index("ix_notifications_unread")
        batch_op.drop_column("once_key")
        batch_op.drop_column("path")
    op.drop_table("notification_preferences")
