"""`flask --app wsgi outbox send` (once), `outbox work` (the worker, for `make run` and
production), `outbox failures` (emails given up) and `outbox retry` (try those again).

The worker does more than email: each round it runs the due background jobs (webapp/jobs.py),
then sends what is due, and every RETENTION_PURGE_MINUTES (and once at start) it runs the
retention purges (webapp/retention.py). Jobs and purges run even without SMTP_HOST: a job may
only queue an email, which then waits in the outbox.
"""

import contextlib
import logging
import signal
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker

from webapp import jobs, retention
from webapp.models import OutboxEmail, utcnow
from webapp.outbox.delivery import DeliveryReport, SmtpSettings, deliver_due, smtp_settings_from

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
    """Trimite e-mailurile scadente și rulează lucrările de fundal la fiecare câteva secunde,
    iar ștergerile periodice (retention) la câteva minute, până la Ctrl+C sau SIGTERM."""
    config = current_app.config
    settings = smtp_settings_from(config)
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
    purge_minutes = float(config.get("RETENTION_PURGE_MINUTES") or 10)
    click.echo(
        "Lucrările de fundal rulează la fiecare verificare; ștergerea datelor vechi la pornire "
        f"și apoi la fiecare {purge_minutes:g} minute."
    )
    with contextlib.suppress(KeyboardInterrupt):
        run_worker(
            current_app.extensions["db_sessionmaker"],
            settings,
            interval,
            stop,
            click.echo,
            periods=retention.Periods.from_config(config),
            purge_every=timedelta(minutes=purge_minutes),
        )
    click.echo("Trimiterea e-mailurilor s-a oprit.")


@dataclass
class RoundReport:
    jobs_done: int | None = None
    delivery: DeliveryReport | None = None
    purged: list[tuple[retention.Rule, int | None]] | None = None


def run_worker(
    make_session: sessionmaker,
    settings: SmtpSettings,
    interval: float,
    stop: threading.Event,
    echo=print,
    *,
    periods: retention.Periods | None = None,
    purge_every: timedelta = timedelta(minutes=10),
) -> None:
    """A round every `interval` seconds until `stop` is set; purges at the first round and
    then every `purge_every`."""
    periods = periods or retention.Periods()
    next_purge = time.monotonic()
    while not stop.is_set():
        purge = time.monotonic() >= next_purge
        if purge:
            next_purge = time.monotonic() + purge_every.total_seconds()
        run_round(make_session, settings, utcnow(), periods if purge else None, echo)
        stop.wait(interval)


def run_round(
    make_session: sessionmaker,
    settings: SmtpSettings,
    now: datetime,
    periods: retention.Periods | None,
    echo=print,
) -> RoundReport:
    """Due jobs, then due emails (a job may have just queued one), then the purges if
    `periods` is given. Each part survives the others' failure: the database may be
    restarting, and the worker must outlive it and try again next round.
    """
    report = RoundReport()
    # A fresh session for each part: nothing cached survives from one to the next.
    try:
        with make_session() as session:
            report.jobs_done = jobs.run_due(session, now)
    except Exception:
        log.exception("worker: background jobs round failed")
    else:
        if report.jobs_done:
            echo(f"Lucrări de fundal încheiate: {report.jobs_done}.")
    if settings.host:
        try:
            with make_session() as session:
                report.delivery = deliver_due(session, settings, now)
        except Exception:
            log.exception("outbox: delivery round failed")
        else:
            if report.delivery.sent or report.delivery.failed:
                echo(report.delivery.summary())
    if periods is not None:
        try:
            with make_session() as session:
                report.purged = retention.purge_all(session, now, periods)
        except Exception:
            log.exception("retention: purge round failed")
        else:
            removed = [(rule, count) for rule, count in report.purged if count != 0]
            if removed:
                echo("Date șterse sau expirate după perioada de păstrare:")
                echo(retention.summary(removed))
    return report


@outbox_cli.command("failures")
def failures() -> None:
    """Afișează e-mailurile refuzate definitiv, care nu se mai trimit."""
    make_session = current_app.extensions["db_sessionmaker"]
    with make_session() as session:
        rows = session.scalars(
            select(OutboxEmail)
            .where(OutboxEmail.failed_at.is_not(None))
            .order_by(OutboxEmail.failed_at.desc(), OutboxEmail.id.desc())
        ).all()
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
        result = session.execute(
            update(OutboxEmail)
            .where(
                OutboxEmail.id.in_(ids),
                OutboxEmail.failed_at.is_not(None),
                OutboxEmail.purged_at.is_(None),
            )
            .values(failed_at=None, attempts=0, next_attempt_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        session.commit()
    click.echo(f"E-mailuri puse din nou la trimis: {result.rowcount} din {len(ids)}.")
