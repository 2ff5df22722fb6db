"""A realistic mix of the site's traffic for Locust (bench/bench_cluster_load.py runs it headless
against the cluster; by hand: `.venv/bin/locust -f bench/locust/portal.py --host http://127.0.0.1:8080`).

Who comes, by weight (class `weight`): people reading about their pension and using the
calculator and the JSON API (the most), applicants going through the account request's question
pages to the submission and its PDF, pensioners abroad making their life certificate and its
PDF, citizens signed in to their account area, people checking a request at /stare, and clerks
at the counter working the queue (open, register, approve: four eyes, so two clerks).

Each simulated person comes from an address of their own (127.x.y.z: all of 127/8 is loopback
on Linux), as real citizens do, so the production rate limits per address stay as they are and
are exercised, not switched off; every new applicant and every life certificate is a new person
with a new address and no cookies. PORTAL_LOAD_SHARED_ADDRESS=1 sends everything from
127.0.0.1 instead (all users then share the per-address limits, as behind a NAT).

The clerks and citizens are made before the run by bench/locust/people.py (the file named by
PORTAL_LOAD_PEOPLE); without it those two kinds of user stay idle. PdfFlooder is the F6 client:
one address downloading the same PDF as fast as it can; it runs only when named on the command
line (bench_cluster_load.py's third run).
"""

import itertools
import json
import os
import re
import sys
import time
from pathlib import Path

import pyotp
from locust import HttpUser, between, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from answers import (
    ACCOUNT_PAGES,
    SourceAddress,
    _rng,
    applicant_answers,
    csrf_token,
    life_certificate_answers,
    next_address,
)

CONFIRMATION = re.compile(r"/cont/cerere/trimisa/([^/?#\"]+)$")
REQUEST_LINK = re.compile(r'href="/ghiseu/cerere/([A-Z]{2}-\d{4}-\d+)"')


def load_people() -> dict:
    path = os.environ.get("PORTAL_LOAD_PEOPLE")
    if not path:
        return {"clerks": [], "citizens": [], "statuses": []}
    return json.loads(Path(path).read_text(encoding="utf-8"))


PEOPLE = load_people()
_clerks = itertools.cycle(PEOPLE["clerks"]) if PEOPLE["clerks"] else None
_citizens = itertools.cycle(PEOPLE["citizens"]) if PEOPLE["citizens"] else None
# References submitted during this run, for /stare (and the ones made before it).
STATUSES: list[list[str]] = list(PEOPLE["statuses"])


# Seconds a person waits between two actions: "low,high" (PORTAL_LOAD_THINK); shorter than a
# person's, so that a few dozen simulated users load a 2-core machine.
THINK = tuple(float(part) for part in os.environ.get("PORTAL_LOAD_THINK", "0.5,2").split(","))


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(*THINK)

    def on_start(self):
        self.new_person()

    def new_person(self):
        """A person the site has never seen: a new address, no cookies."""
        old = self.client.adapters.get("http://")
        self.client.mount("http://", SourceAddress(next_address()))
        if old is not None:
            old.close()
        self.client.cookies.clear()

    def page(self, url, name=None):
        with self.client.get(url, name=name or url, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            return response

    def post_form(self, url, data, name=None, expect=(303,)):
        """A form posted as a browser does; the 303's Location, not followed (its GET is the
        next step, timed on its own)."""
        with self.client.post(
            url, data=data, name=name or f"POST {url}", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code not in expect:
                response.failure(f"{response.status_code}")
                return None
            return response


class Reader(PortalUser):
    """Reads about pensions, uses the calculator page and the JSON API."""

    weight = 5

    @task(3)
    def calculator(self):
        points = _rng.choice(("22", "30", "36", "41.5"))
        self.page(
            f"/pensie/calcul?start_date=01.06.2026&points={points}&action=calculate",
            name="/pensie/calcul?…calculate",
        )

    @task(3)
    def api_estimate(self):
        years = _rng.randrange(20, 45)
        self.page(
            f"/api/v1/pension/estimate?start_date=2025-09-01&contributory_years={years}&points=30",
            name="/api/v1/pension/estimate",
        )

    @task(2)
    def api_net(self):
        gross = _rng.randrange(1000, 9000)
        self.page(f"/api/v1/pension/net?gross={gross}&date=2024-10-01", name="/api/v1/pension/net")

    @task(2)
    def home(self):
        self.page("/")

    @task(1)
    def pension_topics(self):
        self.page("/pensie/")
        self.page("/pensie/calcul", name="/pensie/calcul (empty)")


class Applicant(PortalUser):
    """The account request, page by page, to its submission and its PDF; then a new person."""

    weight = 2

    @task
    def journey(self):
        self.new_person()
        self.page("/cont/")
        data = applicant_answers()
        for url in ACCOUNT_PAGES:
            token = csrf_token(self.page(url))
            if self.post_form(url, data | {"csrf_token": token}) is None:
                return
        token = csrf_token(self.page("/cont/cerere/persoane"))
        if not self.post_form("/cont/cerere/persoane", {"csrf_token": token, "action": "continue"}):
            return
        token = csrf_token(self.page("/cont/cerere/verificare"))
        sent = self.post_form("/cont/cerere/verificare", {"csrf_token": token})
        if sent is None:
            return
        found = CONFIRMATION.search(sent.headers.get("Location", ""))
        if found is None:
            return
        reference = found.group(1)
        STATUSES.append([reference, data["cnp"][-4:]])
        self.page(f"/cont/cerere/trimisa/{reference}", name="/cont/cerere/trimisa/[ref]")
        self.page(f"/cont/cerere/{reference}.pdf", name="/cont/cerere/[ref].pdf")


class LifeCertificate(PortalUser):
    """A pensioner abroad makes the life certificate and downloads its PDF."""

    weight = 2

    @task
    def journey(self):
        self.new_person()
        self.page("/certificat-de-viata/")
        token = csrf_token(self.page("/certificat-de-viata/date"))
        answers = life_certificate_answers() | {"csrf_token": token}
        if self.post_form("/certificat-de-viata/date", answers) is None:
            return
        token = csrf_token(self.page("/certificat-de-viata/verificare"))
        if self.post_form("/certificat-de-viata/verificare", {"csrf_token": token}) is None:
            return
        self.page("/certificat-de-viata/gata")
        self.page("/certificat-de-viata/certificat-de-viata.pdf")


class StatusChecker(PortalUser):
    """Asks /stare about a request with its reference and the CNP's last four digits."""

    weight = 1

    @task
    def status(self):
        if not STATUSES:
            self.page("/stare")
            return
        self.new_person()
        reference, digits = _rng.choice(STATUSES)
        token = csrf_token(self.page("/stare"))
        self.post_form(
            "/stare",
            {"csrf_token": token, "reference": reference, "cnp_end": digits},
            expect=(200,),
        )


class Citizen(PortalUser):
    """Signs in with email and password and looks through the account area."""

    weight = 2

    def on_start(self):
        super().on_start()
        self.credentials = next(_citizens) if _citizens else None
        if self.credentials:
            self.sign_in()

    def sign_in(self):
        email, password = self.credentials
        token = csrf_token(self.page("/autentificare"))
        self.post_form(
            "/autentificare", {"csrf_token": token, "email": email, "password": password}
        )

    @task(4)
    def account_area(self):
        if not self.credentials:
            return
        self.page("/contul-meu/")
        self.page("/contul-meu/notificari/")

    @task(2)
    def more_pages(self):
        if not self.credentials:
            return
        self.page("/contul-meu/persoane/")
        self.page("/contul-meu/cariera/")
        self.page("/contul-meu/rapoarte/")

    @task(1)
    def sign_out_and_in(self):
        if not self.credentials:
            return
        token = csrf_token(self.page("/contul-meu/"))
        self.post_form("/iesire", {"csrf_token": token})
        self.sign_in()


class Clerk(PortalUser):
    """A clerk of the Cluj house: the queue, a request's page, registering what was submitted
    and approving what another clerk registered."""

    weight = 1

    def on_start(self):
        super().on_start()
        self.email = next(_clerks) if _clerks else None
        if self.email:
            self.sign_in()

    def sign_in(self):
        token = csrf_token(self.page("/autentificare"))
        data = {"csrf_token": token, "email": self.email, "password": PEOPLE["staff_password"]}
        if self.post_form("/autentificare", data) is None:
            return
        token = csrf_token(self.page("/autentificare/cod"))
        code = pyotp.TOTP(PEOPLE["totp_secret"]).now()
        self.post_form("/autentificare/cod", {"csrf_token": token, "code": code})

    def references(self, status):
        response = self.page(f"/ghiseu/?stare={status}", name=f"/ghiseu/?stare={status}")
        return REQUEST_LINK.findall(response.text) if response.status_code == 200 else []

    @task(3)
    def queue(self):
        if self.email:
            self.page("/ghiseu/")

    @task(2)
    def register(self):
        if not self.email:
            return
        waiting = self.references("submitted")
        if not waiting:
            return
        reference = _rng.choice(waiting[:5])
        page = self.page(f"/ghiseu/cerere/{reference}", name="/ghiseu/cerere/[ref]")
        if page.status_code != 200:
            return
        self.post_form(
            f"/ghiseu/cerere/{reference}/inregistrare",
            {
                "csrf_token": csrf_token(page),
                "id_type": "CI",
                "id_series": "CJ",
                "id_number": "123456",
                "id_seen": "y",
                "registration_number": f"{_rng.randrange(10**6)}/2026",
                "registered_on": time.strftime("%d.%m.%Y"),
            },
            name="POST /ghiseu/cerere/[ref]/inregistrare",
            # 200: another clerk took it first, the page says so.
            expect=(303, 200),
        )

    @task(2)
    def approve(self):
        if not self.email:
            return
        registered = self.references("registered")
        if not registered:
            return
        reference = _rng.choice(registered[:5])
        page = self.page(f"/ghiseu/cerere/{reference}", name="/ghiseu/cerere/[ref]")
        if page.status_code != 200:
            return
        self.post_form(
            f"/ghiseu/cerere/{reference}/aprobare",
            {"csrf_token": csrf_token(page)},
            name="POST /ghiseu/cerere/[ref]/aprobare",
            # 200: refused with the reason (registered by this clerk, or decided meanwhile).
            expect=(303, 200),
        )


class PdfFlooder(PortalUser):
    """F6: one client downloading its own life certificate's PDF in a loop, from one address."""

    fixed_count = 1
    wait_time = constant(0)

    def on_start(self):
        super().on_start()
        token = csrf_token(self.page("/certificat-de-viata/date", name="flood: setup"))
        answers = life_certificate_answers() | {"csrf_token": token}
        self.post_form("/certificat-de-viata/date", answers, name="flood: setup POST")
        token = csrf_token(self.page("/certificat-de-viata/verificare", name="flood: setup"))
        self.post_form(
            "/certificat-de-viata/verificare", {"csrf_token": token}, name="flood: setup POST"
        )

    @task
    def flood(self):
        # A 429 (the download limit) is listed as a failure of this row, which the bench reports
        # apart from the site's errors: refusing the flood is the site working.
        with self.client.get(
            "/certificat-de-viata/certificat-de-viata.pdf",
            name="flood: PDF",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
