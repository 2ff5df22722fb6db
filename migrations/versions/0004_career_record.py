"""career record

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 13:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "career_records",
        sa.Column("cnp", sa.String(length=13), nullable=False),
        sa.Column("current_to", sa.Date(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("cnp", name=op.f("pk_career_records")),
    )
    op.create_table(
        "career_assimilated_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cnp", sa.String(length=13), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("document", sa.String(length=200), nullable=False),
        sa.CheckConstraint('"end" >= start', name=op.f("ck_career_assimilated_periods_period")),
        sa.ForeignKeyConstraint(
            ["cnp"],
            ["career_records.cnp"],
            name=op.f("fk_career_assimilated_periods_cnp_career_records"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_career_assimilated_periods")),
        sa.UniqueConstraint("cnp", "kind", "start", name="uq_career_assimilated_periods_key"),
    )
    op.create_table(
        "career_decided_points",
        sa.Column("cnp", sa.String(length=13), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("points", sa.Numeric(precision=10, scale=5), nullable=False),
        sa.Column("decision", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["cnp"],
            ["career_records.cnp"],
            name=op.f("fk_career_decided_points_cnp_career_records"),
        ),
        sa.PrimaryKeyConstraint("cnp", "year", name=op.f("pk_career_decided_points")),
    )
    op.create_table(
        "career_months",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cnp", sa.String(length=13), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("employer_cui", sa.String(length=16), nullable=False),
        sa.Column("employer_name", sa.String(length=200), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("gross_income", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("conditions", sa.String(length=10), nullable=False),
        sa.Column("pillar2", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "conditions IN ('normale', 'deosebite', 'speciale')",
            name=op.f("ck_career_months_conditions"),
        ),
        sa.CheckConstraint("days BETWEEN 0 AND 31", name=op.f("ck_career_months_days")),
        sa.CheckConstraint("gross_income >= 0", name=op.f("ck_career_months_income")),
        sa.ForeignKeyConstraint(
            ["cnp"], ["career_records.cnp"], name=op.f("fk_career_months_cnp_career_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_career_months")),
        sa.UniqueConstraint("cnp", "month", "employer_cui", name="uq_career_months_key"),
    )
    op.create_table(
        "work_book_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cnp", sa.String(length=13), nullable=False),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("function", sa.String(length=200), nullable=False),
        sa.Column("salary", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("salary_kind", sa.String(length=4), nullable=False),
        sa.Column("group", sa.String(length=2), nullable=False),
        sa.Column("pay_unit", sa.String(length=4), nullable=False),
        sa.Column("hours_or_days", sa.Integer(), nullable=True),
        sa.CheckConstraint('"end" >= start', name=op.f("ck_work_book_entries_period")),
        sa.ForeignKeyConstraint(
            ["cnp"], ["career_records.cnp"], name=op.f("fk_work_book_entries_cnp_career_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_book_entries")),
        sa.UniqueConstraint("cnp", "employer", "start", name="uq_work_book_entries_key"),
    )


def downgrade() -> None:

    op.drop_table("work_book_entries")
    op.drop_table("career_months")
    op.drop_table("career_decided_points")
    op.drop_table("career_assimilated_periods")
    op.drop_table("career_records")
