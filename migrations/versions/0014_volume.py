"""volume: the indexes the counter's queue and the status page need at a country's volume

Measured with bench/bench_volume.py (1,080,000 account requests, about 3,000,000 sent emails):

- the counter's queue lists the staff member's own county first, then the others, each by
  submission time. webapp/counter/queries.py queue_page reads the two parts separately, each a
  range of one of these indexes, and takes the page's ids from the index alone (office_code is
  the last column so the "other counties" filter needs no table row):
  ix_account_requests_county_queue (office_code, status, submitted_at, id) — the own county,
  one status or the open ones; ix_account_requests_county_submitted (office_code, submitted_at,
  id) — the own county, every status (else a sort of the county's 23,000 rows: 25 ms);
  ix_account_requests_status_queue (status, submitted_at, id, office_code) — one status;
  ix_account_requests_open_queue (submitted_at, id, office_code) for the open requests only
  (the default view: submitted or registered, a few percent of the rows);
  ix_account_requests_submitted (submitted_at, id, office_code) — every status.
  Before: a sequential scan and a sort of every matching row on each page view.
  ix_account_requests_office_code is dropped: the county index starts with the same column.
- the status page and the counter's request page look up the last email to an address
  (webapp/outbox/queue.py latest_status_for compares lower(recipient)):
  ix_outbox_emails_recipient (lower(recipient), id). Before: a sequential scan of the outbox.

On PostgreSQL the indexes are built CONCURRENTLY (outside the migration's transaction), so a
deployment keeps taking submissions while a million rows are indexed.

Revision ID: 0014_volume
Revises: 0013_obs
Create Date: 2026-12-04 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_volume"
down_revision = "0013_obs"
branch_labels = None
depends_on = None

OPEN = sa.text("status IN ('submitted', 'registered')")
INDEXES = [
    ("ix_account_requests_county_queue", ["office_code", "status", "submitted_at", "id"], None),
    ("ix_account_requests_county_submitted", ["office_code", "submitted_at", "id"], None),
    ("ix_account_requests_status_queue", ["status", "submitted_at", "id", "office_code"], None),
    ("ix_account_requests_open_queue", ["submitted_at", "id", "office_code"], OPEN),
    ("ix_account_requests_submitted", ["submitted_at", "id", "office_code"], None),
]


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    with op.get_context().autocommit_block():
        for name, columns, where in INDEXES:
            op.create_index(
                name,
                "account_requests",
                columns,
                postgresql_where=where,
                sqlite_where=where,
                postgresql_concurrently=postgresql,
            )
        op.create_index(
            "ix_outbox_emails_recipient",
            "outbox_emails",
            [sa.text("lower(recipient)"), "id"],
            postgresql_concurrently=postgresql,
        )
        op.drop_index(
            "ix_account_requests_office_code",
            table_name="account_requests",
            postgresql_concurrently=postgresql,
        )


def downgrade() -> None:
    op.create_index("ix_account_requests_office_code", "account_requests", ["office_code"])
    op.drop_index("ix_outbox_emails_recipient", table_name="outbox_emails")
    for name, _columns, _where in reversed(INDEXES):
        op.drop_index(name, table_name="account_requests")
