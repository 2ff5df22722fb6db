"""Shared fixtures: the app on a fresh, migrated database (SQLite, or PostgreSQL when
DATABASE_URL is set), and a client that checks every page it fetches.

Under pytest-xdist (`make test-only` runs two workers) every worker has a database of its own,
so parallel tests never share state: the SQLite file is in the worker's own temporary folder,
and on PostgreSQL worker gw0 uses the database `<name>_gw0`, created on first use."""

import os

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from tests.page_checks import PageClient
from webapp import create_app
from webapp.db import Base
from webapp.migrations import upgrade


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if url:
        from webapp.config import normalise_database_url

        url = normalise_database_url(url)
        return worker_database(url, worker) if worker else url
    # Each xdist worker has its own basetemp (…/popen-gw0/), so its own file.
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def worker_database(url: str, worker: str) -> str:
    """The PostgreSQL database `<name>_<worker>` beside the one in `url`, created if missing."""
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if not found:
                try:
                    connection.execute(text(f'CREATE DATABASE "{name}"'))
                except ProgrammingError as error:
                    # Another run created it between the check and here.
                    if "already exists" not in str(error):
                        raise
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def migrated(database_url):
    """Start from an empty schema and apply the real migrations, so they are tested too."""
    engine = create_engine(database_url)
    with engine.begin() as connection:
        for table in inspect(connection).get_table_names():
            connection.execute(
                text(f'DROP TABLE IF EXISTS "{table}" CASCADE')
                if engine.dialect.name == "postgresql"
                else text(f'DROP TABLE IF EXISTS "{table}"')
            )
    engine.dispose()
    upgrade(database_url)
    return database_url


@pytest.fixture
def app(migrated):
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated})
    yield app
    engine = app.extensions["db_engine"]
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def client_request(app):
    """A test client that checks every HTML page it fetches (see tests/page_checks.py)."""
    return PageClient(app.test_client())


@pytest.fixture
def start_smtp():
    """start_smtp(handler, port=None, **aiosmtpd options) -> a running SMTP server on loopback
    (tests/smtp_server.py), stopped after the test."""
    from tests.smtp_server import running_servers

    yield from running_servers()
