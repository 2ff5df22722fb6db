"""How long does `flask career import` take for a 100,000-row file? (issue 11: "in seconds")

Writes a CSV of 100,000 rows (325 people, each with the update date, three work-book entries
1981–2001, a period of studies and the months from April 2001 to June 2026), then imports it
3 times, each into a fresh migrated database, and once more into the same database (every row
unchanged). Times the parse + validation (pure, domain.career.import_rows) and the writing
(webapp.career.importer) apart, in this process; medians of the 3 runs. SQLite always (a
temporary file); PostgreSQL too when BENCH_POSTGRES_URL or 127.0.0.1:5432 answers (a database
`bench_career_import`, dropped and created for each run).

    .venv/bin/python bench/bench_career_import.py
"""

import csv
import datetime as dt
import io
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _support import markdown_table
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from stdnum.ro import cnp as cnp_check
from stdnum.ro import cui as cui_check

from domain.career.import_rows import COLUMNS
from webapp import create_app
from webapp.career import importer
from webapp.migrations import upgrade

ROWS = 100_000
RUNS = 3
TODAY = dt.date(2026, 11, 15)
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/bench_career_import"
)


def employers() -> list[tuple[str, str]]:
    found = []
    for number in range(1_000_001, 1_000_041):
        base = str(number)
        found.append(
            (base + cui_check.calc_check_digit(base), f"Angajatorul {number - 1_000_000} SRL")
        )
    return found


def person_cnp(index: int) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=11 * index)
    base = f"{1 + index % 2}{born:%y%m%d}12{index % 1000:03d}"
    return base + cnp_check.calc_check_digit(base)


def generate_csv() -> tuple[str, int, int]:
    """The file's text, its data rows and its people."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    companies = employers()
    rows = people = 0
    index = 0
    while rows < ROWS:
        cnp = person_cnp(index)
        born = dt.date(int("19" + cnp[1:3]), int(cnp[3:5]), int(cnp[5:7]))
        person = [{"tip": "actualizare", "cnp": cnp, "date_actualizate_la": "2026-10-31"}]
        starts = (
            dt.date(1981, 9, 1),
            dt.date(1990, 3, 1),
            dt.date(1995, 7, 1),
            dt.date(2001, 4, 1),
        )
        for number, (start, end) in enumerate(itertools.pairwise(starts)):
            person.append(
                {
                    "tip": "carnet",
                    "cnp": cnp,
                    "angajator": f"Întreprinderea {number + 1} {index}",
                    "de_la": max(start, born.replace(year=born.year + 16, day=1)).isoformat(),
                    "pana_la": (end - dt.timedelta(days=1)).isoformat(),
                    "functia": "muncitor",
                    "salariu": str(2000 + 100 * number),
                    "tip_salariu": "net" if start < dt.date(1991, 1, 1) else "brut",
                    "grupa": "II" if number == 0 and index % 3 == 0 else "",
                    "unitate_plata": "luna",
                }
            )
        person.append(
            {
                "tip": "asimilat",
                "cnp": cnp,
                "fel": "serviciu_militar",
                "de_la": born.replace(year=born.year + 19, day=1).isoformat(),
                "pana_la": born.replace(year=born.year + 19, day=1).isoformat(),
                "document": "Livret militar",
            }
        )
        month = dt.date(2001, 4, 1)
        cui, name = companies[index % len(companies)]
        while month <= dt.date(2026, 6, 1):
            person.append(
                {
                    "tip": "luna",
                    "cnp": cnp,
                    "luna": f"{month:%Y-%m}",
                    "cui_angajator": cui,
                    "angajator": name,
                    "zile": "28",
                    "venit_brut": f"{500 + (month.year - 2001) * 350 + index % 7 * 10}.50",
                    "conditii": "normale",
                    "pilon2": "da" if month.year >= 2008 and index % 2 else "nu",
                }
            )
            month = (month + dt.timedelta(days=32)).replace(day=1)
        person = person[: ROWS - rows]
        writer.writerows(person)
        rows += len(person)
        people += 1
        index += 1
    return out.getvalue(), rows, people


def fresh_postgres() -> str | None:
    url = make_url(POSTGRES_URL)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}"'))
            connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    except Exception as error:  # no server: the bench runs on SQLite only
        print(f"PostgreSQL not used ({type(error).__name__}: {str(error).splitlines()[0]})")
        return None
    finally:
        admin.dispose()
    return url.render_as_string(hide_password=False)


def one_run(database_url: str, content: str) -> dict[str, float]:
    upgrade(database_url)
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": database_url})
    times = {}
    with app.app_context():
        make_session = app.extensions["db_sessionmaker"]
        cpu = time.process_time()
        started = time.perf_counter()
        parsed = importer.parse_file(content, "csv", TODAY)
        times["parse"] = time.perf_counter() - started
        assert parsed.valid, parsed.errors[:5]
        with make_session() as session:
            started = time.perf_counter()
            summary = importer.store(session, parsed, dt.datetime.now(dt.UTC))
            times["write"] = time.perf_counter() - started
        # This process's CPU (Python, and SQLite's engine; not PostgreSQL's server): less
        # coloured by other work on a shared machine than the wall-clock times.
        times["cpu"] = time.process_time() - cpu
        assert summary.kinds["luna"].added > 0
        with make_session() as session:
            started = time.perf_counter()
            again = importer.store(
                session, importer.parse_file(content, "csv", TODAY), dt.datetime.now(dt.UTC)
            )
            times["again"] = time.perf_counter() - started
        assert again.kinds["luna"].added == again.kinds["luna"].updated == 0
    app.extensions["db_engine"].dispose()
    return times


def main() -> None:
    load = os.getloadavg()[0]
    content, rows, people = generate_csv()
    print(
        f"{rows:,} rows for {people} people, {len(content.encode()) / 1024 / 1024:.1f} MiB of CSV"
    )
    table = []
    databases = ["SQLite", "PostgreSQL"]
    for name in databases:
        runs = []
        for _ in range(RUNS):
            if name == "SQLite":
                folder = tempfile.mkdtemp(prefix="bench-career-")
                url = f"sqlite:///{folder}/bench.sqlite3"
            else:
                url = fresh_postgres()
                if url is None:
                    break
            runs.append(one_run(url, content))
        if not runs:
            continue
        medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        table.append(
            [
                name,
                f"{medians['parse']:.2f}",
                f"{medians['write']:.2f}",
                f"{medians['parse'] + medians['write']:.2f}",
                f"{medians['cpu']:.2f}",
                f"{medians['again']:.2f}",
            ]
        )
    print(f"load average before the runs: {load:.1f} on {os.cpu_count()} cores")
    print(
        markdown_table(
            [
                "database",
                "parse + validate (s)",
                "write (s)",
                "first import (s)",
                "its CPU in this process (s)",
                "same file again, parse + compare (s)",
            ],
            table,
        )
    )


if __name__ == "__main__":
    main()
