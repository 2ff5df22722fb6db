"""Prometheus metrics (webapp/metrics.py): who may read /metrics, the request, refusal, e-mail
and job counters, the queue figures read at scrape time, and several processes added up in
multiprocess mode (as under gunicorn with PROMETHEUS_MULTIPROC_DIR)."""

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.parser import text_string_to_metric_families

from tests.smtp_server import Recorder
from webapp import create_app, jobs, metrics
from webapp.db import Base
from webapp.models import OutboxEmail
from webapp.outbox.delivery import SmtpSettings, deliver_due

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "t" * 40


def scrape(client, **kwargs) -> dict:
    """{(name, labels as a sorted tuple): value} from /metrics, which must answer 200."""
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.get_data(as_text=True))
        for sample in family.samples
    }


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def add_email(session, to, due=None) -> OutboxEmail:
    due = due or dt.datetime.now(dt.UTC)
    email = OutboxEmail(
        recipient=to,
        template="password_reset",
        subject="Parola",
        text_body="Text.\n",
        html_body="<p>Text.</p>\n",
        created_at=due,
        next_attempt_at=due,
    )
    session.add(email)
    return email


def app_with(migrated, **overrides):
    return create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated} | overrides)


def dispose(app):
    engine = app.extensions["db_engine"]
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


# Who may read them ---------------------------------------------------------------------------


def test_loopback_reads_them_even_by_an_address_the_site_refuses(app):
    client = app.test_client()
    # Prometheus asks by address; TRUSTED_HOSTS refuses that Host for pages (F1), not here.
    assert client.get("/", base_url="http://10.0.0.7:8001").status_code == 400
    found = scrape(client, base_url="http://10.0.0.7:8001")
    assert ("portal_queue_metrics_up", ()) in found
    assert client.head("/metrics").status_code == 200


@pytest.mark.parametrize(
    "environ, headers",
    [
        ({"REMOTE_ADDR": "203.0.113.9"}, {}),
        ({"REMOTE_ADDR": "10.0.0.5"}, {}),
        # Through a proxy on this machine: the public side, whatever the peer.
        ({"REMOTE_ADDR": "127.0.0.1"}, {"X-Forwarded-For": "203.0.113.9"}),
        ({"REMOTE_ADDR": "127.0.0.1"}, {"X-Real-IP": "203.0.113.9"}),
        ({"REMOTE_ADDR": "127.0.0.1"}, {"Forwarded": "for=203.0.113.9"}),
        ({"REMOTE_ADDR": "203.0.113.9"}, {"Authorization": "Bearer " + TOKEN}),  # no token set
    ],
)
def test_anyone_else_gets_the_site_s_page_not_found(app, environ, headers):
    response = app.test_client().get("/metrics", environ_base=environ, headers=headers)
    assert response.status_code == 404
    assert "Pagina nu a fost găsită" in response.get_data(as_text=True)
    assert "portal_" not in response.get_data(as_text=True)


def test_a_post_is_not_a_scrape(app):
    assert app.test_client().post("/metrics").status_code in (404, 405)


def test_the_bearer_token_opens_them_from_anywhere_and_only_the_right_one(migrated):
    app = app_with(migrated, METRICS_TOKEN=TOKEN)
    client = app.test_client()
    far = {"REMOTE_ADDR": "203.0.113.9"}
    scrape(client, environ_base=far, headers={"Authorization": f"Bearer {TOKEN}"})
    scrape(client, environ_base=far, headers={"Authorization": f"bearer {TOKEN}"})
    for wrong in (f"Bearer {TOKEN}x", f"Basic {TOKEN}", TOKEN, "Bearer "):
        response = client.get("/metrics", environ_base=far, headers={"Authorization": wrong})
        assert response.status_code == 404, wrong
    app.extensions["db_engine"].dispose()


def test_allowed_networks_replace_loopback(migrated):
    app = app_with(migrated, METRICS_ALLOWED_NETWORKS=("10.0.0.0/8",))
    client = app.test_client()
    scrape(client, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert client.get("/metrics").status_code == 404
    app.extensions["db_engine"].dispose()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"METRICS_TOKEN": "short"}, "METRICS_TOKEN"),
        ({"METRICS_ALLOWED_NETWORKS": ("10.0.0.0/33",)}, "METRICS_ALLOWED_NETWORKS"),
    ],
)
def test_bad_settings_stop_the_start(migrated, overrides, message):
    with pytest.raises(RuntimeError, match=message):
        app_with(migrated, **overrides)


# What they count -----------------------------------------------------------------------------


def test_requests_are_counted_per_route_method_and_status_class(app):
    client = app.test_client()
    before = sample("portal_http_requests_total", endpoint="home.index", method="GET", status="2xx")
    missing = sample("portal_http_requests_total", endpoint="unmatched", method="GET", status="4xx")
    timed = sample(
        "portal_http_request_duration_seconds_count", endpoint="home.index", method="GET"
    )
    for _ in range(3):
        client.get("/")
    client.get("/nu-exista/2580514123457")
    found = scrape(client)
    labels = (("endpoint", "home.index"), ("method", "GET"), ("status", "2xx"))
    assert found["portal_http_requests_total", labels] == before + 3
    assert (
        found[
            "portal_http_requests_total",
            (("endpoint", "unmatched"), ("method", "GET"), ("status", "4xx")),
        ]
        == missing + 1
    )
    count = found[
        "portal_http_request_duration_seconds_count",
        (("endpoint", "home.index"), ("method", "GET")),
    ]
    assert count == timed + 3
    # No path ever becomes a label.
    assert not [key for key in found if "2580514123457" in str(key)]


def test_rate_limit_refusals_and_unavailable_answers_are_counted_per_route(migrated):
    app = app_with(migrated, RATELIMIT_ENABLED=True, VERIFY_RATE_LIMIT="1 per minute")

    @app.get("/proba-indisponibil")
    def unavailable():
        return "Serviciul este indisponibil", 503

    client = app.test_client()
    refused = sample("portal_http_refusals_total", endpoint="verify.verify", code="429")
    down = sample("portal_http_refusals_total", endpoint="unavailable", code="503")
    codes = [client.get("/verificare").status_code for _ in range(3)]
    assert codes == [200, 429, 429]
    client.get("/proba-indisponibil")
    assert sample("portal_http_refusals_total", endpoint="verify.verify", code="429") == refused + 2
    assert sample("portal_http_refusals_total", endpoint="unavailable", code="503") == down + 1
    dispose(app)


def test_email_sends_and_failures_are_counted(app, start_smtp):
    recorder = Recorder(refuse_rcpt={"refuzat@example.ro"})
    server = start_smtp(recorder)
    session = app.extensions["db_sessionmaker"]()
    for address in ("primit@example.ro", "refuzat@example.ro"):
        add_email(session, address)
    session.commit()
    sent, retried = (
        sample("portal_emails_sent_total"),
        sample("portal_email_failures_total", outcome="retry"),
    )
    settings = SmtpSettings(host="127.0.0.1", port=server.port, timeout=10)
    report = deliver_due(session, settings, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1))
    session.close()
    assert (report.sent, report.failed) == (1, 1)
    assert sample("portal_emails_sent_total") == sent + 1
    assert sample("portal_email_failures_total", outcome="retry") == retried + 1


def test_jobs_finished_are_counted_per_kind_and_outcome(app):
    calls = []

    @jobs.handler("proba_metrici")
    def flaky(session, payload, now):
        calls.append(payload)
        if payload["fail"]:
            raise ValueError("nu acum")

    try:
        session = app.extensions["db_sessionmaker"]()
        jobs.enqueue(session, "proba_metrici", {"fail": False})
        jobs.enqueue(session, "proba_metrici", {"fail": True})
        session.commit()
        done = sample("portal_background_jobs_finished_total", kind="proba_metrici", outcome="done")
        retry = sample(
            "portal_background_jobs_finished_total", kind="proba_metrici", outcome="retry"
        )
        jobs.run_due(session, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1))
        session.close()
    finally:
        del jobs.HANDLERS["proba_metrici"]
    assert len(calls) == 2
    labels = {"kind": "proba_metrici"}
    assert sample("portal_background_jobs_finished_total", **labels, outcome="done") == done + 1
    assert sample("portal_background_jobs_finished_total", **labels, outcome="retry") == retry + 1


def test_queue_depth_and_the_oldest_due_age_per_kind_are_read_when_scraped(app):
    now = dt.datetime.now(dt.UTC)
    session = app.extensions["db_sessionmaker"]()
    jobs.enqueue(
        session,
        "career_report",
        {"report_id": 1},
        now=now,
        run_after=now - dt.timedelta(minutes=10),
    )
    jobs.enqueue(
        session, "career_report", {"report_id": 2}, now=now, run_after=now - dt.timedelta(minutes=1)
    )
    # Not due yet, finished, or given up: not in the figures.
    jobs.enqueue(
        session, "career_report", {"report_id": 3}, now=now, run_after=now + dt.timedelta(hours=1)
    )
    jobs.enqueue(session, "password_reset", {}, now=now).done_at = now
    jobs.enqueue(session, "password_reset", {}, now=now).failed_at = now
    add_email(session, "a@example.ro", due=now - dt.timedelta(minutes=3))
    session.commit()
    session.close()
    found = scrape(app.test_client())

    def figure(name, queue, kind):
        return found[name, (("kind", kind), ("queue", queue))]

    assert figure("portal_queue_due", "jobs", "career_report") == 2
    assert 600 <= figure("portal_queue_oldest_due_age_seconds", "jobs", "career_report") < 660
    # Every job kind is shown, with 0 when nothing is due.
    assert figure("portal_queue_due", "jobs", "password_reset") == 0
    assert figure("portal_queue_oldest_due_age_seconds", "jobs", "password_reset") == 0
    assert figure("portal_queue_due", "outbox", "password_reset") == 1
    assert 180 <= figure("portal_queue_oldest_due_age_seconds", "outbox", "password_reset") < 240
    assert found["portal_queue_metrics_up", ()] == 1


def test_the_scrape_answers_when_the_database_does_not(app):
    def broken_session():
        raise ConnectionError("database restarting")

    body = metrics.render(broken_session).decode()
    assert "portal_queue_metrics_up 0.0" in body
    assert "portal_http_requests_total" in body


def test_the_queries_use_the_partial_due_indexes(app):
    """No full scan of either table: SQLite answers from an index of unfinished rows (its own
    choice among them); PostgreSQL's plan is checked in the volume bench."""
    engine = app.extensions["db_engine"]
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan's wording is SQLite's; PostgreSQL's is in the bench output")
    collector = metrics.QueueCollector(app.extensions["db_sessionmaker"])
    statements = []
    from sqlalchemy import event

    def keep(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        collector._due_rows(dt.datetime.now(dt.UTC))
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    with engine.connect() as connection:
        plans = [
            " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
            )
            for sql, params in statements
        ]
    for plan in plans:
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert not plan.startswith("SCAN"), plan


# Several processes ---------------------------------------------------------------------------

# As under gunicorn with preload: imported once, then forked; each process counts its own.
COUNT_IN_TWO_PROCESSES = textwrap.dedent(
    """
    import os
    from webapp import metrics
    child = os.fork()
    metrics.EMAILS_SENT.inc()
    metrics.observe_request("home.index", "GET", 200, 0.02)
    if child:
        os.waitpid(child, 0)
    else:
        os._exit(0)
    """
)


def run_python(code: str, folder: Path) -> str:
    env = {**os.environ, metrics.MULTIPROCESS_ENV: str(folder), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_multiprocess_mode_adds_up_every_process_and_forgets_dead_workers_gauges(tmp_path):
    folder = tmp_path / "prometheus"
    metrics.clear_multiprocess_dir(folder)
    run_python(COUNT_IN_TWO_PROCESSES, folder)
    assert len(list(folder.glob("counter_*.db"))) == 2
    registry = CollectorRegistry()
    # The collector /metrics uses, reading the same folder as this test's children wrote.
    multiprocess.MultiProcessCollector(registry, path=str(folder))
    families = {
        sample.name: sample.value
        for family in text_string_to_metric_families(generate_latest(registry).decode())
        for sample in family.samples
        if not sample.labels
        or (sample.labels.get("endpoint") == "home.index" and "le" not in sample.labels)
    }
    assert families["portal_emails_sent_total"] == 2
    assert families["portal_http_requests_total"] == 2
    assert families["portal_http_request_duration_seconds_count"] == 2
    # gunicorn's child_exit: a dead worker's live gauges go, its counters stay counted.
    live = folder / "gauge_livesum_4242.db"
    live.write_bytes(b"")
    os.environ[metrics.MULTIPROCESS_ENV] = str(folder)
    try:
        metrics.gunicorn_child_exit(None, SimpleNamespace(pid=4242))
    finally:
        del os.environ[metrics.MULTIPROCESS_ENV]
    assert not live.exists()
    assert list(folder.glob("counter_*.db"))
    metrics.clear_multiprocess_dir(folder)
    assert list(folder.iterdir()) == []
