"""Printout downloads are limited per client (F6): per signed-in person, else per address."""

import pytest

from tests import builders
from tests.page_checks import PageClient

LIFE_CERTIFICATE = "/certificat-de-viata"


@pytest.fixture
def limited_app(app, migrated):
    # (`app` is there for its teardown, which empties the shared test database.)
    return builders.rate_limited_app(migrated, DOWNLOAD_RATE_LIMIT="2 per minute")


def test_a_browser_downloading_in_a_loop_is_stopped(limited_app):
    client = PageClient(limited_app.test_client())
    token = client.csrf_token(f"{LIFE_CERTIFICATE}/date")
    client.post(
        f"{LIFE_CERTIFICATE}/date",
        data=builders.life_certificate_answers() | {"csrf_token": token},
        expected_status=303,
    )
    token = client.csrf_token(f"{LIFE_CERTIFICATE}/verificare")
    client.post(f"{LIFE_CERTIFICATE}/verificare", data={"csrf_token": token}, expected_status=303)
    pdf, docx = (f"{LIFE_CERTIFICATE}/certificat-de-viata.{ext}" for ext in ("pdf", "docx"))
    assert client.get(pdf, expected_status=200).mimetype == "application/pdf"
    client.get(docx, expected_status=200)
    refused = client.get(pdf, expected_status=429)
    assert "Prea multe încercări" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    # The print page is not a download: still there.
    client.get(f"{LIFE_CERTIFICATE}/tiparire", expected_status=200)


def test_signed_in_people_behind_one_address_each_have_their_own_count(limited_app):
    first, _, _ = builders.signed_in_citizen(limited_app, index=1)
    second, _, _ = builders.signed_in_citizen(limited_app, index=2)
    # Not their report: a 404, but a download asked for all the same.
    assert [first.client.get("/contul-meu/rapoarte/1.pdf").status_code for _ in range(3)] == [
        404,
        404,
        429,
    ]
    assert second.client.get("/contul-meu/rapoarte/1.pdf").status_code == 404
