"""Shared fixtures: the app on a fresh, migrated database (SQLite, or PostgreSQL when
DATABASE_URL is set), and a client that checks every page it fetches."""

import os

import pytest
from sqlalchemy import inspect, text

from tests.page_checks import PageClient
from webapp import create_app
from webapp.db import Base
from webapp.migrations import upgrade


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("DATABASE_URL")
    if url:
        from webapp.config import normalise_database_url

        return normalise_database_url(url)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def migrated(database_url):
    """Start from an empty schema and apply the real migrations, so they are tested too."""
    from sqlalchemy import create_engine

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
