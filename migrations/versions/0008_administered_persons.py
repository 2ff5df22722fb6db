"""administered persons, backfilled from the approved requests

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 15:00:00

The table is filled at approval from now on (webapp/counter/persons.py). For the accounts
approved before it, this migration writes the same rows from each approved request's answers and
checklist: every person of the list, verified (at the decision's time) when the clerk marked its
document seen. The wording of the basis and document is frozen here as it was when this was
written, so that a later change of the code cannot change what this migration does.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BASES = {
    "procura": "Procură notarială",
    "parinte": "Părinte al unui minor",
    "tutela": "Tutelă",
    "curatela": "Curatelă",
    "consiliere_judiciara": "Consiliere judiciară",
}
_ROLES = {"reprezentant_legal": "Reprezentant legal", "imputernicit": "Împuternicit"}


def upgrade() -> None:
    op.create_table(
        "administered_persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("cnp", sa.String(length=13), nullable=True),
        sa.Column("cui", sa.String(length=12), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("basis", sa.String(length=30), nullable=False),
        sa.Column("document", sa.String(length=300), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_id", sa.Integer(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('natural', 'legal')", name=op.f("ck_administered_persons_kind")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["citizen_accounts.id"],
            name=op.f("fk_administered_persons_account_id_citizen_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by_id"],
            ["staff_members.id"],
            name=op.f("fk_administered_persons_revoked_by_id_staff_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_administered_persons")),
        sa.UniqueConstraint(
            "account_id", "number", name=op.f("uq_administered_persons_account_id")
        ),
    )
    with op.batch_alter_table("administered_persons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_administered_persons_account_id"), ["account_id"], unique=False
        )
    _backfill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("administered_persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_administered_persons_account_id"))
    op.drop_table("administered_persons")


def _backfill(connection) -> None:
    requests = sa.table(
        "account_requests",
        sa.column("id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("answers", sa.JSON),
        sa.column("checklist", sa.JSON),
        sa.column("decided_at", sa.DateTime(timezone=True)),
    )
    accounts = sa.table(
        "citizen_accounts", sa.column("id", sa.Integer), sa.column("request_id", sa.Integer)
    )
    persons = sa.table(
        "administered_persons",
        sa.column("account_id", sa.Integer),
        sa.column("number", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("cnp", sa.String),
        sa.column("cui", sa.String),
        sa.column("name", sa.String),
        sa.column("basis", sa.String),
        sa.column("document", sa.String),
        sa.column("verified_at", sa.DateTime(timezone=True)),
    )
    found = connection.execute(
        sa.select(accounts.c.id, requests.c.answers, requests.c.checklist, requests.c.decided_at)
        .join(requests, requests.c.id == accounts.c.request_id)
        .where(requests.c.status == "approved")
        .order_by(accounts.c.id)
    )
    rows = []
    for account_id, answers, checklist, decided_at in found:
        seen = (checklist or {}).get("persons") or []
        for index, person in enumerate((answers or {}).get("persons") or []):
            if not isinstance(person, dict) or person.get("kind") not in ("natural", "legal"):
                continue
            checked = (
                index < len(seen) and isinstance(seen[index], dict) and seen[index].get("seen")
            )
            rows.append(_row(account_id, index + 1, person, decided_at if checked else None))
    if rows:
        connection.execute(sa.insert(persons), rows)


def _row(account_id: int, number: int, person: dict, verified_at) -> dict:
    natural = person["kind"] == "natural"
    basis = (person.get("legal_basis") if natural else person.get("role")) or ""
    if natural:
        name = f"{person.get('last_name', '')} {person.get('first_name', '')}".strip()
        what = _BASES.get(basis, basis)
    else:
        name = (person.get("name") or "").strip()
        what = f"Document de {_ROLES.get(basis, basis).lower()}"
    document = f"{what} nr. {person.get('document_number', '')}"
    if person.get("document_date"):
        try:
            day = dt.date.fromisoformat(person["document_date"])
            document += f" din {day.day:02d}.{day.month:02d}.{day.year:04d}"
        except ValueError:
            document += f" din {person['document_date']}"
    return {
        "account_id": account_id,
        "number": number,
        "kind": person["kind"],
        "cnp": (person.get("cnp") or None) if natural else None,
        "cui": None if natural else (person.get("cui") or None),
        "name": name[:200],
        "basis": basis[:30],
        "document": document[:300],
        "verified_at": verified_at,
    }
