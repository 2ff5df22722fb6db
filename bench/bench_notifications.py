"""The unread count in every signed-in page's header, and the notifications list, with a table of
200,000 notifications: one account holding 100,000 (half unread: the worst case), another a
typical 200 (12 unread), and 100,000 spread over 48 more accounts.

The count is one COUNT on the (account_id, read_at) index (a covering index search on SQLite,
EXPLAIN shown); it is measured alone and as what it adds to a signed-in page (/contul-meu/,
fetched through Flask's test client). Budgets: the count <= 2 ms for the typical account and
<= 20 ms for the worst, the list page <= 50 ms (medians after one warm-up).
Exit status: 0 within budget, 1 over budget, 2 a page failed.

    .venv/bin/python bench/bench_notifications.py [--runs 30]
"""

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time

from _support import ROOT, markdown_table, migrate

TYPICAL_BUDGET_MS = 2
WORST_BUDGET_MS = 20
PAGE_BUDGET_MS = 50


def median_ms(work, runs: int) -> float:
    work()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def fill(session, account_id: int, count: int, unread_every: int, start: dt.datetime) -> None:
    from sqlalchemy import insert

    from webapp.models import Notification

    rows = [
        {
            "account_id": account_id,
            "kind": "report_ready",
            "text": f"Raportul RC-2026-{index:06d} este gata.",
            "created_at": start + dt.timedelta(minutes=index),
            "read_at": None if index % unread_every == 0 else start,
            "path": "/contul-meu/rapoarte/",
        }
        for index in range(count)
    ]
    for first in range(0, len(rows), 5000):
        session.execute(insert(Notification), rows[first : first + 5000])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="bench-notifications-") as tmp:
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
        migrate(database_url)
        sys.path.insert(0, str(ROOT))
        from sqlalchemy import text

        from tests import builders
        from webapp import create_app
        from webapp.notifications.queries import unread_count, unread_query

        app = create_app({"ENV_NAME": "development", "DATABASE_URL": database_url})
        try:
            accounts = [builders.active_account(app, index=i) for i in range(1, 51)]
            worst, typical, others = accounts[0], accounts[1], accounts[2:]
            session = app.extensions["db_sessionmaker"]()
            start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
            fill(session, worst.id, 100_000, 2, start)
            fill(session, typical.id, 200, 17, start)
            for other in others:
                fill(session, other.id, 100_000 // len(others), 3, start)
            session.commit()
            session.execute(text("ANALYZE"))
            compiled = unread_query(worst.id).compile(
                app.extensions["db_engine"], compile_kwargs={"literal_binds": True}
            )
            plan = session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
            counts = {
                "worst": unread_count(session, worst.id),
                "typical": unread_count(session, typical.id),
            }
            worst_ms = median_ms(lambda: unread_count(session, worst.id), runs)
            typical_ms = median_ms(lambda: unread_count(session, typical.id), runs)
            session.close()
            pages = {}
            for name, account in (("worst", worst), ("typical", typical)):
                client = app.test_client()
                builders.sign_in_session(app, client, account)
                for path in ("/contul-meu/", "/contul-meu/notificari/"):
                    response = client.get(path)
                    if response.status_code != 200 or b"antet-notificari" not in response.data:
                        print(f"{path}: {response.status_code}", file=sys.stderr)
                        return 2
                    pages[(name, path)] = median_ms(lambda c=client, p=path: c.get(p), runs)
        finally:
            app.extensions["db_engine"].dispose()

    print("Query plan:", "; ".join(str(row[-1]) for row in plan))
    print()
    rows = [
        [
            "unread COUNT, typical account (200 notifications)",
            counts["typical"],
            f"{typical_ms:.2f}",
            f"≤ {TYPICAL_BUDGET_MS}",
            "ok" if typical_ms <= TYPICAL_BUDGET_MS else "OVER",
        ],
        [
            "unread COUNT, worst account (100,000 notifications)",
            counts["worst"],
            f"{worst_ms:.2f}",
            f"≤ {WORST_BUDGET_MS}",
            "ok" if worst_ms <= WORST_BUDGET_MS else "OVER",
        ],
    ]
    for (name, path), ms in pages.items():
        budget = PAGE_BUDGET_MS if path.endswith("notificari/") else None
        rows.append(
            [
                f"`{path}` signed in, {name} account",
                "",
                f"{ms:.1f}",
                f"≤ {budget}" if budget else "–",
                "ok" if budget is None or ms <= budget else "OVER",
            ]
        )
    print(markdown_table(["What (200,000 rows)", "unread", "median ms", "budget", "status"], rows))
    over = typical_ms > TYPICAL_BUDGET_MS or worst_ms > WORST_BUDGET_MS
    over = over or any(
        ms > PAGE_BUDGET_MS for (_, path), ms in pages.items() if path.endswith("notificari/")
    )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
