"""Every rate limit has a decided answer when its storage (Redis) is down, never a 500 (F8), and
Redis-backed counts are shared by the instances (webapp/rate_limits.py)."""

import contextlib
import json
import subprocess
import sys
import textwrap

import pytest
from flask import Flask
from werkzeug.routing.converters import NumberConverter

from tests import builders
from tests.page_checks import PageClient
from webapp import create_app, rate_limits
from webapp.account import status_attempts
from webapp.extensions import limiter
from webapp.models import Draft

# Nothing listens on port 1: every count fails at once with "connection refused".
DEAD_REDIS = "redis://127.0.0.1:1/0"
# The one Redis database these tests may use on the machine's server.
SHARED_REDIS = "redis://127.0.0.1:6379/12"
# Limits counted by hand inside views (rate_limits.count or storage_down), not on a route.
COUNTED_IN_VIEWS = {"draft-save", "status-reference"}


def redis_down(migrated, **overrides):
    return create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": DEAD_REDIS,
            **overrides,
        }
    )


@pytest.fixture
def down_app(app, migrated):
    # (`app` is there for its teardown, which empties the shared test database.)
    # The walk posts empty forms: what is tested is the limit, which comes before the CSRF check.
    return redis_down(migrated, WTF_CSRF_ENABLED=False)


@pytest.fixture
def down_app_with_csrf(app, migrated):
    return redis_down(migrated)


@contextlib.contextmanager
def limits_off(app):
    """The same app with no counting at all, to see how a route answers without its limit."""
    limiter.enabled = False
    app.config["RATELIMIT_ENABLED"] = False
    try:
        yield
    finally:
        limiter.enabled = True
        app.config["RATELIMIT_ENABLED"] = True


def sample_url(app, endpoint: str) -> str:
    rule = next(app.url_map.iter_rules(endpoint))
    values = {}
    for name, converter in rule._converters.items():
        items = getattr(converter, "items", None)
        if items:
            values[name] = sorted(items)[0]
        elif isinstance(converter, NumberConverter) or "Number" in type(converter).__name__:
            values[name] = 1
        else:
            values[name] = "CC-2026-000001"
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **values)


def limited_method(app, endpoint: str) -> str:
    view = app.view_functions[endpoint]
    methods = view.rate_limit_methods or sorted(
        next(app.url_map.iter_rules(endpoint)).methods - {"HEAD", "OPTIONS"}
    )
    return methods[0]


def is_outage_page(response) -> bool:
    text = response.get_data(as_text=True)
    return (
        response.status_code == 503
        and response.headers.get("Retry-After") == str(rate_limits.RETRY_AFTER_SECONDS)
        and "Încercați din nou peste câteva minute." in text
        and ("nu s-a salvat și nu s-a trimis nimic" in text or "nu v-am autentificat" in text)
        and "Eroare" not in text.split("</title>")[0]
    )


def test_every_limited_route_came_through_the_table_of_decided_answers(app):
    routes = rate_limits.routes_limited(app)
    assert len(routes) >= 20
    undecided = sorted(
        endpoint for endpoint, name in routes.items() if name not in rate_limits.RULES
    )
    assert undecided == [], "limited without a rule of webapp/rate_limits.py"
    # Every rule is in use: a route, or a count inside a view.
    assert set(routes.values()) | COUNTED_IN_VIEWS == set(rate_limits.RULES)


def test_a_limit_set_directly_on_flask_limiter_is_found_undecided(migrated):
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated})

    @app.get("/limited-directly")
    @limiter.limit("1 per minute")
    def limited_directly():
        return "x"

    assert rate_limits.routes_limited(app)["limited_directly"] is None


def test_with_redis_down_each_limited_route_gives_its_decided_answer(down_app):
    citizen, _, _ = builders.signed_in_citizen(down_app)
    staff, _ = builders.as_staff(down_app)
    answers = {}
    for endpoint, name in sorted(rate_limits.routes_limited(down_app).items()):
        client = staff.client if endpoint.startswith("counter") else citizen.client
        method, url = limited_method(down_app, endpoint), sample_url(down_app, endpoint)
        response = client.open(url, method=method)
        with limits_off(down_app):
            unlimited = client.open(url, method=method)
        answers[endpoint] = (rate_limits.RULES[name].outage, response, unlimited)

    for endpoint, (outage, response, unlimited) in answers.items():
        if outage is rate_limits.Outage.CLOSED:
            assert is_outage_page(response), (endpoint, response.status_code)
        else:
            # As if there were no limit: the same answer.
            assert response.status_code == unlimited.status_code < 500, endpoint
    closed = [e for e, (outage, _, _) in answers.items() if outage is rate_limits.Outage.CLOSED]
    opened = [e for e, (outage, _, _) in answers.items() if outage is rate_limits.Outage.OPEN]
    assert {"sign_in.sign_in", "status.status", "account.check", "petitions.check"} <= set(closed)
    downloads = {
        "account.download",
        "account.emailed_file",
        "counter.download",
        "payment.download",
        "payment_abroad.download",
        "life_certificate.download",
        "reports.download",
    }
    assert downloads | {"verify.verify"} <= set(opened)


def test_with_redis_down_a_printout_still_downloads(down_app_with_csrf):
    down_app = down_app_with_csrf
    client = PageClient(down_app.test_client())
    with limits_off(down_app):
        reference = builders.submit_request(client).headers["Location"].rsplit("/", 1)[-1]
    response = client.get(f"/cont/cerere/{reference}.pdf", expected_status=200)
    assert response.mimetype == "application/pdf"


def test_with_redis_down_a_question_page_still_saves_the_answers(down_app_with_csrf):
    down_app = down_app_with_csrf
    client = PageClient(down_app.test_client())
    data = builders.identity(last_name="Popescu") | {
        "csrf_token": client.csrf_token("/cont/cerere")
    }
    client.post("/cont/cerere", data=data, expected_status=303)
    session = down_app.extensions["db_sessionmaker"]()
    saved = [draft.answers for draft in session.query(Draft)]
    session.close()
    assert len(saved) == 1
    assert any(section.get("last_name") == "Popescu" for section in saved[0].values())


def test_with_redis_down_the_status_check_says_it_is_the_site(down_app_with_csrf):
    client = PageClient(down_app_with_csrf.test_client())
    token = client.csrf_token("/stare")  # reading the page is not counted
    response = client.post(
        "/stare",
        data={"reference": "CC-2026-000001", "cnp_end": "0000", "csrf_token": token},
        expected_status=503,
    )
    assert is_outage_page(response)
    assert "Trimiterea nu este disponibilă acum" in response.get_data(as_text=True)


def test_with_redis_down_the_per_reference_count_fails_closed_too(down_app):
    import datetime as dt

    with down_app.test_request_context("/stare", method="POST"):
        with pytest.raises(rate_limits.LimitsUnavailable) as refused:
            status_attempts.blocked_until("CC-2026-000001", dt.datetime.now(dt.UTC))
        assert refused.value.name == "status-reference"
        with pytest.raises(rate_limits.LimitsUnavailable):
            status_attempts.record_wrong("CC-2026-000001")


def test_with_redis_down_sign_in_says_nobody_was_signed_in(down_app_with_csrf):
    client = PageClient(down_app_with_csrf.test_client())
    data = {
        "email": "a@example.ro",
        "password": "x",
        "csrf_token": client.csrf_token("/autentificare"),
    }
    response = client.post("/autentificare", data=data, expected_status=503)
    text = response.get_data(as_text=True)
    assert is_outage_page(response)
    assert "<title>Autentificarea nu este disponibilă acum" in text
    assert "nu v-am autentificat și nu am trimis niciun cod sau e-mail" in text


def test_with_redis_down_htmx_gets_the_page_in_the_main_content(down_app):
    client = down_app.test_client()
    response = client.post("/cont/cerere/verificare", headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["HX-Retarget"] == "#content"
    assert response.headers["HX-Reswap"] == "innerHTML"
    assert response.headers["X-Portal-Refusal"] == "1"
    # The fragment: its own title (moved into the document by htmx), no second layout.
    assert text.startswith("<title>Trimiterea nu este disponibilă acum")
    assert "<html" not in text and "nu s-a salvat și nu s-a trimis nimic" in text


def test_a_429_for_htmx_is_shown_too(migrated, app):
    limited = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "ACCOUNT_SUBMIT_RATE_LIMIT": "1 per minute",
            "WTF_CSRF_ENABLED": False,
        }
    )
    client = limited.test_client()
    client.post("/cont/cerere/verificare", headers={"HX-Request": "true"})
    response = client.post("/cont/cerere/verificare", headers={"HX-Request": "true"})
    assert response.status_code == 429
    assert response.headers["X-Portal-Refusal"] == "1"
    assert "Prea multe încercări" in response.get_data(as_text=True)


def test_an_unreachable_redis_costs_well_under_a_second(down_app):
    import time

    client = down_app.test_client()
    start = time.perf_counter()
    client.post("/stare", data={"reference": "CC-2026-000001", "cnp_end": "0000"})
    assert time.perf_counter() - start < 1.0


def test_the_table_reads_as_markdown_for_the_readme():
    table = rate_limits.describe()
    assert table.count("\n") == len(rate_limits.RULES) + 1
    assert "| sign-in | `SIGN_IN_RATE_LIMIT` | refused (503 page) |" in table
    assert "| download | `DOWNLOAD_RATE_LIMIT` | works, uncounted (logged) |" in table


# --- Two instances on one Redis count together ----------------------------------------------

# One app instance in its own process: POSTs the account request's submission `tries` times,
# prints the status codes. The check page without answers redirects (302): allowed.
INSTANCE = textwrap.dedent(
    """
    import json, sys
    from webapp import create_app
    app = create_app({
        "ENV_NAME": "testing", "DATABASE_URL": "sqlite://", "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": sys.argv[1], "ACCOUNT_SUBMIT_RATE_LIMIT": "3 per minute",
        "WTF_CSRF_ENABLED": False,
    })
    client = app.test_client()
    print(json.dumps([client.post("/cont/cerere/verificare").status_code for _ in range(5)]))
    """
)


def run_instances(storage: str) -> list[int]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", INSTANCE, storage], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    codes = []
    for process in processes:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        codes += json.loads(out)
    return codes


@pytest.fixture
def redis_db_12():
    redis = pytest.importorskip("redis")
    server = redis.Redis.from_url(SHARED_REDIS, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    server.flushdb()
    yield
    server.flushdb()


def test_two_instances_on_redis_share_the_counts(redis_db_12):
    codes = run_instances(SHARED_REDIS)
    assert sorted(codes) == [302] * 3 + [429] * 7


def test_two_instances_with_memory_storage_each_count_alone():
    # What production refuses: each process keeps its own counts, so the limit is doubled.
    codes = run_instances("memory://")
    assert sorted(codes) == [302] * 6 + [429] * 4


def test_the_limiter_is_not_built_on_a_fresh_flask_app_without_the_table():
    # rate_limits.init_app is what create_app uses: the storage gets its short timeouts.
    app = Flask(__name__)
    app.config.update(RATELIMIT_STORAGE_URI=DEAD_REDIS, RATELIMIT_ENABLED=True)
    rate_limits.init_app(app)
    assert app.config["RATELIMIT_STORAGE_OPTIONS"]["socket_connect_timeout"] == 0.5
