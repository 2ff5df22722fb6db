"""Migrations match the models, and references stay unique under concurrent submissions."""

import datetime as dt
import threading

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select
from stdnum.ro import cnp

from tests import sample_answers
from webapp import account_requests
from webapp.database import Base
from webapp.models import AccountRequest


def test_migrations_match_the_models(migrated):
    engine = create_engine(migrated)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def answers_for(index: int) -> dict:
    base = f"2580514{index:05d}"
    answers = {
        key: value
        for key, value in sample_answers.identity().items()
        if key not in ("website", "email_confirm")
    }
    answers.update(
        cnp=base + cnp.calc_check_digit(base),
        email=f"persoana{index}@example.ro",
        birth_date="1958-05-14",
        id_issued_on="2015-03-02",
        id_expires_on=None,
        persons=[],
    )
    return answers


def test_concurrent_submissions_get_distinct_consecutive_references(app):
    sessionmaker = app.extensions["db_sessionmaker"]
    references, errors = [], []
    start = threading.Barrier(12)

    def submit(index):
        session = sessionmaker()
        try:
            start.wait()
            now = dt.datetime(2026, 11, 22, 10, tzinfo=dt.UTC)
            references.append(account_requests.submit(session, answers_for(index), now).reference)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            session.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(references) == [f"CC-2026-{n:06d}" for n in range(1, 13)]


def test_concurrent_duplicates_let_exactly_one_through(app):
    sessionmaker = app.extensions["db_sessionmaker"]
    outcomes = []
    start = threading.Barrier(8)

    def submit():
        session = sessionmaker()
        try:
            start.wait()
            account_requests.submit(session, answers_for(1), dt.datetime.now(dt.UTC))
            outcomes.append("stored")
        except account_requests.DuplicateOpenRequest:
            outcomes.append("refused")
        finally:
            session.close()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["stored"]
    session = sessionmaker()
    assert len(session.execute(select(AccountRequest)).all()) == 1
    session.close()


def test_a_closed_request_does_not_block_a_new_one(app):
    session = app.extensions["db_sessionmaker"]()
    first = account_requests.submit(session, answers_for(2), dt.datetime.now(dt.UTC))
    first.status = "rejected"
    session.commit()
    second = account_requests.submit(session, answers_for(2), dt.datetime.now(dt.UTC))
    assert second.reference != first.reference
    session.close()


def test_year_of_the_reference_is_romanian_time(app):
    session = app.extensions["db_sessionmaker"]()
    # 22:30 UTC on 31 December is already 1 January in Bucharest.
    late = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)
    assert account_requests.submit(session, answers_for(3), late).reference == "CC-2027-000001"
    session.close()
