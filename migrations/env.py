"""Alembic environment: the URL is set by webapp.migrations from the app's configuration."""

from alembic import context
from sqlalchemy import engine_from_config, pool

import webapp.models  # noqa: F401  (registers the tables on Base.metadata)
from webapp.db import Base, UtcDateTime

config = context.config
target_metadata = Base.metadata


def render_item(kind, value, autogen_context):
    # A new migration writes the column as the DateTime(timezone=True) it is in the database,
    # so that migration files never import the application.
    if kind == "type" and isinstance(value, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_item=render_item,
            # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
