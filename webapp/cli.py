"""Command-line tasks: `flask --app wsgi db upgrade`, `demo load`, `drafts purge`,
`retention purge`, `career import`; `worker` and `jobs …` are in webapp/worker.py."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from webapp import retention
from webapp.auth.cli import staff_cli
from webapp.career.cli import career_cli
from webapp.db import db
from webapp.demo import (
    load_demo_requests,
    open_demo_accounts,
    refuse_in_production,
    reset_demo_staff,
)
from webapp.demo_career import load_demo_careers
from webapp.drafts import purge_older_than
from webapp.models import utcnow
from webapp.outbox.cli import outbox_cli
from webapp.worker import jobs_cli, worker_command

db_cli = AppGroup("db", help="Database schema.")
demo_cli = AppGroup("demo", help="Demonstration data.")
drafts_cli = AppGroup("drafts", help="Unfinished forms.")
retention_cli = AppGroup("retention", help="Deleting personal data after its retention period.")


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply the Alembic migrations up to the newest."""
    # Alembic is imported only when the command runs: serving a page never needs it.
    from webapp.migrations import upgrade

    upgrade(current_app.config["DATABASE_URL"])
    click.echo("Baza de date este la zi.")


@demo_cli.command("load")
def demo_load() -> None:
    """Add a few demonstration requests (idempotent)."""
    refuse_in_production()
    added = load_demo_requests()
    click.echo(f"Cereri demonstrative adăugate: {added}.")
    careers = load_demo_careers(db())
    click.echo(
        f"Cariere demonstrative: {careers.records.total} persoane, "
        f"{careers.records.added} adăugate, {careers.records.updated} actualizate."
    )
    for email, role, password, uri in reset_demo_staff():
        click.echo(f"Personal demonstrativ ({role}): {email} / parola {password}")
        click.echo(f"  aplicația de autentificare: {uri}")
    for email, password in open_demo_accounts():
        click.echo(f"Cont demonstrativ (cetățean): {email} / parola {password}")


@drafts_cli.command("purge")
def drafts_purge() -> None:
    """Delete unfinished forms older than DRAFT_MAX_AGE_DAYS."""
    removed = purge_older_than(current_app.config["DRAFT_MAX_AGE_DAYS"])
    click.echo(f"Formulare nefinalizate șterse: {removed}.")


@retention_cli.command("purge")
def retention_purge() -> None:
    """Run every retention purge once (the email worker runs them every few minutes)."""
    make_session = current_app.extensions["db_sessionmaker"]
    with make_session() as session:
        results = retention.purge_all(
            session, utcnow(), retention.Periods.from_config(current_app.config)
        )
    click.echo("Rânduri șterse, golite sau expirate, pe tipuri de date:")
    click.echo(retention.summary(results))
    if any(count is None for _, count in results):
        raise SystemExit(1)


def init_app(app: Flask) -> None:
    groups = (career_cli, db_cli, demo_cli, drafts_cli, jobs_cli, outbox_cli, retention_cli)
    for group in (*groups, staff_cli):
        app.cli.add_command(group)
    app.cli.add_command(worker_command)
