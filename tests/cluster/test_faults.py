"""Faults during load, on the real cluster (scripts/cluster.py: nginx, gunicorn instances, job
workers) over a PostgreSQL and a Redis of the test's own (tests/cluster/servers.py), so that
stopping them touches no one else; free ports and own directories, safe under pytest-xdist.

Each test runs a small load (tests/cluster/load.py: readers and applicants, each request from a
loopback address of its own) while it causes one fault, then counts what the site answered and
what the database holds, and prints the counts (`pytest -s` shows them; the README quotes them).

(a) kill -9 an app instance: nginx routes around it, no submission lost or stored twice, the
    only errors are requests that were in flight.
(b) restart PostgreSQL: the site answers again by itself within 10 s (pool_pre_ping).
(c) stop Redis: sign-in and submissions refuse with the 503 page, reading pages keep working,
    never a 500.
(d) stop SMTP: nothing lost; every email is delivered once after it comes back.
(e) kill -9 a job worker in the middle of a career report: the other worker makes it, once.
"""

import datetime as dt
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from tests.cluster.load import Load, csrf_token
from tests.cluster.servers import OwnPostgres, OwnRedis, free_port, wait_for_port

pytestmark = pytest.mark.cluster

if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
    pytest.skip("nginx is not installed (make test installs it)", allow_module_level=True)
if not Path("/usr/lib/postgresql/15/bin/initdb").exists() or not shutil.which("redis-server"):
    pytest.skip("the fault tests start their own PostgreSQL 15 and Redis", allow_module_level=True)

from scripts.cluster import Cluster  # noqa: E402


def report(test: str, **counts) -> None:
    """One line per test with what it counted, for the README (pytest -s shows it)."""
    line = f"[faults] {test}: " + ", ".join(f"{key}={value}" for key, value in counts.items())
    print(line)
    out = os.environ.get("PORTAL_FAULT_COUNTS")
    if out:
        with open(out, "a", encoding="utf-8") as file:
            file.write(line + "\n")


@pytest.fixture(scope="module")
def postgres():
    server = OwnPostgres().init()
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def redis_server(tmp_path):
    server = OwnRedis(tmp_path / "redis")
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def start_cluster(postgres, redis_server, tmp_path, request):
    """start_cluster(instances=3, **settings) -> a running Cluster on a fresh database."""
    started = []

    def start(instances=3, job_workers=2, **settings):
        name = f"faults_{request.node.name[5:30]}_{os.getpid()}".lower()
        env = {
            "DATABASE_URL": postgres.url(name),
            "REDIS_URL": redis_server.url,
            **{key: str(value) for key, value in settings.items()},
        }
        cluster = Cluster(
            run_dir=tmp_path / "cluster",
            port=free_port(instances + 1),
            instances=instances,
            job_workers=job_workers,
            env=env,
            demo=False,
        )
        started.append(cluster)
        cluster.start(timeout=120)
        return cluster

    yield start
    for cluster in started:
        cluster.stop()


def database(cluster):
    return create_engine(cluster.environment()["DATABASE_URL"])


def count_until(connection, query: str, wanted: int, seconds: float, pause: float):
    """Reads a count until it is `wanted` or `seconds` have passed, committing after each read
    so that the next one sees what the workers committed since; the last count read."""
    deadline = time.monotonic() + seconds
    count = None
    while time.monotonic() < deadline:
        count = connection.execute(text(query)).scalar()
        connection.commit()
        if count == wanted:
            break
        time.sleep(pause)
    return count


def rows_per_cnp(cluster, cnps) -> dict[str, int]:
    engine = database(cluster)
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT cnp, count(*) FROM account_requests WHERE cnp = ANY(:cnps) GROUP BY cnp"),
            {"cnps": list(cnps)},
        ).all()
    engine.dispose()
    return dict(found)


def submissions_check(load, cluster) -> dict:
    """Every final POST against the rows: a 303 has exactly one row, an error at most one,
    nothing has two."""
    stored = rows_per_cnp(cluster, [s.cnp for s in load.submissions])
    sent = [s for s in load.submissions if s.status == 303]
    unanswered = [s for s in load.submissions if s.status != 303]
    assert all(stored.get(s.cnp) == 1 for s in sent), "a confirmed submission is not stored once"
    assert all(stored.get(s.cnp, 0) <= 1 for s in unanswered)
    return {
        "submissions_sent": len(load.submissions),
        "confirmed_303": len(sent),
        "unanswered": len(unanswered),
        "rows_in_database": sum(stored.values()),
        "stored_twice": sum(1 for count in stored.values() if count > 1),
    }


# --- (a) an app instance killed ---------------------------------------------------------------


def test_a_killed_instance_is_routed_around_and_no_submission_is_lost_or_doubled(start_cluster):
    cluster = start_cluster(instances=3)
    with Load(cluster.base_url, readers=3, applicants=3) as load:
        time.sleep(4)
        killed_at = time.monotonic()
        cluster.kill_instance(2, signal.SIGKILL)
        time.sleep(6)
    during = load.failures(between=(killed_at - 1, killed_at + 2))
    later = load.failures(between=(killed_at + 2, float("inf")))
    before = load.failures(between=(0, killed_at - 1))
    counts = submissions_check(load, cluster)
    report(
        "kill -9 instance",
        requests=len(load.outcomes),
        errors_total=len(load.failures()),
        errors_at_kill=len(during),
        errors_after=len(later),
        **counts,
    )
    assert not before and not later, (before, later)
    # Only what was in flight at the kill: at most one request per load thread.
    assert len(during) <= 6, during
    assert counts["confirmed_303"] > 0 and counts["stored_twice"] == 0


# --- (b) PostgreSQL restarted -----------------------------------------------------------------


def test_the_site_recovers_by_itself_within_10_seconds_of_a_postgresql_restart(
    start_cluster, postgres
):
    cluster = start_cluster(instances=2)
    with Load(cluster.base_url, readers=2, applicants=2) as load:
        time.sleep(3)
        stopped_at = time.monotonic()
        postgres.restart()
        back_at = time.monotonic()
        time.sleep(12)
    journey = [o for o in load.outcomes if o.kind in ("journey", "submit")]
    after = [o for o in journey if o.started >= back_at]
    failed_after = [o for o in after if not (isinstance(o.status, int) and o.status < 500)]
    last_failure = max((o.started for o in failed_after), default=back_at)
    recovered_in = last_failure - back_at
    counts = submissions_check(load, cluster)
    report(
        "restart PostgreSQL",
        restart_seconds=round(back_at - stopped_at, 1),
        requests=len(load.outcomes),
        errors_total=len(load.failures()),
        errors_after_restart=len(failed_after),
        statuses_during=load.statuses(between=(stopped_at - 0.5, back_at + 0.5)),
        recovered_within_s=round(recovered_in, 1),
        statuses_after=load.statuses(between=(back_at, float("inf"))),
        **counts,
    )
    assert recovered_in <= 10, failed_after
    # And it keeps working: the last seconds have database pages answered.
    assert any(o.status == 200 for o in after if o.started > back_at + 10)


# --- (c) Redis stopped ------------------------------------------------------------------------


def sign_in_attempt(load, session=None):
    session = session or load.person()
    page = load.request(session, "GET", "/autentificare", "sign-in page")
    data = {"csrf_token": csrf_token(page), "email": "nimeni@example.ro", "password": "x" * 12}
    load.request(session, "POST", "/autentificare", "sign-in", data=data)


def test_with_redis_stopped_sign_in_and_submission_fail_closed_and_reading_works(
    start_cluster, redis_server
):
    cluster = start_cluster(instances=2)
    with Load(cluster.base_url, readers=3, applicants=2, extra=[sign_in_attempt]) as load:
        time.sleep(3)
        stopped_at = time.monotonic()
        redis_server.stop()
        time.sleep(6)
    down = (stopped_at + 0.5, float("inf"))
    reads = load.statuses("read", between=down)
    sign_ins = load.statuses("sign-in", between=down)
    submits = load.statuses("submit", between=down)
    fives = {
        kind: load.statuses(kind, between=down).get(500, 0)
        for kind in ("read", "journey", "sign-in", "sign-in page", "submit")
    }
    counts = submissions_check(load, cluster)
    report(
        "stop Redis",
        reads_while_down=reads,
        sign_ins_while_down=sign_ins,
        submissions_while_down=submits,
        **counts,
    )
    assert set(reads) == {200}, reads
    assert not fives["read"] and not fives["journey"], fives
    try:
        import webapp.rate_limits  # noqa: F401 (branch limits: a decided answer per limit, F8)
    except ImportError:
        pytest.xfail(
            f"awaits branch limits (F8): with Redis down sign-in answered {sign_ins} and "
            f"submissions {submits}; the 503 page is theirs"
        )
    assert not any(fives.values()), fives
    assert sign_ins and set(sign_ins) == {503}, sign_ins
    assert set(submits) <= {503}, submits


# --- (d) SMTP stopped -------------------------------------------------------------------------


def test_emails_queued_while_smtp_is_down_are_all_delivered_once_after(start_cluster):
    from aiosmtpd.controller import Controller

    from tests.smtp_server import Recorder

    port = free_port()
    before, after = Recorder(), Recorder()
    smtp = Controller(before, hostname="127.0.0.1", port=port)
    smtp.start()
    cluster = start_cluster(
        instances=2, SMTP_HOST="127.0.0.1", SMTP_PORT=port, OUTBOX_FIRST_RETRY_SECONDS=1
    )
    with Load(cluster.base_url, readers=1, applicants=3) as load:
        time.sleep(6)
        smtp.stop()
        # Down: every submission's email now waits in the outbox, tried and retried.
        time.sleep(5)
    smtp = Controller(after, hostname="127.0.0.1", port=port)
    smtp.start()
    wait_for_port(port)
    engine = database(cluster)
    with engine.connect() as connection:
        unsent = count_until(
            connection, "SELECT count(*) FROM outbox_emails WHERE sent_at IS NULL", 0, 30, 0.5
        )
        queued = connection.execute(text("SELECT count(*) FROM outbox_emails")).scalar()
        retried = connection.execute(
            text("SELECT count(*) FROM outbox_emails WHERE attempts > 1")
        ).scalar()
    engine.dispose()
    smtp.stop()
    ids = before.message_ids() + after.message_ids()
    counts = submissions_check(load, cluster)
    report(
        "stop SMTP",
        emails_queued=queued,
        delivered_before_stop=len(before.message_ids()),
        delivered_after_restart=len(after.message_ids()),
        delivered_twice=len(ids) - len(set(ids)),
        unsent_after=unsent,
        emails_retried=retried,
        **counts,
    )
    assert counts["confirmed_303"] > 0 and queued >= counts["confirmed_303"]
    assert unsent == 0 and len(ids) == queued == len(set(ids))
    # Some were tried while it was down, failed, and were sent by a later attempt.
    assert retried > 0 and after.message_ids()


# --- (e) a job worker killed mid-report -------------------------------------------------------


def ask_for_reports(cluster, count: int) -> list[int]:
    """A citizen with a long career record asks for `count` reports (through the services,
    as the account page does); the job ids."""
    from domain.career.reports import KINDS
    from tests.builders import approved, career_record_for_reports, career_rows_for_reports
    from webapp import create_app
    from webapp.models import CareerReport
    from webapp.reports import service as reports

    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": cluster.environment()["DATABASE_URL"]})
    request, account, _ = approved(app)
    with app.test_request_context(base_url=cluster.base_url):
        session = app.extensions["db_sessionmaker"]()
        career_rows_for_reports(session, career_record_for_reports(request.cnp))
        now = dt.datetime.now(dt.UTC)
        for kind in list(KINDS)[:count]:
            reports.request_report(session, session.merge(account), request.cnp, kind, now)
        ids = session.scalars(select(CareerReport.id)).all()
        session.close()
    app.extensions["db_engine"].dispose()
    return ids


def test_a_job_worker_killed_mid_report_leaves_it_to_the_other_which_makes_it_once(
    start_cluster,
):
    cluster = start_cluster(instances=1, job_workers=2, JOB_CLAIM_LEASE_SECONDS=3)
    engine = database(cluster)
    # The second worker waits (stopped) until the first has taken a report and been killed.
    os.kill(cluster.job_worker_pid(2), signal.SIGSTOP)
    with Load(cluster.base_url, readers=2, applicants=0) as load:
        ids = ask_for_reports(cluster, 3)
        deadline = time.monotonic() + 30
        claimed = None
        with engine.connect() as connection:
            while time.monotonic() < deadline and claimed is None:
                claimed = connection.execute(
                    text(
                        "SELECT id FROM background_jobs WHERE kind = 'career_report' AND "
                        "claimed_until IS NOT NULL AND done_at IS NULL LIMIT 1"
                    )
                ).scalar()
                connection.commit()
                time.sleep(0.01)
        assert claimed is not None, "no worker took a report"
        cluster.kill_job_worker(1, signal.SIGKILL)
        with engine.connect() as connection:
            done_at_kill = connection.execute(
                text("SELECT done_at FROM background_jobs WHERE id = :id"), {"id": claimed}
            ).scalar()
        os.kill(cluster.job_worker_pid(2), signal.SIGCONT)
        with engine.connect() as connection:
            ready = count_until(
                connection,
                "SELECT count(*) FROM career_reports WHERE status = 'ready'",
                len(ids),
                40,
                0.3,
            )
            jobs = connection.execute(
                text(
                    "SELECT id, attempts, done_at IS NOT NULL FROM background_jobs "
                    "WHERE kind = 'career_report' ORDER BY id"
                )
            ).all()
            notifications = connection.execute(
                text("SELECT count(*) FROM notifications WHERE kind = 'report_ready'")
            ).scalar()
    engine.dispose()
    taken_over = [job for job in jobs if job.id == claimed]
    report(
        "kill -9 job worker mid-report",
        reports=len(ids),
        ready=ready,
        jobs_done=sum(1 for job in jobs if job[2]),
        attempts=[job.attempts for job in jobs],
        killed_job_attempts=taken_over[0].attempts,
        notifications=notifications,
        read_errors=len(load.failures()),
    )
    assert done_at_kill is None, "the report was finished before the kill: nothing was tested"
    assert ready == len(ids) and all(job[2] for job in jobs)
    assert taken_over[0].attempts == 2
    assert notifications == len(ids)
    assert not load.failures()
