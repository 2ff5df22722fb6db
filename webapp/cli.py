"""Command-line tasks: `flask --app wsgi db upgrade`, `demo load`, `drafts purge`."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup

db_cli = AppGroup("db", help="Database schema.")
demo_cli = AppGroup("demo", help="Demonstration data.")
drafts_cli = AppGroup("drafts", help="Unfinished forms.")


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply the Alembic migrations up to the newest."""
    from webapp.migrations import upgrade

    upgrade(current_app.config["DATABASE_URL"])
    click.echo("Baza de date este la zi.")


@demo_cli.command("load")
def demo_load() -> None:
    """Add a few demonstration requests (idempotent)."""
    from webapp.demo import load_demo_requests, reset_demo_staff

    added = load_demo_requests()
    click.echo(f"Cereri demonstrative adăugate: {added}.")
    for email, role, password in reset_demo_staff():
        click.echo(f"Personal demonstrativ ({role}): {email} / parola {password}")


@drafts_cli.command("purge")
def drafts_purge() -> None:
    """Delete unfinished forms older than DRAFT_MAX_AGE_DAYS."""
    from webapp.drafts import purge_older_than

    removed = purge_older_than(current_app.config["DRAFT_MAX_AGE_DAYS"])
    click.echo(f"Formulare nefinalizate șterse: {removed}.")


def init_app(app: Flask) -> None:
    from webapp.outbox.cli import outbox_cli
    from webapp.staff_cli import staff_cli

    for group in (db_cli, demo_cli, drafts_cli, outbox_cli, staff_cli):
        app.cli.add_command(group)
