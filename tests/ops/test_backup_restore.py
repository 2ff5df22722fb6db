"""The restore drill: a database filled through the site itself, backed up with
scripts/backup.py, restored with scripts/restore.py into a fresh database, and found whole
there: every table with the same number of rows, and an applicant and a citizen served from it.

Needs a PostgreSQL server: the one of DATABASE_URL when that is PostgreSQL, else the machine's
at 127.0.0.1:5432 (user postgres); the test makes two databases with unique names and drops
them. Without a reachable server or pg_dump it is skipped, saying why.
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from tests.builders import GOOD_PASSWORD, active_citizen, sign_in, submitted
from tests.page_checks import PageClient, soup
from webapp import create_app
from webapp.migrations import upgrade

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
DRILL_SECONDS = 30
sys.path.insert(0, str(SCRIPTS))

import backup  # noqa: E402


def server_url() -> str:
    """The server's maintenance database, as a libpq URL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgresql://postgres@127.0.0.1:5432/postgres"
    return (
        make_url(url)
        .set(drivername="postgresql", database="postgres")
        .render_as_string(hide_password=False)
    )


@pytest.fixture
def databases():
    """(source URL, target URL): the source created empty, the target only named; both dropped."""
    admin = server_url()
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (Debian: postgresql-client)")
    try:
        psycopg.connect(admin, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server for the restore drill: {error}")
    tag = uuid.uuid4().hex[:10]
    names = [f"drill_{tag}_source", f"drill_{tag}_restored"]
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(names[0])))
    base = make_url(admin)
    urls = [base.set(drivername="postgresql+psycopg", database=name) for name in names]
    yield [url.render_as_string(hide_password=False) for url in urls]
    with psycopg.connect(admin, autocommit=True) as connection:
        for name in names:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def run_script(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / name), *args],
        capture_output=True,
        text=True,
        timeout=DRILL_SECONDS,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(backup.libpq_url(url)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: connection.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


def test_restore_drill(databases, tmp_path):
    source, target = databases
    upgrade(source)
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": source})
    try:
        # Through the site: a request approved at the counter and its account activated through
        # the emailed link, and a second request only submitted.
        citizen = active_citizen(app, PageClient(app.test_client()))
        with app.app_context():
            session = app.extensions["db_sessionmaker"]()
            waiting = submitted(session, 2, dt.datetime.now(dt.UTC))
            reference, cnp_end = waiting.reference, waiting.cnp[-4:]
            session.close()
    finally:
        app.extensions["db_engine"].dispose()
    before = row_counts(source)

    # The drill proper (what an operator runs) is bounded; filling the database and the journey
    # afterwards cost a few deliberate password hashes, slower on a busy machine.
    started = time.monotonic()
    dump = Path(run_script("backup.py", "--database-url", source, "--dir", str(tmp_path)))
    assert dump.exists() and dump.with_name(dump.name + ".sha256").exists()
    run_script("restore.py", str(dump), "--database-url", target, "--create")

    after = row_counts(target)
    assert time.monotonic() - started < DRILL_SECONDS
    assert after == before
    for table in ("account_requests", "citizen_accounts", "outbox_emails", "audit_events"):
        assert after[table] > 0, table
    assert "alembic_version" in after

    restored = create_app({"ENV_NAME": "testing", "DATABASE_URL": target})
    try:
        client = PageClient(restored.test_client())
        token = client.csrf_token("/stare")
        page = soup(
            client.post(
                "/stare",
                data={
                    "csrf_token": token,
                    "reference": reference,
                    "cnp_end": cnp_end,
                },
                expected_status=200,
            )
        )
        assert (
            page.select(".timeline li")[0]
            .get_text()
            .strip()
            .startswith("Cererea a fost trimisă online")
        )
        answer = sign_in(
            PageClient(restored.test_client()),
            citizen.email,
            GOOD_PASSWORD,
            expected_status=303,
        )
        assert answer.headers["Location"].startswith("/contul-meu")
    finally:
        restored.extensions["db_engine"].dispose()


def test_restore_refuses_a_damaged_dump_and_a_used_database(databases, tmp_path):
    source, target = databases
    upgrade(source)
    dump = Path(run_script("backup.py", "--database-url", source, "--dir", str(tmp_path)))
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    damaged = subprocess.run(
        [
            sys.executable,
            str(SCRIPTS / "restore.py"),
            str(dump),
            "--database-url",
            target,
            "--create",
        ],
        capture_output=True,
        text=True,
        timeout=DRILL_SECONDS,
    )
    assert damaged.returncode == 1
    assert "does not match its checksum" in damaged.stderr
    # The source has the site's tables: restoring over it is refused before anything is read.
    good = Path(run_script("backup.py", "--database-url", source, "--dir", str(tmp_path / "b")))
    used = subprocess.run(
        [sys.executable, str(SCRIPTS / "restore.py"), str(good), "--database-url", source],
        capture_output=True,
        text=True,
        timeout=DRILL_SECONDS,
    )
    assert used.returncode == 1 and "is not empty" in used.stderr


def test_only_the_newest_dumps_are_kept(tmp_path):
    start = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
    for day in range(5):
        stamp = (start + dt.timedelta(days=day)).strftime("%Y%m%dT%H%M%SZ")
        for suffix in (".dump", ".dump.sha256"):
            (tmp_path / f"portal-portal-{stamp}{suffix}").write_text("x")
    other = tmp_path / "portal-other-20261130T030000Z.dump"
    other.write_text("x")
    removed = backup.prune(tmp_path, "portal", keep=2)
    assert len(removed) == 3
    kept = sorted(path.name for path in tmp_path.iterdir())
    assert kept == [
        "portal-other-20261130T030000Z.dump",
        "portal-portal-20261204T030000Z.dump",
        "portal-portal-20261204T030000Z.dump.sha256",
        "portal-portal-20261205T030000Z.dump",
        "portal-portal-20261205T030000Z.dump.sha256",
    ]


def test_the_password_goes_in_the_environment_not_the_command_line():
    target, env = backup.tool_arguments("postgresql+psycopg://portal:s%40cret@db.local:5433/portal")
    assert target == "postgresql://portal@db.local:5433/portal"
    assert env["PGPASSWORD"] == "s@cret"
