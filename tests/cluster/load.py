"""A small load generator for the fault tests: threads that read pages or go through the account
request to its submission, each request from a loopback address of its own person (so the
production rate limits per address hold), everything recorded with its time and outcome.

    with Load(base_url, readers=2, applicants=2) as load:
        ... cause the fault ...
    load.outcomes  # every request: (started, seconds, kind, status or exception name)
    load.submissions  # every final POST of a request: its CNP and what the site answered
"""

import itertools
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "locust"))
from answers import ACCOUNT_PAGES, SourceAddress, applicant_answers, csrf_token

READ_PAGES = (
    "/",
    "/pensie/calcul?start_date=01.06.2026&points=30&action=calculate",
    "/api/v1/pension/estimate?start_date=2025-09-01&contributory_years=36&points=30",
    "/stare",
    "/certificat-de-viata/",
)
_people = itertools.count(1)
_lock = threading.Lock()


@dataclass
class Outcome:
    started: float
    seconds: float
    kind: str
    url: str
    status: int | str


@dataclass
class Submission:
    cnp: str
    started: float
    # 303 (sent, its confirmation next), another status, or the exception's name.
    status: int | str
    reference: str | None = None


class Failed(Exception):
    pass


@dataclass
class Load:
    base_url: str
    readers: int = 2
    applicants: int = 1
    # Extra work a test adds: callables work(load, session) run in a loop in threads of their own.
    extra: list = field(default_factory=list)
    timeout: float = 10.0
    outcomes: list[Outcome] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)

    def __post_init__(self):
        self.stop_event = threading.Event()
        self.threads: list[threading.Thread] = []
        self.rng = random.Random(15)

    # --- people and requests

    def person(self) -> requests.Session:
        with _lock:
            n = next(_people)
        session = requests.Session()
        # 127.60/14 is this generator's; the bench uses others.
        session.mount(
            "http://",
            SourceAddress(f"127.{60 + n // 62500 % 4}.{n // 250 % 250 + 1}.{n % 250 + 1}"),
        )
        return session

    def request(self, session, method, url, kind, **kwargs):
        started = time.monotonic()
        try:
            response = session.request(
                method, self.base_url + url, allow_redirects=False, timeout=self.timeout, **kwargs
            )
        except requests.RequestException as error:
            self._record(
                Outcome(started, time.monotonic() - started, kind, url, type(error).__name__)
            )
            raise Failed(type(error).__name__) from None
        self._record(Outcome(started, time.monotonic() - started, kind, url, response.status_code))
        return response

    def _record(self, outcome):
        with _lock:
            self.outcomes.append(outcome)

    # --- the work

    def read_once(self, session=None):
        session = session or self.person()
        url = self.rng.choice(READ_PAGES)
        self.request(session, "GET", url, "read")

    def apply_once(self):
        """The account request's pages to its submission; the final POST is recorded with the
        CNP it sent, whatever happens to it."""
        session = self.person()
        data = applicant_answers()
        for url in (*ACCOUNT_PAGES, "/cont/cerere/persoane"):
            page = self.request(session, "GET", url, "journey")
            if page.status_code != 200:
                return
            answers = ({"action": "continue"} if url.endswith("persoane") else data) | {
                "csrf_token": csrf_token(page)
            }
            if self.request(session, "POST", url, "journey", data=answers).status_code != 303:
                return
        page = self.request(session, "GET", "/cont/cerere/verificare", "journey")
        if page.status_code != 200:
            return
        submission = Submission(data["cnp"], time.monotonic(), "not sent")
        with _lock:
            self.submissions.append(submission)
        try:
            sent = self.request(
                session,
                "POST",
                "/cont/cerere/verificare",
                "submit",
                data={"csrf_token": csrf_token(page)},
            )
        except Failed as error:
            submission.status = str(error)
            return
        submission.status = sent.status_code
        if sent.status_code == 303:
            submission.reference = sent.headers["Location"].rsplit("/", 1)[1]

    def _loop(self, work):
        while not self.stop_event.is_set():
            try:
                work()
            except Failed:
                time.sleep(0.05)
            except Exception:  # a page without its form (an error page): recorded already
                time.sleep(0.05)

    # --- running

    def start(self) -> "Load":
        works = [self.read_once] * self.readers + [self.apply_once] * self.applicants
        works += [lambda work=work: work(self) for work in self.extra]
        for work in works:
            thread = threading.Thread(target=self._loop, args=(work,), daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(self.timeout + 5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- what was seen

    def statuses(self, kind=None, between=(0, float("inf"))) -> dict:
        counts: dict = {}
        for outcome in self.outcomes:
            if (kind is None or outcome.kind == kind) and between[0] <= outcome.started < between[
                1
            ]:
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
        return counts

    def failures(self, between=(0, float("inf"))) -> list[Outcome]:
        return [
            outcome
            for outcome in self.outcomes
            if between[0] <= outcome.started < between[1]
            and not (isinstance(outcome.status, int) and outcome.status < 500)
        ]
