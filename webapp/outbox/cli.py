"""`flask --app wsgi outbox send` (once), `outbox failures` (emails given up) and `outbox retry`
(try those again); `outbox work` is the older name of `flask worker` (webapp/worker.py), which
runs the background jobs, sends the email and runs the retention purges.
"""

import click
from flask import current_app
from flask.cli import AppGroup

from webapp import queueing, worker
from webapp.models import OutboxEmail, utcnow
from webapp.outbox.delivery import QUEUE, deliver_due, smtp_settings_from

# The worker's loop, under the names the outbox's callers have used.
run_worker = worker.run_worker
run_round = worker.run_round
RoundReport = worker.RoundReport

outbox_cli = AppGroup("outbox", help="E-mailurile de trimis (outbox).")


@outbox_cli.command("send")
def send() -> None:
    """Trimite o dată e-mailurile scadente și afișează un rezumat."""
    make_session = current_app.extensions["db_sessionmaker"]
    with make_session() as session:
        report = deliver_due(session, smtp_settings_from(current_app.config), utcnow())
    click.echo(report.summary())


@outbox_cli.command("work")
@click.option(
    "--interval",
    default=worker.POLL_INTERVAL,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Secunde între două verificări ale lucrărilor și ale outboxului.",
)
def work(interval: float) -> None:
    """Același lucru ca `flask worker`: lucrările de fundal, e-mailurile scadente și ștergerile
    periodice, până la Ctrl+C sau SIGTERM."""
    worker.work(interval)


@outbox_cli.command("failures")
def failures() -> None:
    """Afișează e-mailurile refuzate definitiv, care nu se mai trimit."""
    make_session = current_app.extensions["db_sessionmaker"]
    with make_session() as session:
        rows = queueing.failed_rows(session, QUEUE)
        if not rows:
            click.echo("Niciun e-mail refuzat definitiv.")
            return
        click.echo(f"E-mailuri refuzate definitiv: {len(rows)}.")
        for email in rows:
            click.echo(
                f"#{email.id} {email.failed_at:%Y-%m-%d %H:%M} UTC  {email.recipient}  "
                f"({email.template}, {email.attempts} încercări): {email.last_error}"
            )
    click.echo("Le puteți trimite din nou cu: flask --app wsgi outbox retry ID …")


@outbox_cli.command("retry")
@click.argument("ids", nargs=-1, type=int, required=True)
def retry(ids: tuple[int, ...]) -> None:
    """Pune din nou la trimis e-mailurile refuzate definitiv cu aceste numere (#ID)."""
    make_session = current_app.extensions["db_sessionmaker"]
    with make_session() as session:
        # Not one whose text was already deleted: it would arrive empty.
        count = queueing.retry_failed(
            session, QUEUE, ids, utcnow(), OutboxEmail.purged_at.is_(None)
        )
    click.echo(f"E-mailuri puse din nou la trimis: {count} din {len(ids)}.")
