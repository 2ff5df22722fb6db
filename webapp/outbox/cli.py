"""`flask --app wsgi outbox send` (once) and `outbox work` (keeps sending, for `make run`)."""

import contextlib
import logging
import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.orm import sessionmaker

from webapp.outbox.delivery import SmtpSettings, deliver_due, smtp_settings_from
from webapp.outbox.model import utcnow

log = logging.getLogger(__name__)

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
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Secunde între două verificări ale outboxului.",
)
def work(interval: float) -> None:
    """Trimite e-mailurile scadente la fiecare câteva secunde, până la Ctrl+C sau SIGTERM."""
    settings = smtp_settings_from(current_app.config)
    stop = threading.Event()
    # SIGTERM (a process manager stopping us) ends the loop after the current email, like Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    if settings.host:
        click.echo(
            f"Trimit e-mailurile prin {settings.host}:{settings.port} la fiecare {interval:g} s."
        )
    else:
        click.echo(
            "SMTP_HOST nu este setat: e-mailurile rămân în outbox "
            "(în dezvoltare le vedeți la /dezvoltare/emailuri)."
        )
    with contextlib.suppress(KeyboardInterrupt):
        run_worker(current_app.extensions["db_sessionmaker"], settings, interval, stop, click.echo)
    click.echo("Trimiterea e-mailurilor s-a oprit.")


def run_worker(
    make_session: sessionmaker,
    settings: SmtpSettings,
    interval: float,
    stop: threading.Event,
    echo=print,
) -> None:
    """Deliver what is due every `interval` seconds until `stop` is set."""
    while not stop.is_set():
        if settings.host:
            try:
                # A fresh session each round: nothing cached survives from one round to the next.
                with make_session() as session:
                    report = deliver_due(session, settings, utcnow())
            except Exception:
                # The database may be restarting; the sender must outlive it and try again.
                log.exception("outbox: delivery round failed")
            else:
                if report.sent or report.failed:
                    echo(report.summary())
        stop.wait(interval)
