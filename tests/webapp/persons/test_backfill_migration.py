"""Migration 0008 writes the persons of the requests approved before it, as approval does now:
every person of an approved request, verified at the decision's time where the clerk saw the
document; nothing for a request not approved. On SQLite, and on PostgreSQL when DATABASE_URL
is set (a database of its own, `<name>_backfill_<worker>`)."""

import datetime as dt
import os

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.orm import Session

from tests.builders import ADMINISTERED, answers_for
from tests.conftest import worker_database
from webapp.config import normalise_database_url
from webapp.migrations import alembic_config
from webapp.models import AccountRequest, AdministeredPerson, CitizenAccount, StaffMember

DECIDED = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def empty_database(tmp_path):
    url = os.environ.get("DATABASE_URL")
    if url:
        worker = os.environ.get("PYTEST_XDIST_WORKER") or "main"
        url = worker_database(normalise_database_url(url), f"backfill_{worker}")
    else:
        url = f"sqlite:///{tmp_path / 'backfill.sqlite3'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        for table in inspect(connection).get_table_names():
            cascade = " CASCADE" if engine.dialect.name == "postgresql" else ""
            connection.execute(text(f'DROP TABLE IF EXISTS "{table}"{cascade}'))
    yield url, engine
    engine.dispose()


def request_row(index, status, persons, seen, staff_id) -> AccountRequest:
    return AccountRequest(
        reference=f"CC-2026-{index:06d}",
        status=status,
        cnp=answers_for(index)["cnp"],
        email=f"persoana{index}@example.ro",
        office_code="CJ",
        answers=answers_for(index) | {"persons": persons},
        registered_county="CJ",
        registered_by_id=staff_id,
        checklist={"persons": [{"document": "…", "seen": s} for s in seen]},
        decided_at=DECIDED if status != "registered" else None,
    )


def test_0008_backfills_the_approved_requests_persons(empty_database):
    url, engine = empty_database
    config = alembic_config(url)
    command.upgrade(config, "0007")
    assert "administered_persons" not in inspect(engine).get_table_names()
    with Session(engine) as session:
        clerk = StaffMember(email="ana@cjp.ro", password_hash="x", county_code="CJ")
        session.add(clerk)
        session.flush()
        approved = request_row(1, "approved", ADMINISTERED, [True, False, True, True], clerk.id)
        # An older request with fewer checklist entries than persons: the rest are unverified.
        short = request_row(2, "approved", ADMINISTERED[:2], [True], clerk.id)
        rejected = request_row(3, "rejected", ADMINISTERED[:1], [True], clerk.id)
        session.add_all([approved, short, rejected])
        session.flush()
        session.add_all(
            [
                CitizenAccount(email=approved.email, request_id=approved.id),
                CitizenAccount(email=short.email, request_id=short.id),
            ]
        )
        session.commit()
        accounts = {a.request_id: a.id for a in session.scalars(select(CitizenAccount))}
        first, second = accounts[approved.id], accounts[short.id]

    command.upgrade(config, "0008")

    with Session(engine) as session:
        rows = session.scalars(
            select(AdministeredPerson).order_by(
                AdministeredPerson.account_id, AdministeredPerson.number
            )
        ).all()
        found = [
            (r.account_id, r.number, r.kind, r.cnp, r.cui, r.name, r.basis, r.verified_at)
            for r in rows
        ]
        assert found == [
            (first, 1, "natural", "1800101123469", None, "Popescu Ștefan", "procura", DECIDED),
            (first, 2, "natural", "1850505123453", None, "Țărănescu Vasile", "procura", None),
            (first, 3, "legal", None, "18547290", "Asociația Pensionarilor Șoimii",
             "imputernicit", DECIDED),
            (first, 4, "natural", "2900101123454", None, "Ionescu Maria", "tutela", DECIDED),
            (second, 1, "natural", "1800101123469", None, "Popescu Ștefan", "procura", DECIDED),
            (second, 2, "natural", "1850505123453", None, "Țărănescu Vasile", "procura", None),
        ]  # fmt: skip
        # The same wording approval writes today (domain.administered_persons).
        assert rows[0].document == "Procură notarială nr. 1234 din 10.01.2024"
        assert rows[2].document == "Document de împuternicit nr. 77 din 05.06.2023"
        assert all(r.revoked_at is None for r in rows)

    command.downgrade(config, "0007")
    assert "administered_persons" not in inspect(engine).get_table_names()
