"""Hosts (F1, F14.1): only the configured host names are answered, a refused or malformed Host
gets a Romanian 400 (never a 500), and links that leave a request come from PUBLIC_BASE_URL."""

import datetime as dt

import flask
import pytest
from sqlalchemy import func, select

from tests.builders import GOOD_PASSWORD, approved, set_password
from tests.page_checks import PageClient, soup
from tests.production import shared_state
from webapp import create_app, jobs
from webapp.links import public_url
from webapp.models import BackgroundJob, OutboxEmail

PUBLIC = "https://portal-pensii.example"
LONG_LABEL = "a" * 64 + ".example"
PAGES = ("/", "/static/css/site.css", "/certificat-de-viata/termene.ics", "/cont/cerere")
API = "/api/v1/pension/net?gross=4467&date=2024-10-01"


def count(app, model) -> int:
    session = app.extensions["db_sessionmaker"]()
    number = session.execute(select(func.count()).select_from(model)).scalar_one()
    session.close()
    return number


@pytest.fixture
def production(monkeypatch, migrated):
    """A production app answering only for PUBLIC's host."""
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", PUBLIC)
    for name in ("TRUSTED_HOSTS", "TRUSTED_PROXIES", "PROXY_COUNT", "HSTS_MAX_AGE"):
        monkeypatch.delenv(name, raising=False)
    return create_app(
        {"ENV_NAME": "production", "DATABASE_URL": migrated, **shared_state(monkeypatch)}
    )


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("host", ["evil.example", LONG_LABEL, "a..b", "localhost.evil.example"])
def test_other_or_malformed_hosts_get_a_romanian_400(client_request, host, url):
    response = client_request.get(url, headers={"Host": host}, expected_status=400)
    page = soup(response)
    assert page.h1.get_text() == "Adresa site-ului nu este recunoscută"
    # The way out is the real site, not the refused host.
    assert page.find("a", string="Mergeți la pagina principală")["href"] == "http://localhost/"
    assert response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("host", [LONG_LABEL, "a..b"])
def test_malformed_host_without_a_host_list_is_still_a_400(migrated, host):
    """Werkzeug's own BadHost, which the error page used to turn into a 500 (F14.1)."""
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated, "TRUSTED_HOSTS": None})
    client = PageClient(app.test_client())
    for url in ("/", "/static/css/site.css"):
        response = client.get(url, headers={"Host": host}, expected_status=400)
        assert "nu este recunoscută" in response.get_data(as_text=True)
    app.extensions["db_engine"].dispose()


@pytest.mark.parametrize("host", ["evil.example", "a..b"])
def test_the_api_answers_a_refused_host_in_json(client, host):
    response = client.get(API, headers={"Host": host})
    assert response.status_code == 400
    assert response.json["error"]["message"] == "Adresa site-ului nu este recunoscută"


def test_production_answers_only_its_public_host(production):
    client = production.test_client()
    assert client.get("/", base_url=PUBLIC).status_code == 200
    for host in ("evil.example", "127.0.0.1", "portal-pensii.example.evil.example"):
        assert client.get("/", headers={"Host": host}, base_url=PUBLIC).status_code == 400, host
    production.extensions["db_engine"].dispose()


def test_production_ignores_x_forwarded_host(monkeypatch, migrated):
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", PUBLIC)
    overrides = {"DATABASE_URL": migrated, "PROXY_COUNT": 1, **shared_state(monkeypatch)}
    app = create_app({"ENV_NAME": "production", **overrides})
    client = app.test_client()
    seen = {}
    app.before_request(lambda: seen.update(host=flask.request.host))
    for forwarded in ("evil.example", LONG_LABEL):
        response = client.get(
            "/",
            base_url=PUBLIC,
            headers={"X-Forwarded-Host": forwarded, "X-Forwarded-Proto": "https"},
            environ_base={"REMOTE_ADDR": "127.0.0.1"},
        )
        assert response.status_code == 200
        assert seen["host"] == "portal-pensii.example"
    app.extensions["db_engine"].dispose()


def test_links_come_from_the_public_address_outside_a_request_too(app):
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    with app.app_context():
        assert public_url("sign_in.reset_password", token="t") == f"{PUBLIC}/parola-noua/t"


def test_activation_link_uses_the_public_address_not_the_request_host(app):
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    request, _, _ = approved(app)  # approved in a request to http://localhost
    session = app.extensions["db_sessionmaker"]()
    rows = session.execute(
        select(OutboxEmail.template, OutboxEmail.text_body).where(
            OutboxEmail.recipient == request.email
        )
    ).all()
    session.close()
    bodies = dict(rows)
    assert sorted(bodies) == ["activation", "registered", "submitted"]
    assert f"{PUBLIC}/cont/activare/" in bodies["activation"]
    # The submission's download link and the receipt's status link too.
    assert f"{PUBLIC}/cont/cerere/descarcare/" in bodies["submitted"]
    assert f"{PUBLIC}/stare" in bodies["registered"]
    assert not any("localhost" in body for body in bodies.values())


def emails_after_jobs(app, address: str) -> list[str]:
    """Queued email bodies for an address, after running any background job that queues them."""
    session = app.extensions["db_sessionmaker"]()
    with app.app_context():
        jobs.run_due(session, dt.datetime.now(dt.UTC))
    bodies = session.execute(
        select(OutboxEmail.text_body).where(OutboxEmail.recipient == address)
    ).scalars()
    bodies = list(bodies)
    session.close()
    return bodies


def ask_for_reset(client_request, email, host):
    """Posts the form as if it had been fetched through `host` (a refused Host gets no form):
    the session cookie, which holds the CSRF token, is copied to that host."""
    token = client_request.csrf_token("/parola-uitata")
    client = client_request.client
    cookie = client.get_cookie("portal_pensii")
    client.set_cookie(cookie.key, cookie.value, domain=host)
    return client.post(
        "/parola-uitata", data={"csrf_token": token, "email": email}, headers={"Host": host}
    )


def test_password_reset_asked_through_another_host_is_refused_and_queues_nothing(
    app, client_request
):
    request, _, link = approved(app)
    set_password(client_request, link)
    emails, queued_jobs = count(app, OutboxEmail), count(app, BackgroundJob)
    response = ask_for_reset(client_request, request.email, "evil.example")
    assert response.status_code == 400
    assert "nu este recunoscută" in response.get_data(as_text=True)  # not a CSRF refusal
    assert count(app, OutboxEmail) == emails and count(app, BackgroundJob) == queued_jobs


def test_password_reset_link_starts_with_the_public_address(app, client_request):
    request, _, link = approved(app)
    set_password(client_request, link, GOOD_PASSWORD)
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    response = ask_for_reset(client_request, request.email, "127.0.0.1")
    assert response.status_code == 303
    resets = [body for body in emails_after_jobs(app, request.email) if "/parola-noua/" in body]
    assert len(resets) == 1
    assert f"{PUBLIC}/parola-noua/" in resets[0] and "127.0.0.1" not in resets[0]
