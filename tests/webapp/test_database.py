"""Migrations match the models, and references stay unique under concurrent submissions."""

import datetime as dt
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, select

from tests.builders import answers_for, run_together
from webapp.account import service as account_requests
from webapp.db import Base
from webapp.models import AccountRequest, Draft


def test_migrations_match_the_models(migrated):
    engine = create_engine(migrated)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_concurrent_submissions_get_distinct_consecutive_references(app):
    sessionmaker = app.extensions["db_sessionmaker"]
    references, errors = [], []
    start = threading.Barrier(12)

    def submit(index):
        session = sessionmaker()
        try:
            start.wait()
            now = dt.datetime(2026, 11, 22, 10, tzinfo=dt.UTC)
            with app.app_context():
                submitted = account_requests.submit(session, answers_for(index), now)
            references.append(submitted.reference)
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


def test_concurrent_requests_for_one_cnp_are_all_stored_once(app):
    # F11: a second request for a CNP is accepted and resolved at the counter.
    sessionmaker = app.extensions["db_sessionmaker"]

    def submit(_index):
        session = sessionmaker()
        try:
            with app.app_context():
                return account_requests.submit(session, answers_for(1), dt.datetime.now(dt.UTC))
        finally:
            session.close()

    stored, errors = run_together(8, submit)
    assert errors == []
    references = sorted(request.reference for request in stored)
    assert len(set(references)) == 8
    session = sessionmaker()
    rows = session.execute(select(AccountRequest.reference, AccountRequest.cnp)).all()
    session.close()
    assert sorted(rows) == [(reference, answers_for(1)["cnp"]) for reference in references]


def test_concurrent_submissions_of_one_draft_store_one_request(app):
    # F13: a double click, or a retry racing the first attempt, gives one request.
    sessionmaker = app.extensions["db_sessionmaker"]
    session = sessionmaker()
    session.add(Draft(id="one-draft", journey="account", answers={"identity": {}}))
    session.commit()
    session.close()

    def submit(_index):
        session = sessionmaker()
        try:
            now = dt.datetime.now(dt.UTC)
            with app.app_context():
                return account_requests.submit(
                    session, answers_for(2), now, draft_id="one-draft"
                ).reference
        finally:
            session.close()

    references, errors = run_together(6, submit)
    assert errors == []
    session = sessionmaker()
    stored = session.execute(select(AccountRequest.reference)).scalars().all()
    draft = session.get(Draft, "one-draft")
    session.close()
    assert len(stored) == 1
    assert references == stored * 6
    assert draft.submitted_reference == stored[0] and draft.answers == {}


def test_a_closed_request_leaves_the_cnp_free_too(app):
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        first = account_requests.submit(session, answers_for(2), dt.datetime.now(dt.UTC))
        first.status = "rejected"
        session.commit()
        second = account_requests.submit(session, answers_for(2), dt.datetime.now(dt.UTC))
        assert second.reference != first.reference


def test_year_of_the_reference_is_romanian_time(app):
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        # 22:30 UTC on 31 December is already 1 January in Bucharest.
        late = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)
        submitted = account_requests.submit(session, answers_for(3), late)
        assert submitted.reference == "CC-2027-000001"


def test_moments_come_back_aware_in_utc_and_naive_ones_are_refused(tmp_path):
    """SQLite keeps no zone; the column type puts UTC back and refuses a naive value."""
    from sqlalchemy import Column, Integer, MetaData, Table, insert
    from sqlalchemy.exc import StatementError

    from webapp.db import UtcDateTime, make_engine

    table = Table(
        "moments", MetaData(), Column("id", Integer, primary_key=True), Column("at", UtcDateTime)
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'moments.db'}")
    table.create(engine)
    bucharest = dt.timezone(dt.timedelta(hours=3))
    with engine.begin() as connection:
        connection.execute(
            insert(table).values(id=1, at=dt.datetime(2026, 7, 1, 12, 5, tzinfo=bucharest))
        )
        with pytest.raises(StatementError, match="naive"):
            connection.execute(insert(table).values(id=2, at=dt.datetime(2026, 7, 1, 9, 5)))
    with engine.connect() as connection:
        stored = connection.execute(select(table.c.at)).scalar_one()
        found = connection.execute(
            select(table.c.id).where(table.c.at == dt.datetime(2026, 7, 1, 9, 5, tzinfo=dt.UTC))
        ).scalar_one()
    engine.dispose()
    assert stored == dt.datetime(2026, 7, 1, 9, 5, tzinfo=dt.UTC)
    assert stored.tzinfo is dt.UTC
    assert found == 1


def test_a_postgresql_server_that_never_answers_is_given_up_after_a_few_seconds():
    import socket
    import time

    from sqlalchemy.exc import OperationalError

    from webapp.db import make_engine

    # A socket that listens but never accepts: the kernel completes the handshake, and nothing
    # ever answers, as with a hung server.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/absent")
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError):
            engine.connect()
    finally:
        engine.dispose()
        silent.close()
    assert time.monotonic() - started < 15
