"""The career page (/contul-meu/cariera) for a 45-year record, against the budgets of issue 11.

The record is built in code: a work book from September 1981 to March 2001 (net salary to 1990,
then gross in old lei, group II for a stretch) and monthly declarations from April 2001 to
October 2026 (two employers in some months, Pillar II from 2008), military service before the
work book, child care in 2007, and decided points for two years of the INS gap. The page is
fetched through Flask's test client on a throwaway migrated SQLite database, signed in, the way
a browser without a cache asks for it: loading the record, the summary, the chart and the table.

Budgets: the page <= 14 KB gzip -6 (1 KB = 1024 bytes), rendered in <= 50 ms (median of the
runs, after one warm-up request). Exit status: 0 within budget, 1 over budget, 2 the page failed.

    .venv/bin/python bench/bench_career_page.py [--runs 30]
"""

import argparse
import calendar
import datetime as dt
import statistics
import sys
import tempfile
import time

from _support import KIB, ROOT, brotli_size, gzip_size, markdown_table, migrate

HTML_BUDGET = 14 * KIB
TIME_BUDGET_MS = 50
PATH = "/contul-meu/cariera/"


def forty_five_years():
    """(months, work_book, assimilated, decided) for tests.builders.career_record."""
    book = [
        (
            "Fabrica de Confecții Cluj",
            dt.date(1981, 9, 1),
            dt.date(1986, 6, 30),
            "croitoreasă",
            2400,
            "net",
        ),
        (
            "Întreprinderea Tehnofrig",
            dt.date(1986, 7, 1),
            dt.date(1990, 12, 31),
            "maistru",
            3100,
            "net",
            "II",
        ),
        ("SC Textila SA", dt.date(1991, 1, 1), dt.date(2001, 3, 31), "maistru", 950000, "brut"),
    ]
    months = []
    for year in range(2001, 2027):
        for month in range(1, 13):
            if (year, month) < (2001, 4) or (year, month) > (2026, 10):
                continue
            days = calendar.monthrange(year, month)[1]
            first = dt.date(year, month, 1)
            income = 900 + (year - 2001) * 260 + month * 7
            pillar2 = year >= 2008
            if year in (2012, 2019):  # two employers: part-time beside the main job
                months.append(
                    (first, "14399840", "Exemplu SRL", days - 10, income, "normale", pillar2)
                )
                months.append((first, "18547290", "Al Doilea SRL", 10, 600, "normale", pillar2))
            else:
                months.append((first, "14399840", "Exemplu SRL", days, income, "normale", pillar2))
    assimilated = [
        ("serviciu_militar", dt.date(1979, 9, 1), dt.date(1980, 8, 31), "livret militar 123"),
        ("crestere_copil", dt.date(2007, 1, 1), dt.date(2007, 12, 31), "decizia 55/2007"),
    ]
    decided = [(1995, "1.05000", "12/2020"), (1996, "1.10000", "12/2020")]
    return months, book, assimilated, decided


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="bench-career-") as tmp:
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
        migrate(database_url)
        sys.path.insert(0, str(ROOT))
        from tests import builders
        from webapp import create_app
        from webapp.auth.passwords import hash_password
        from webapp.models import CitizenAccount

        app = create_app({"ENV_NAME": "development", "DATABASE_URL": database_url})
        try:
            request, account, _ = builders.approved(app)
            session = app.extensions["db_sessionmaker"]()
            session.get(CitizenAccount, account.id).password_hash = hash_password("Pensie2026!")
            session.commit()
            months, book, assimilated, decided = forty_five_years()
            builders.career_record(
                session,
                request.cnp,
                months=months,
                work_book=book,
                assimilated=assimilated,
                decided=decided,
            )
            session.close()
            client = app.test_client()
            builders.sign_in_session(app, client, account)
            first = client.get(PATH)
            if first.status_code != 200 or b'id="years"' not in first.data:
                print(f"{PATH}: {first.status_code}, no year table", file=sys.stderr)
                return 2
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                response = client.get(PATH)
                timings.append((time.perf_counter() - started) * 1000)
            body = response.data
        finally:
            app.extensions["db_engine"].dispose()

    size = gzip_size(body)
    median = statistics.median(timings)
    brotli = brotli_size(body)
    rows = [
        [
            f"`{PATH}`, 45-year record ({len(months)} monthly rows, {len(book)} work-book entries)",
            f"{len(body) / KIB:.1f}",
            f"{size / KIB:.1f}",
            "–" if brotli is None else f"{brotli / KIB:.1f}",
            f"≤ {HTML_BUDGET / KIB:.0f}",
            "ok" if size <= HTML_BUDGET else "OVER",
        ]
    ]
    print(markdown_table(["Page", "raw KB", "gzip KB", "brotli KB", "budget KB", "status"], rows))
    print()
    print(
        markdown_table(
            [
                "Render (test client, signed in)",
                "median ms",
                "min ms",
                "max ms",
                "budget",
                "status",
            ],
            [
                [
                    f"{runs} runs after one warm-up",
                    f"{median:.1f}",
                    f"{min(timings):.1f}",
                    f"{max(timings):.1f}",
                    f"≤ {TIME_BUDGET_MS} ms",
                    "ok" if median <= TIME_BUDGET_MS else "OVER",
                ]
            ],
        )
    )
    return 0 if size <= HTML_BUDGET and median <= TIME_BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
