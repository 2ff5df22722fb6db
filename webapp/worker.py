"""The worker beside the site: `flask --app wsgi worker` (`make run` starts one; in production
run it as a service beside gunicorn, as many as you like), and `flask --app wsgi jobs failures`
/ `jobs retry` for the background jobs given up.

Each round, every POLL_INTERVAL seconds, it runs the due background jobs (webapp/jobs.py), then
sends the due emails (webapp/outbox/delivery.py: a job may just have queued one), and at start
and every RETENTION_PURGE_MINUTES it runs the retention purges (webapp/retention.py) and
makes sure the daily life-certificate job is scheduled (webapp/notifications/life_certificate.py). Jobs and
purges run even without SMTP_HOST: a job may only queue an email, which then waits in the
outbox. An idle round is two or three small indexed queries, so polling every second costs
next to nothing and a job queued by a request starts within about a second.
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
from sqlalchemy.orm import sessionmaker

from webapp import jobs, queueing, retention
from webapp.models import utcnow
from webapp.notifications import life_certificate as life_certificate_job
from webapp.outbox.delivery import DeliveryReport, SmtpSettings, deliver_due, smtp_settings_from

log = logging.getLogger(__name__)

# Seconds between two rounds: a report asked for with an idle worker must be ready in 5 s.
POLL_INTERVAL = 1.0

jobs_cli = AppGroup("jobs", help="Lucrările de fundal (rapoarte, căutări pentru e-mailuri).")


@click.command("worker")
@click.option(
    "--interval",
    default=POLL_INTERVAL,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Secunde între două verificări ale lucrărilor și ale outboxului.",
)
def worker_command(interval: float) -> None:
    """Rulează lucrările de fundal și trimite e-mailurile scadente la fiecare secundă, iar
    ștergerile periodice (retention) la câteva minute, până la Ctrl+C sau SIGTERM."""
    work(interval)


def work(interval: float) -> None:
    config = current_app.config
    settings = smtp_settings_from(config)
    stop = threading.Event()
    # SIGTERM (a process manager stopping us) ends the loop after the current round, like Ctrl+C.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    # With JSON logs (production) the worker's own lines are log records like the rest, so
    # that standard output holds nothing a log collector cannot read; in development, text.
    text_logs = str(config.get("LOG_FORMAT") or "").strip().lower() == "text"
    say = click.echo if text_logs else log.info
    if settings.host:
        say(f"Trimit e-mailurile prin {settings.host}:{settings.port} la fiecare {interval:g} s.")
    else:
        say(
            "SMTP_HOST nu este configurat: e-mailurile rămân în outbox "
            "(în dezvoltare le vedeți la /dezvoltare/emailuri)."
        )
    purge_minutes = float(config.get("RETENTION_PURGE_MINUTES") or 10)
    say(
        f"Lucrările de fundal rulează la fiecare {interval:g} s; ștergerea datelor vechi la "
        f"pornire și apoi la fiecare {purge_minutes:g} minute."
    )
    with contextlib.suppress(KeyboardInterrupt):
        run_worker(
            current_app.extensions["db_sessionmaker"],
            settings,
            interval,
            stop,
            say,
            periods=retention.Periods.from_config(config),
            purge_every=timedelta(minutes=purge_minutes),
            job_queue=jobs.with_lease(config.get("JOB_CLAIM_LEASE_SECONDS")),
        )
    say("Workerul s-a oprit.")


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
    job_queue: queueing.Queue = jobs.QUEUE,
) -> None:
    """A round every `interval` seconds until `stop` is set; purges at the first round and
    then every `purge_every`."""
    periods = periods or retention.Periods()
    next_purge = time.monotonic()
    while not stop.is_set():
        purge = time.monotonic() >= next_purge
        if purge:
            next_purge = time.monotonic() + purge_every.total_seconds()
        run_round(
            make_session, settings, utcnow(), periods if purge else None, echo, job_queue=job_queue
        )
        stop.wait(interval)


def run_round(
    make_session: sessionmaker,
    settings: SmtpSettings,
    now: datetime,
    periods: retention.Periods | None,
    echo=print,
    *,
    job_queue: queueing.Queue = jobs.QUEUE,
) -> RoundReport:
    """Due jobs, then due emails (a job may have just queued one), then the purges if
    `periods` is given. Each part survives the others' failure: the database may be
    restarting, and the worker must outlive it and try again next round.
    """
    report = RoundReport()
    # A fresh session for each part: nothing cached survives from one to the next.
    try:
        with make_session() as session:
            report.jobs_done = jobs.run_due(session, now, queue=job_queue)
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
                # The daily life-certificate job reschedules itself; this restarts a lost chain.
                life_certificate_job.ensure_scheduled(session, now)
        except Exception:
            log.exception("worker: scheduling the life-certificate job failed")
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


@jobs_cli.command("failures")
def failures() -> None:
    """Afișează lucrările de fundal eșuate, care nu se mai reiau singure."""
    make_session = current_app.extensions["db_sessionmaker"]
    with make_session() as session:
        rows = jobs.failed_jobs(session)
        if not rows:
            click.echo("Nicio lucrare de fundal eșuată.")
            return
        click.echo(f"Lucrări de fundal eșuate: {len(rows)}.")
        for job in rows:
            # The payload is not shown: it may hold an address or a CNP.
            click.echo(
                f"#{job.id} {job.failed_at:%Y-%m-%d %H:%M} UTC  {job.kind}  "
                f"({job.attempts} încercări): {job.last_error}"
            )
    click.echo("Le puteți relua cu: flask --app wsgi jobs retry ID … (sau --all)")


@jobs_cli.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Toate lucrările eșuate.")
def retry(ids: tuple[int, ...], every: bool) -> None:
    """Pune din nou la rând lucrările de fundal eșuate cu aceste numere (#ID), sau --all."""
    if bool(ids) == every:
        raise click.UsageError("Dați numerele lucrărilor (#ID) sau --all, nu amândouă.")
    make_session = current_app.extensions["db_sessionmaker"]
    with make_session() as session:
        count = jobs.retry(session, None if every else ids, utcnow())
    if every:
        click.echo(f"Lucrări de fundal puse din nou la rând: {count}.")
    else:
        click.echo(f"Lucrări de fundal puse din nou la rând: {count} din {len(ids)}.")
