"""No route answers 5xx, whatever is sent (F14).

Every rule of the URL map (less /static), with GET and POST, is fuzzed as an anonymous visitor,
a signed-in citizen and a signed-in supervisor: path values (known good ones and fuzzed text),
query strings (the names the views read and the GET forms' fields), and for POST the fields of
the forms that post there, as parsed from the pages, with a valid CSRF token, none or a bad one.
Journey pages are sometimes reached with the earlier pages filled in, as a person would.
The six ways to a 500 the security review found are kept as plain regression tests below.
"""

import os
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from tests import builders
from tests.builders import (
    GOOD_PASSWORD,
    approved,
    bank_account,
    filer,
    life_certificate_answers,
    make_staff,
    pensioner,
    set_password,
    sign_in_session,
    submitted,
)
from tests.page_checks import PageClient
from webapp import create_app
from webapp.auth.tokens import make_request_token, make_token
from webapp.db import Base
from webapp.models import CitizenAccount

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("anonymous", "citizen", "staff")
# Blueprints whose later pages need the earlier ones filled in.
JOURNEYS = ("account.", "payment.", "life_certificate.")
# 8 keeps the file near a minute; FUZZ_EXAMPLES=100 for a deeper run.
EXAMPLES_PER_ROUTE = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# Strings that broke, or could break, a parser: Unicode digits, overflowing dates and numbers,
# control characters, markup, long values.
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "²",
    "٣",
    "9" * 5000,
    "31.12.9999",
    "9999-12-31",
    "0000-00-00",
    "01.01.0001",
    "/contul-meu/\r\nx",
    "//evil.example/",
    "\x00",
    "%",
    "%ZZ",
    "<script>",
    "ş",
    "Ștefan",
    "a" * 300,
    "true",
    "null",
    "[]",
    "CC-2026-000001",
    "1800101123469",
]
# Values that pass some field's validation, so that fuzzing also gets past the first check.
PLAUSIBLE = [
    "2026-09-01",
    "2024-10-01",
    "14.05.1958",
    "1958-05-14",
    "2024-01",
    "2020:3000;2021-03:3500,50",
    "4467",
    "35",
    "F",
    "M",
    "II",
    "2",
    "CJ",
    "y",
    "persoana8@example.ro",
    "Pensie2026!",
]
fuzz_text = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(PLAUSIBLE),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


def url_rules():
    """(rule, method, endpoint) for every route, from an app that needs no database."""
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": "sqlite://"})
    routes = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if rule.endpoint == "static":
            continue
        routes.extend(
            (rule.rule, method, rule.endpoint)
            for method in ("GET", "POST")
            if method in rule.methods
        )
    app.extensions["db_engine"].dispose()
    return routes


def query_names() -> list[str]:
    """The query parameters the views read by name."""
    pattern = re.compile(r"args\.(?:get|getlist)\(\s*\"([^\"]+)\"|args\[\s*\"([^\"]+)\"\s*\]")
    names = set()
    for path in (ROOT / "webapp").rglob("*.py"):
        names.update(filter(None, sum(pattern.findall(path.read_text(encoding="utf-8")), ())))
    return sorted(names)


ROUTES = url_rules()
QUERY_NAMES = query_names()


# The world: one app and its data for the whole module, and what the pages hold -----------------


class World:
    def __init__(self, app):
        self.app = app
        self.adapter = app.url_map.bind("localhost")
        # endpoint -> fields of the forms that send to it, name -> values seen on the page
        self.form_fields = {
            method: defaultdict(lambda: defaultdict(set)) for method in ("GET", "POST")
        }
        # endpoint -> pages showing a form that posts there (for a CSRF token)
        self.form_pages = defaultdict(set)
        # path argument name -> values seen in links
        self.path_values = defaultdict(set)
        self.people = {}
        self.seed_urls = []

    def client(self, role):
        client = self.app.test_client()
        if role != "anonymous":
            sign_in_session(self.app, client, self.people[role])
        return client

    def endpoint_of(self, url):
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None, {}
        for method in ("GET", "POST"):
            try:
                return self.adapter.match(parts.path, method=method)
            except (NotFound, MethodNotAllowed, RequestRedirect):
                continue
        return None, {}

    def learn(self, page_url, html):
        page = BeautifulSoup(html, "lxml")
        for link in page.find_all("a", href=True):
            endpoint, args = self.endpoint_of(link["href"])
            for name, value in args.items():
                self.path_values[name].add(str(value))
        for form in page.find_all("form"):
            action = form.get("action") or page_url
            method = (form.get("method") or "GET").upper()
            endpoint, args = self.endpoint_of(action)
            if endpoint is None or method not in self.form_fields:
                continue
            for name, value in args.items():
                self.path_values[name].add(str(value))
            fields = self.form_fields[method][endpoint]
            for element in form.find_all(["input", "select", "textarea", "button"]):
                name = element.get("name")
                if not name or name == "csrf_token":
                    continue
                values = fields[name]
                if element.get("value") is not None:
                    values.add(element["value"])
                values.update(
                    option.get("value", option.get_text()) for option in element.find_all("option")
                )
            if method == "POST":
                self.form_pages[endpoint].add(page_url.split("?")[0])

    def crawl(self, role, start, limit):
        """Reads the pages a role reaches from `start` (breadth first, up to `limit` pages) for
        their forms and links; downloads are not pages and are skipped."""
        client = self.client(role)
        for journey in JOURNEYS:
            prime(client, journey)
        queue, seen = list(start), set()
        while queue and len(seen) < limit:
            url = queue.pop(0)
            if url in seen or "/iesire" in url or re.search(r"\.(pdf|docx|ics)(\?|$)", url):
                continue
            seen.add(url)
            response = client.get(url)
            if response.mimetype == "text/html":
                html = response.get_data(as_text=True)
                self.learn(url, html)
                for href in re.findall(r'href="(/[^"#]*)"', html):
                    if href.split("?")[0] not in seen and not href.startswith("/static/"):
                        queue.append(href.replace("&amp;", "&"))


def token_from(response) -> str | None:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    return match and match.group(1)


def post_page(client, url, data):
    token = token_from(client.get(url))
    return client.post(url, data=data | {"csrf_token": token or ""})


def prime(client, prefix):
    """Fills the earlier pages of a journey, so that its later pages answer instead of
    sending back to the first one."""
    if prefix == "account.":
        post_page(client, "/cont/cerere", builders.identity())
    elif prefix == "payment.":
        post_page(client, "/plata-card/cerere", pensioner())
        post_page(client, "/plata-card/cerere/cont", bank_account())
        post_page(client, "/plata-card/cerere/depunere", filer())
    elif prefix == "life_certificate.":
        post_page(client, "/certificat-de-viata/date", life_certificate_answers())


@pytest.fixture(scope="module")
def world(migrated):
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated, "RATELIMIT_ENABLED": False})
    session = app.extensions["db_sessionmaker"]()
    supervisor = make_staff(session, email="sef@cjp.ro", county="CJ", role="supervisor")
    with app.app_context():
        waiting = submitted(session, index=7)
    session.close()
    request, account, link = approved(app, index=8)
    set_password(PageClient(app.test_client()), link)  # the citizen can sign in
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        account = session.get(CitizenAccount, account.id)
        reset_token = make_token("password-reset", account.id, account.password_hash)
        download_token = make_request_token(waiting.id, waiting.reference)
        session.close()
    world = World(app)
    world.people = {"staff": supervisor, "citizen": account}
    world.seed_urls = [
        f"/ghiseu/cerere/{waiting.reference}",
        f"/ghiseu/cerere/{request.reference}",
        f"/ghiseu/cautare?q={waiting.reference}",
        link,
        f"/parola-noua/{reset_token}",
        f"/cont/cerere/descarcare/{download_token}",
    ]
    world.path_values["reference"].update({waiting.reference, request.reference})
    world.path_values["token"].update({link.rsplit("/", 1)[1], reset_token, download_token})
    public = [rule for rule, method, _ in ROUTES if method == "GET" and "<" not in rule]
    world.crawl("anonymous", [*public, link], limit=60)
    world.crawl("staff", ["/ghiseu/", *world.seed_urls], limit=25)
    world.crawl("citizen", ["/contul-meu/"], limit=8)
    yield world
    engine = app.extensions["db_engine"]
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


# The fuzzing ------------------------------------------------------------------------------------


@pytest.fixture
def clients(world, role, endpoint):
    return Clients(world, role, endpoint)


def path_for(data, world, rule):
    def value(match):
        name = match.group(2)
        known = sorted(world.path_values.get(name, ()))
        choice = data.draw(st.one_of(st.sampled_from(known), fuzz_text) if known else fuzz_text)
        return quote(choice, safe="")

    return re.sub(r"<(?:[^:<>]+:)?([^<>]*?)?([A-Za-z_]+)>", value, rule)


def pairs_for(data, fields: dict, extra_names=()):
    """Some of the fields, each with a value seen on the page or a fuzzed one; sometimes only
    the form's own fields (so that validation gets past unknown names), sometimes any name."""
    own = sorted(fields)
    wild = data.draw(st.booleans()) or not own
    names = st.one_of(st.sampled_from([*own, *extra_names] or ["x"]), fuzz_text)
    chosen = data.draw(st.lists(names if wild else st.sampled_from(own), max_size=8))
    pairs = []
    for name in chosen:
        seen = sorted(fields.get(name, ()))
        strategy = st.one_of(st.sampled_from(seen), fuzz_text) if seen else fuzz_text
        pairs.append((name, data.draw(strategy)))
    return pairs


class Clients:
    """The clients one route's examples use, kept across examples to stay within time: one as
    the role arrives, and for a journey's pages one with the earlier pages filled in. Sign-in
    routes change who is signed in, so they get a fresh client every time."""

    def __init__(self, world, role, endpoint):
        self.world, self.role, self.endpoint = world, role, endpoint
        self.journey = next((name for name in JOURNEYS if endpoint.startswith(name)), None)
        self.kept = {}

    def get(self, primed: bool):
        primed = primed and self.journey is not None
        if self.endpoint.startswith("sign_in.") or primed not in self.kept:
            client = self.world.client(self.role)
            if primed:
                prime(client, self.journey)
            # The form's own page gives the token, as in a browser.
            pages = sorted(self.world.form_pages.get(self.endpoint, ())) or ["/cont/cerere"]
            token = token_from(client.get(pages[0])) or token_from(client.get("/cont/cerere"))
            self.kept[primed] = (client, token)
        return self.kept[primed]


def fuzz_once(data, world, clients, rule, method, endpoint):
    client, token = clients.get(primed=data.draw(st.booleans()))
    path = path_for(data, world, rule)
    # The API takes the calculator form's parameters.
    query_form = "pension_pages.calculator" if endpoint.startswith("pension_api.") else endpoint
    query = pairs_for(data, world.form_fields["GET"].get(query_form, {}), QUERY_NAMES)
    url = path + ("?" + urlencode(query) if query else "")
    headers = {}
    if data.draw(st.booleans()):
        headers["HX-Request"] = "true"
        fields = sorted(world.form_fields["POST"].get(endpoint, {})) or ["x"]
        headers["X-Field"] = data.draw(
            st.one_of(st.sampled_from(fields), fuzz_text.map(ascii_only))
        )
    if method == "GET":
        return url, client.get(url, headers=headers)
    form = pairs_for(data, world.form_fields["POST"].get(endpoint, {}))
    csrf = data.draw(st.sampled_from(["valid", "valid", "missing", "bad"]))
    if csrf == "valid":
        form.append(("csrf_token", token))
    elif csrf == "bad":
        form.append(("csrf_token", data.draw(fuzz_text)))
    return url, client.post(
        url, data=form_body(form), headers=headers, content_type="application/x-www-form-urlencoded"
    )


def ascii_only(text: str) -> str:
    # Header values travel as Latin-1; the test client cannot send anything else.
    return text.encode("ascii", "replace").decode().replace("\r", "").replace("\n", "")


def form_body(pairs) -> str:
    return urlencode([(name, value) for name, value in pairs if value is not None])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("rule", "method", "endpoint"), ROUTES, ids=[f"{m} {r}" for r, m, _ in ROUTES]
)
@settings(
    max_examples=EXAMPLES_PER_ROUTE,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_route_answers_5xx(world, clients, rule, method, endpoint, data):
    url, response = fuzz_once(data, world, clients, rule, method, endpoint)
    role = clients.role
    assert response.status_code < 500, f"{method} {url} as {role}: {response.status_code}"


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(host=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=80))
def test_no_host_header_makes_a_5xx(world, host):
    client = world.app.test_client()
    for url in ("/", "/static/css/site.css", "/api/v1/pension/net?gross=1&date=2024-10-01"):
        assert client.get(url, headers={"Host": host}).status_code < 500, (host, url)


# The six causes the security review found (F14), as plain regression tests --------------------


@pytest.mark.parametrize("host", ["a" * 64 + ".example", "a..b"])
@pytest.mark.parametrize("url", ["/", "/static/css/site.css", "/certificat-de-viata/termene.ics"])
def test_cause_1_malformed_host(world, host, url):
    assert world.app.test_client().get(url, headers={"Host": host}).status_code == 400


@pytest.mark.parametrize("url", ["/ghiseu/?pagina=%C2%B2", "/ghiseu/jurnal?pagina=%C2%B2"])
def test_cause_2_superscript_page_number(world, url):
    assert world.client("staff").get(url).status_code < 500


def test_cause_3_last_representable_date_in_the_audit_log(world):
    url = "/ghiseu/jurnal?date_from=31.12.9999&date_to=31.12.9999"
    assert world.client("staff").get(url).status_code < 500


def test_cause_4_row_number_past_the_integer_digit_limit(world):
    client = world.client("anonymous")
    prime(client, "account.")
    response = post_page(
        client, "/cont/cerere/persoane", {"action": "remove-natural-" + "9" * 5000}
    )
    assert response.status_code < 500


def test_cause_5_newline_in_next_after_a_valid_sign_in(world):
    app = world.app
    request, _, link = approved(app, index=9)
    client = app.test_client()
    assert set_password(PageClient(client), link).status_code == 303
    token = token_from(client.get("/autentificare"))
    response = client.post(
        "/autentificare?next=/contul-meu/%0D%0Ax",
        data={"csrf_token": token, "email": request.email, "password": GOOD_PASSWORD},
    )
    assert response.status_code == 303
    assert "\r" not in response.headers["Location"] and "\n" not in response.headers["Location"]


def test_empty_queue_filter(world):
    assert world.client("staff").get("/ghiseu/?stare=").status_code < 500
