"""The security baseline: headers, CSRF, request size, bad input never a 500, rate limit."""

import pytest

from tests import builders
from tests.page_checks import PageClient, soup
from tests.production import shared_state
from webapp import create_app
from webapp.config import DevelopmentConfig


def test_security_headers_on_pages(client_request):
    response = client_request.get("/cont/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_no_inline_script_or_style_in_pages(client_request):
    for url in ("/", "/cont/", "/cont/cerere"):
        page = soup(client_request.get(url))
        assert not page.find("style")
        assert not page.find(style=True)
        for script in page.find_all("script"):
            assert script.get("src", "").startswith("/static/"), script
            assert not script.string


def test_session_cookie_flags(client_request):
    token = client_request.csrf_token("/cont/cerere")
    response = client_request.post("/cont/cerere", data=builders.identity() | {"csrf_token": token})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


PUBLIC = "https://portal-pensii.example"


def production_app(monkeypatch, migrated, **env):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", PUBLIC)
    for name in ("TRUSTED_HOSTS", "TRUSTED_PROXIES", "PROXY_COUNT", "HSTS_MAX_AGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return create_app(
        {"ENV_NAME": "production", "DATABASE_URL": migrated, **shared_state(monkeypatch)}
    )


def test_production_cookies_are_secure(monkeypatch, migrated):
    app = production_app(monkeypatch, migrated)
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_production_session_cookie_is_host_only_with_the_host_prefix(monkeypatch, migrated):
    """__Host-: Secure, Path=/ and no Domain, so a sibling subdomain cannot plant it (F12)."""
    client = production_app(monkeypatch, migrated).test_client()
    response = client.get("/cont/cerere", base_url=PUBLIC)
    cookie = response.headers["Set-Cookie"]
    attributes = [part.strip() for part in cookie.split(";")]
    assert attributes[0].startswith("__Host-portal_pensii=")
    assert "Secure" in attributes and "Path=/" in attributes and "HttpOnly" in attributes
    assert not any(part.lower().startswith("domain=") for part in attributes)


def test_hsts_in_production_with_a_configurable_max_age(monkeypatch, migrated):
    client = production_app(monkeypatch, migrated).test_client()
    for url in ("/", "/static/css/site.css", "/api/v1/pension/net?gross=4467&date=2024-10-01"):
        response = client.get(url, base_url=PUBLIC)
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000", url
    client = production_app(monkeypatch, migrated, HSTS_MAX_AGE="600").test_client()
    assert client.get("/", base_url=PUBLIC).headers["Strict-Transport-Security"] == "max-age=600"


def test_no_hsts_where_the_site_is_plain_http(client_request, tmp_path):
    assert "Strict-Transport-Security" not in client_request.get("/").headers
    assert DevelopmentConfig(str(tmp_path)).HSTS_MAX_AGE == 0


def test_missing_csrf_token_is_a_clear_400(client_request):
    response = client_request.post("/cont/cerere", data=builders.identity(), expected_status=400)
    assert "Formularul a expirat" in response.get_data(as_text=True)


def test_oversized_body_is_a_413(client_request):
    response = client_request.post(
        "/cont/cerere", data={"last_name": "a" * 200_000}, expected_status=413
    )
    assert "prea mari" in response.get_data(as_text=True)


def test_too_many_form_parts_is_refused_not_a_500(client_request):
    data = {f"natural_persons-{i}-cnp": "1" for i in range(700)}
    response = client_request.post("/cont/cerere/persoane", data=data)
    assert response.status_code in (400, 413)


def test_markup_typed_in_a_field_is_shown_as_text(client_request):
    evil = '"><script>alert(1)</script>'
    # An address with markup in it, and a postal code left out so the page comes back.
    response = builders.fill_identity(client_request, locality=evil, postal_code="")
    assert response.status_code == 200
    assert response.request.path == "/cont/cerere/adresa"
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert soup(response).find("input", id="locality")["value"] == evil


def test_honeypot_refuses_bots(client_request):
    token = client_request.csrf_token("/cont/cerere")
    client_request.post(
        "/cont/cerere",
        data=builders.identity(website="http://spam.example") | {"csrf_token": token},
        expected_status=400,
    )


@pytest.mark.parametrize(
    "url",
    [
        "/cont/cerere/CC-2026-000001.pdf",
        "/cont/cerere/x.docx",
        "/cont/cerere/trimisa/x",
        "/cont/cerere/CC-2026-000001/tiparire",
    ],
)
def test_unknown_or_foreign_references_are_refused(client_request, url):
    client_request.get(url, expected_status=403)


def test_unknown_page_is_a_romanian_404(client_request):
    response = client_request.get("/nu-exista", expected_status=404)
    assert "Pagina nu a fost găsită" in response.get_data(as_text=True)


def test_wrong_method_is_a_405(client_request):
    client_request.post("/cont/", expected_status=405)


def test_bad_row_action_is_ignored(client_request):
    builders.fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "remove-natural-x"},
        expected_status=200,  # F14: ignored, the page re-rendered
    )


def test_submission_is_rate_limited(migrated):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "ACCOUNT_SUBMIT_RATE_LIMIT": "2 per minute",
        }
    )
    client = PageClient(app.test_client())
    token = client.csrf_token("/cont/cerere")
    statuses = [
        client.post("/cont/cerere/verificare", data={"csrf_token": token}).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    response = client.post("/cont/cerere/verificare", data={"csrf_token": token})
    assert "Prea multe încercări" in response.get_data(as_text=True)
    # Reading the check page is not limited.
    client.get("/cont/cerere/verificare", expected_status=302)


@pytest.mark.parametrize(
    "key",
    ["natural_persons-²-cnp", "natural_persons-" + "9" * 5000 + "-cnp", "legal_persons-x-cui"],
)
def test_strange_row_keys_are_ignored_not_a_500(client_request, key):
    builders.fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    response = client_request.post(
        "/cont/cerere/persoane", data={"csrf_token": token, "action": "add-natural", key: "1"}
    )
    assert response.status_code == 200


def test_unicode_digit_in_a_row_action_is_ignored(client_request):
    builders.fill_identity(client_request)
    token = client_request.csrf_token("/cont/cerere/persoane")
    client_request.post(
        "/cont/cerere/persoane",
        data={"csrf_token": token, "action": "remove-natural-²"},
        expected_status=200,  # F14: ignored, the page re-rendered
    )


def test_api_routing_errors_are_json(client):
    response = client.get("/api/v1/pension/nu-exista")
    assert response.status_code == 404 and response.is_json
    assert client.post("/api/v1/pension/net").is_json


def test_error_page_answers_even_when_its_template_fails(client_request, monkeypatch):
    from webapp import errors

    def broken(*args, **kwargs):
        raise RuntimeError("template")

    monkeypatch.setattr(errors, "render_page", broken)
    response = client_request.get("/nu-exista", expected_status=404)
    assert soup(response).h1.get_text() == "Pagina nu a fost găsită"


@pytest.mark.parametrize(
    "path",
    [
        "/contul-meu/petitii/CC-2026-000001/fisiere/%00",
        "/contul-meu/petitii/PT-2026-%00",
        "/ghiseu/petitii/PT%00/fisiere/abc",
        "/pensie/%00",
    ],
)
def test_a_nul_byte_in_a_path_part_is_not_found(client, path):
    # Found by the route fuzzer against PostgreSQL, which refuses NUL in text (a 500 there).
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/contul-meu/rapoarte/2147483648.pdf",
        "/contul-meu/cariera/persoana/99999999999999999999",
    ],
)
def test_a_number_beyond_the_database_integer_is_not_found(app, path):
    # Found by the route fuzzer against PostgreSQL, whose INTEGER is 32-bit (a 500 there).
    from werkzeug.exceptions import NotFound

    from tests.builders import signed_in_citizen

    client, _, _ = signed_in_citizen(app)
    client.get(path, expected_status=404)
    # The largest row id still reaches the view (a 404 there would not say which refused it).
    adapter = app.url_map.bind("localhost")
    with pytest.raises(NotFound):  # refused by the route, on SQLite too
        adapter.match("/contul-meu/rapoarte/2147483648.pdf")
    assert adapter.match("/contul-meu/rapoarte/2147483647.pdf")[1]["report_id"] == 2147483647
