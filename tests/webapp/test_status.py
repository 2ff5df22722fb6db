"""The status page: reference + last 4 CNP digits; one generic message otherwise; rate-limited."""

import datetime as dt

from tests.counter_fixtures import approved, submitted
from tests.page_checks import PageClient, soup
from webapp import create_app


def ask(client_request, reference, cnp_end, **kwargs):
    token = client_request.csrf_token("/stare")
    return client_request.post(
        "/stare", data={"csrf_token": token, "reference": reference, "cnp_end": cnp_end}, **kwargs
    )


def test_timeline_of_an_approved_request(app, client_request):
    request, _, _ = approved(app)
    page = soup(ask(client_request, request.reference.lower().replace("-", ""), request.cnp[-4:]))
    steps = [li.get_text(" ", strip=True) for li in page.select(".timeline li")]
    assert steps[0].startswith("Cererea a fost trimisă online")
    assert steps[1].startswith("Cererea a fost înregistrată la Casa Județeană de Pensii Cluj")
    assert steps[2].startswith("Cererea a fost aprobată")
    text = page.get_text(" ")
    assert request.answers["last_name"] not in text and request.cnp not in text


def test_wrong_pairs_get_one_generic_message(app, client_request):
    session = app.extensions["db_sessionmaker"]()
    request = submitted(session, 4, dt.datetime.now(dt.UTC))
    session.close()
    wrong_digits = soup(ask(client_request, request.reference, "0000", expected_status=200))
    no_such = soup(ask(client_request, "CC-2026-999999", request.cnp[-4:], expected_status=200))
    for page in (wrong_digits, no_such):
        assert "Nu am găsit o cerere cu aceste date" in page.find(class_="error-summary").get_text()
        assert not page.select(".timeline")


def test_badly_typed_reference_gets_an_instruction(client_request):
    page = soup(ask(client_request, "ABC", "12", expected_status=200))
    assert "CC-2026-000123" in page.find(id="reference-error").get_text()
    assert "exact 4 cifre" in page.find(id="cnp_end-error").get_text()


def test_status_is_rate_limited(migrated):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "STATUS_RATE_LIMIT": "3 per minute",
        }
    )
    client = PageClient(app.test_client())
    statuses = [ask(client, "CC-2026-000001", "1234").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_home_page_leads_to_the_status_page_and_sign_in(client_request):
    page = client_request.get_page("/")
    links = {a["href"] for a in page.find_all("a", href=True)}
    assert {"/stare", "/autentificare", "/cont/"} <= links
