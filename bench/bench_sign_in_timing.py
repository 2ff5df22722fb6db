"""Does the answer's time tell what kind of account an email belongs to? (F3, F20)

Signs in with a wrong password, 30 times per kind of email, interleaved (unknown, citizen,
not-activated citizen, staff), and asks for a new password 30 times for a known and an unknown
email, against the app in this process (Flask's test client, rate limits off, a throwaway
migrated SQLite database; each attempt from its own address so that the per-pair slowdown never
answers instead of the password check). Prints the medians in milliseconds.

    .venv/bin/python bench/bench_sign_in_timing.py
"""

import datetime as dt
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _support import markdown_table

from webapp import create_app
from webapp.account import service as account_requests
from webapp.auth.passwords import hash_password
from webapp.counter import service as counter_actions
from webapp.migrations import upgrade

RUNS = 30
WRONG = "Gresita-2026"


def build_app(database_url: str):
    from tests.builders import answers_for, make_staff

    upgrade(database_url)
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": database_url})
    now = dt.datetime.now(dt.UTC)
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        clerk = make_staff(session, email="ghiseu.cluj@example.ro", county="CJ")
        second = make_staff(session, email="sef.cluj@example.ro", county="CJ", role="supervisor")
        emails = {}
        for index, kind in ((1, "citizen"), (2, "not activated")):
            request = account_requests.submit(session, answers_for(index), now)
            counter_actions.register(
                session,
                request,
                clerk,
                registration_number=f"R-{index}",
                registered_on=now.date(),
                checklist={"id_seen": True},
                remote_addr="127.0.0.1",
                now=now,
            )
            account = counter_actions.approve(
                session, request, second, remote_addr="127.0.0.1", now=now
            )
            if kind == "citizen":
                account.password_hash = hash_password("Pensie2026!")
                session.commit()
            emails[kind] = request.email
        session.close()
    emails["unknown"] = "nimeni@example.ro"
    emails["staff"] = "ghiseu.cluj@example.ro"
    return app, emails


def csrf_token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    return match.group(1)


def timed_post(client, url, data, address) -> float:
    start = time.perf_counter()
    response = client.post(url, data=data, environ_base={"REMOTE_ADDR": address})
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code in (200, 303), response.status_code
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app, emails = build_app(f"sqlite:///{folder}/bench.sqlite3")
        client = app.test_client()
        token = csrf_token(client, "/autentificare")
        kinds = ["unknown", "citizen", "not activated", "staff"]
        sign_in = {kind: [] for kind in kinds}
        for run in range(RUNS):
            for number, kind in enumerate(kinds):
                data = {"csrf_token": token, "email": emails[kind], "password": WRONG}
                address = f"10.1.{run}.{number}"
                sign_in[kind].append(timed_post(client, "/autentificare", data, address))
        token = csrf_token(client, "/parola-uitata")
        forgot = {"known": [], "unknown": []}
        for run in range(RUNS):
            for number, (kind, email) in enumerate(
                (("known", emails["citizen"]), ("unknown", emails["unknown"]))
            ):
                data = {"csrf_token": token, "email": email}
                address = f"10.2.{run}.{number}"
                forgot[kind].append(timed_post(client, "/parola-uitata", data, address))
        app.extensions["db_engine"].dispose()
    print(f"Wrong password, medians of {RUNS} interleaved attempts per kind of email:")
    print(
        markdown_table(
            ["email", "median (ms)", "min", "max"],
            [
                [k, f"{statistics.median(v):.1f}", f"{min(v):.1f}", f"{max(v):.1f}"]
                for k, v in sign_in.items()
            ],
        )
    )
    print()
    print(f"Forgot password, medians of {RUNS} interleaved requests:")
    print(
        markdown_table(
            ["email", "median (ms)", "min", "max"],
            [
                [k, f"{statistics.median(v):.1f}", f"{min(v):.1f}", f"{max(v):.1f}"]
                for k, v in forgot.items()
            ],
        )
    )


if __name__ == "__main__":
    main()
