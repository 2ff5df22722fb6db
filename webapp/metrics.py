"""Prometheus metrics (prometheus-client), and /metrics for the scraper only.

Counted where things happen, in every process: requests and their duration per route
(webapp/request_log.py), refusals (429 from the rate limits, 503 when their storage is down),
e-mails sent and failed (webapp/outbox/delivery.py), background jobs finished (webapp/jobs.py).
Read at scrape time from the database, so that any instance answers the same: how many jobs
and e-mails are due and how long the oldest has waited, per kind (two grouped queries answered
from indexes of unfinished rows: 0.1 ms on PostgreSQL beside 200,000 finished ones).

Several processes (gunicorn's workers, the job workers): set PROMETHEUS_MULTIPROC_DIR to an
empty directory shared by all of them before they start (prometheus-client writes each
process's values there, and /metrics adds them up), and call `gunicorn_child_exit` from
gunicorn's child_exit hook. Without it (tests, `make run`) the values are the process's own.

/metrics is no page of the site: it answers only a peer in METRICS_ALLOWED_NETWORKS (loopback
by default) that reached the app directly (no proxy header: Prometheus scrapes the instances,
not the public address), or a request with `Authorization: Bearer <METRICS_TOKEN>`. Anyone else
gets the site's own "page not found". It is answered before Flask (a WSGI wrapper) because the
scraper asks by address (127.0.0.1:8001), which TRUSTED_HOSTS rightly refuses for pages.
"""

import hmac
import ipaddress
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from webapp.models import BackgroundJob, OutboxEmail
from webapp.proxies import peer_in, trusted_networks

log = logging.getLogger(__name__)

PATH = "/metrics"
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Methods outside this list share one label: a client inventing methods cannot add series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# The routes' budgets are 100-300 ms; buckets around them, and a tail for the PDFs.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0)
PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")
TOKEN_MIN_LENGTH = 32

# The *_created series double the output for nothing an alert uses.
disable_created_metrics()

REQUESTS = Counter(
    "portal_http_requests",
    "Requests answered, per route (Flask endpoint), method and status class.",
    ["endpoint", "method", "status"],
)
LATENCY = Histogram(
    "portal_http_request_duration_seconds",
    "Time from the request reaching the app to its response, per route and method.",
    ["endpoint", "method"],
    buckets=LATENCY_BUCKETS,
)
REFUSALS = Counter(
    "portal_http_refusals",
    "Requests refused: code 429 by a rate limit, 503 when a limit's storage is unavailable.",
    ["endpoint", "code"],
)
EMAILS_SENT = Counter("portal_emails_sent", "E-mails the SMTP server accepted.")
EMAIL_FAILURES = Counter(
    "portal_email_failures",
    "E-mail sends that failed: outcome retry (tried again later) or given_up (refused for good).",
    ["outcome"],
)
JOBS_FINISHED = Counter(
    "portal_background_jobs_finished",
    "Background job attempts that ended: outcome done, retry or given_up.",
    ["kind", "outcome"],
)


def observe_request(endpoint: str | None, method: str, status: int, seconds: float) -> None:
    """`method`: one of METHODS or "other" (the caller has checked it)."""
    endpoint = endpoint or "unmatched"
    REQUESTS.labels(endpoint, method, f"{status // 100}xx").inc()
    LATENCY.labels(endpoint, method).observe(seconds)
    if status in (429, 503):
        REFUSALS.labels(endpoint, str(status)).inc()


# Scrape time -------------------------------------------------------------------------------


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROCESS_ENV) or None


class QueueCollector:
    """Due rows and the age of the oldest, per queue and kind, read when scraped."""

    def __init__(self, make_session, known_kinds=tuple):
        self.make_session = make_session
        # A callable: the job kinds shown with 0 when none is due (handlers register late).
        self.known_kinds = known_kinds

    def collect(self):
        due = GaugeMetricFamily(
            "portal_queue_due",
            "Jobs (queue=jobs, per kind) and e-mails (queue=outbox, per template) whose time "
            "has come and that are not finished nor given up: waiting or being worked on.",
            labels=["queue", "kind"],
        )
        oldest = GaugeMetricFamily(
            "portal_queue_oldest_due_age_seconds",
            "How long the oldest due job or e-mail has been due, per queue and kind.",
            labels=["queue", "kind"],
        )
        up = GaugeMetricFamily(
            "portal_queue_metrics_up", "1 when the queue figures could be read from the database."
        )
        now = datetime.now(UTC)
        try:
            rows = self._due_rows(now)
        except Exception:
            log.warning("metrics: the queue figures could not be read", exc_info=True)
            up.add_metric([], 0)
        else:
            up.add_metric([], 1)
            seen = {("jobs", kind): (0, None) for kind in self.known_kinds()}
            seen.update({(queue, kind): (count, first) for queue, kind, count, first in rows})
            for (queue, kind), (count, first) in sorted(seen.items()):
                due.add_metric([queue, kind], count)
                age = 0.0 if first is None else max(0.0, (now - _aware(first)).total_seconds())
                oldest.add_metric([queue, kind], age)
        yield due
        yield oldest
        yield up

    def _due_rows(self, now: datetime) -> list[tuple[str, str, int, datetime]]:
        # Each WHERE repeats the condition of the table's partial "due" index, so the planner
        # may use it (or the done_at index): finished rows, the bulk of the table, are not read.
        jobs = (
            select(BackgroundJob.kind, func.count(), func.min(BackgroundJob.run_after))
            .where(
                BackgroundJob.done_at.is_(None),
                BackgroundJob.failed_at.is_(None),
                BackgroundJob.run_after <= now,
            )
            .group_by(BackgroundJob.kind)
        )
        emails = (
            select(OutboxEmail.template, func.count(), func.min(OutboxEmail.next_attempt_at))
            .where(
                OutboxEmail.sent_at.is_(None),
                OutboxEmail.failed_at.is_(None),
                OutboxEmail.next_attempt_at <= now,
            )
            .group_by(OutboxEmail.template)
        )
        with self.make_session() as session:
            found = [("jobs", *row) for row in session.execute(jobs)]
            found += [("outbox", *row) for row in session.execute(emails)]
        return found


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class _ThisProcess:
    """The default registry's metrics, for a registry of one scrape."""

    def collect(self):
        yield from REGISTRY.collect()


def render(make_session, known_kinds=tuple) -> bytes:
    """The text exposition of every metric, all processes added up in multiprocess mode."""
    registry = CollectorRegistry()
    if multiprocess_dir():
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(QueueCollector(make_session, known_kinds))
    return generate_latest(registry)


# Who may scrape ----------------------------------------------------------------------------


def allowed_networks(values) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return trusted_networks(values, setting="METRICS_ALLOWED_NETWORKS")


class MetricsEndpoint:
    """WSGI wrapper: GET /metrics from an allowed scraper; everything else goes to the app."""

    def __init__(self, wsgi_app, make_session, networks, token: str | None, known_kinds=tuple):
        if token is not None and len(token) < TOKEN_MIN_LENGTH:
            raise RuntimeError(
                f"METRICS_TOKEN must be at least {TOKEN_MIN_LENGTH} characters long "
                "(for example: python3 -c 'import secrets; print(secrets.token_urlsafe(32))')."
            )
        self.app = wsgi_app
        self.make_session = make_session
        self.networks = allowed_networks(networks)
        self.token = token
        self.known_kinds = known_kinds

    def __call__(self, environ, start_response):
        if (
            environ.get("PATH_INFO") != PATH
            or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or not self.allowed(environ)
        ):
            return self.app(environ, start_response)
        body = render(self.make_session, self.known_kinds)
        start_response(
            "200 OK",
            [
                ("Content-Type", CONTENT_TYPE_LATEST),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def allowed(self, environ) -> bool:
        if self.token is not None:
            given = environ.get("HTTP_AUTHORIZATION", "")
            scheme, _, value = given.partition(" ")
            if scheme.lower() == "bearer" and hmac.compare_digest(
                value.strip().encode(), self.token.encode()
            ):
                return True
        if any(environ.get(header) for header in PROXY_HEADERS):
            # Relayed by a proxy: the public side of the site, whatever the peer's address.
            return False
        return self.peer_allowed(environ.get("REMOTE_ADDR"))

    def peer_allowed(self, address: str | None) -> bool:
        return peer_in(address, self.networks)


def init_app(app) -> None:
    """Wraps the app's WSGI callable; call it last in create_app, outside the proxy fix, so that
    the peer is the one that connected."""
    # Here, not at the top: webapp.jobs counts its jobs with this module's counters.
    from webapp import jobs

    token = (app.config.get("METRICS_TOKEN") or "").strip() or None
    app.wsgi_app = MetricsEndpoint(
        app.wsgi_app,
        app.extensions["db_sessionmaker"],
        app.config["METRICS_ALLOWED_NETWORKS"],
        token,
        known_kinds=lambda: list(jobs.HANDLERS),
    )


# Gunicorn and the cluster script -----------------------------------------------------------


def gunicorn_child_exit(server, worker) -> None:
    """gunicorn's child_exit hook (deploy/gunicorn.conf.py: `child_exit = gunicorn_child_exit`):
    drops a dead worker's live gauges from the shared directory (its counters stay counted)."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(worker.pid)


def clear_multiprocess_dir(path: str | os.PathLike) -> None:
    """Empties (or creates) the shared directory; call it before starting gunicorn and the
    workers, never while they run (their files would be lost)."""
    folder = Path(path)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
