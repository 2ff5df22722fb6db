"""SQLAlchemy engine, a request-scoped session (plain SQLAlchemy 2, no Flask-SQLAlchemy), and the
one column type for moments in time."""

import datetime as dt

from flask import Flask, current_app, g
from sqlalchemy import DateTime, Engine, MetaData, TypeDecorator, create_engine, event, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# Named constraints, so that later migrations can drop or alter them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator):
    """A moment, stored in UTC and read back as an aware UTC datetime, on every database.

    PostgreSQL keeps the zone (timestamptz); SQLite keeps only the digits and hands back a naive
    value, so the zone is put back here instead of in every caller. A naive value is refused on
    the way in: nobody can tell which zone it meant. Alembic compares the column as the
    DateTime(timezone=True) it is underneath, so the schema is unchanged.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"UtcDateTime takes a datetime, not {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: give it a time zone (UTC)")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def make_engine(url: str, echo: bool = False) -> Engine:
    # The parameters of a statement hold CNPs, e-mail bodies and tokens: never in a log line
    # nor in an error's message (which is logged with its traceback).
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, hide_parameters=True, connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A server that accepts the connection but never answers (hung, or a failover half done)
    # would hold a worker, and /readyz, for the kernel's TCP timeout: give up after a few seconds.
    connect_args = {} if "connect_timeout" in make_url(url).query else {"connect_timeout": 5}
    return create_engine(
        url, echo=echo, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args
    )


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers go on while gunicorn's other worker writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"], app.config["SQLALCHEMY_ECHO"])
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def db() -> Session:
    """The session of the current request or app context."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
    return g.db_session


def _close_session(_exc):
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
