"""The applicant's pages of the e-signature route: reached from the ready page and from the
e-mailed link, only by the request's holder; an accepted upload is stored with its files, each
kind of refusal says why in Romanian and stores nothing."""

import io
import re

import pytest

from tests import builders
from tests.builders import emails_to, stored
from tests.page_checks import PageClient, soup
from tests.qes_signing import append_change, id_scan_png, make_authority, make_signer, sign, trust
from webapp.models import AccountRequest, IssuedPrintout, SignedRequest, StoredFile

EMAIL = "ana.taranescu@example.ro"
DOWNLOAD_LINK = re.compile(r"http://localhost(/cont/cerere/descarcare/[\w.\-]+)")


def submit(client) -> str:
    assert builders.fill_identity(client).status_code == 303
    token = client.csrf_token("/cont/cerere/persoane")
    client.post("/cont/cerere/persoane", data={"csrf_token": token, "action": "continue"})
    token = client.csrf_token("/cont/cerere/verificare")
    response = client.post("/cont/cerere/verificare", data={"csrf_token": token})
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def authority():
    return make_authority("Autoritate QES de test")


@pytest.fixture(scope="module")
def applicant(authority):
    return make_signer(authority, "ȚĂRĂNESCU ANA-MARIA ȘTEFANIA")


@pytest.fixture
def trusted(app, tmp_path, authority):
    trust(app, tmp_path, authority)


def upload(client, url, signed: bytes, id_copy: bytes | None = None, expected_status=None):
    token = client.csrf_token(url)
    data = {
        "csrf_token": token,
        "signed_pdf": (io.BytesIO(signed), "cerere-semnata.pdf"),
        "id_copy": (io.BytesIO(id_copy if id_copy is not None else id_scan_png()), "ci.png"),
    }
    return client.post(
        url, data=data, content_type="multipart/form-data", expected_status=expected_status
    )


def signed_url(reference):
    return f"/cont/cerere/{reference}/semnatura-electronica"


def test_the_ready_page_offers_the_signed_route(client_request, trusted):
    reference = submit(client_request)
    page = client_request.get_page(f"/cont/cerere/trimisa/{reference}")
    link = page.find("a", string=re.compile("Semnați electronic"))
    assert link["href"] == signed_url(reference)
    form_page = client_request.get_page(link["href"])
    assert form_page.h1.get_text() == "Trimiteți cererea semnată electronic"
    assert form_page.find("input", {"type": "file", "name": "signed_pdf"})
    assert form_page.find("input", {"type": "file", "name": "id_copy"})
    assert "în original la ghișeu" in form_page.get_text(" ")


def test_a_valid_signed_request_is_accepted_and_stored(app, client_request, trusted, applicant):
    reference = submit(client_request)
    pdf = client_request.get(f"/cont/cerere/{reference}.pdf").data
    [issued] = stored(app, IssuedPrintout)
    assert issued.size == len(pdf)
    response = upload(client_request, signed_url(reference), sign(pdf, applicant))
    assert response.status_code == 303, response.get_data(True)[:3000]
    page = soup(client_request.get(response.headers["Location"]))
    assert "Am primit cererea semnată electronic" in page.get_text(" ")
    [row] = stored(app, SignedRequest)
    assert row.signer_name == "ȚĂRĂNESCU ANA-MARIA ȘTEFANIA"
    assert {
        key: row.checks[key] for key in ("ours", "intact", "whole", "trusted", "name")
    } == dict.fromkeys(("ours", "intact", "whole", "trusted", "name"), True)
    assert row.checks["revocation_checked"] is False  # QES_CHECK_REVOCATION off in tests
    kinds = sorted(f.content_type for f in stored(app, StoredFile))
    assert kinds == ["application/pdf", "image/png"]


def test_a_second_upload_replaces_the_first(app, client_request, trusted, applicant):
    reference = submit(client_request)
    pdf = client_request.get(f"/cont/cerere/{reference}.pdf").data
    for _ in range(2):
        assert (
            upload(client_request, signed_url(reference), sign(pdf, applicant)).status_code == 303
        )
    assert len(stored(app, SignedRequest)) == 1
    assert len(stored(app, StoredFile)) == 2


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda pdf, signer, other: sign(pdf, other), "nu de Țărănescu Ana-Maria Ștefania"),
        (lambda pdf, signer, other: append_change(sign(pdf, signer)), "PDF-ul a fost modificat"),
        (lambda pdf, signer, other: pdf, "nu are nicio semnătură electronică"),
        (lambda pdf, signer, other: b"%PDF-1.7 stricat", "nu poate fi citit ca PDF"),
        (
            lambda pdf, signer, other: sign(pdf, make_signer(make_authority("Alt CA"), signer_cn)),
            "nu provine de la un furnizor",
        ),
    ],
    ids=["other-signer", "modified", "unsigned", "broken", "untrusted"],
)
def test_each_refusal_says_why_and_stores_nothing(
    app, client_request, trusted, authority, applicant, make, message
):
    reference = submit(client_request)
    pdf = client_request.get(f"/cont/cerere/{reference}.pdf").data
    other = make_signer(authority, "Ion Popescu")
    response = upload(client_request, signed_url(reference), make(pdf, applicant, other))
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    assert page.select_one(".error-summary").find(string=re.compile("A apărut o problemă"))
    assert message in page.select_one("#signed_pdf-error").get_text()
    assert stored(app, SignedRequest) == [] and stored(app, StoredFile) == []


signer_cn = "ȚĂRĂNESCU ANA-MARIA ȘTEFANIA"


def test_an_id_copy_that_is_not_an_image_or_pdf_is_refused(app, client_request, trusted, applicant):
    reference = submit(client_request)
    pdf = client_request.get(f"/cont/cerere/{reference}.pdf").data
    response = upload(client_request, signed_url(reference), sign(pdf, applicant), b"MZ\x90\x00exe")
    assert response.status_code == 200
    assert "PDF, JPEG sau PNG" in soup(response).select_one("#id_copy-error").get_text()
    assert stored(app, SignedRequest) == []


def test_missing_files_are_asked_for(client_request, trusted):
    reference = submit(client_request)
    url = signed_url(reference)
    response = client_request.post(url, data={"csrf_token": client_request.csrf_token(url)})
    page = soup(response)
    assert response.status_code == 200
    assert page.select_one("#signed_pdf-error") and page.select_one("#id_copy-error")


def test_the_emailed_link_uploads_from_another_device(app, client_request, trusted, applicant):
    reference = submit(client_request)
    body = max(emails_to(app, EMAIL), key=lambda e: e.id).text_body
    path = DOWNLOAD_LINK.search(body).group(1)
    other = PageClient(app.test_client())
    page = other.get_page(path)
    link = page.find("a", string=re.compile("Semnați electronic"))
    assert link["href"] == f"{path}/semnatura-electronica"
    pdf = other.get(f"{path}/cerere.pdf").data
    assert upload(other, link["href"], sign(pdf, applicant)).status_code == 303
    [row] = stored(app, SignedRequest)
    [request] = stored(app, AccountRequest, AccountRequest.id == row.request_id)
    assert request.reference == reference


def test_only_the_holder_reaches_the_upload(app, client_request, trusted):
    reference = submit(client_request)
    stranger = PageClient(app.test_client())
    stranger.get(signed_url(reference), expected_status=403)
    stranger.get(
        "/cont/cerere/descarcare/nu-este-un-token/semnatura-electronica", expected_status=404
    )


def test_without_trust_anchors_the_page_says_the_route_is_not_available(app, client_request):
    app.config["QES_TRUST_ANCHORS"] = ()
    reference = submit(client_request)
    page = client_request.get_page(signed_url(reference))
    assert "QES_TRUST_ANCHORS" in page.select_one("#indisponibil").get_text()
    assert page.find("input", {"type": "file"}) is None


def test_a_pdf_downloaded_by_the_counter_or_for_another_request_is_not_ours(
    app, client_request, trusted, applicant
):
    first = submit(client_request)
    first_pdf = client_request.get(f"/cont/cerere/{first}.pdf").data
    second = submit(client_request)
    response = upload(client_request, signed_url(second), sign(first_pdf, applicant))
    assert f"nu este cererea {second}" in soup(response).select_one("#signed_pdf-error").get_text()


def test_uploads_are_rate_limited(migrated, tmp_path, authority):
    from webapp import create_app

    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "QES_UPLOAD_RATE_LIMIT": "2 per minute",
        }
    )
    trust(app, tmp_path, authority)
    client = PageClient(app.test_client())
    reference = submit(client)
    url = signed_url(reference)
    token = client.csrf_token(url)
    statuses = [client.post(url, data={"csrf_token": token}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    # Reading the page is not limited.
    client.get(url, expected_status=200)
    with app.app_context():
        engine = app.extensions["db_engine"]
        from webapp.db import Base

        with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())


def test_the_signed_copy_and_id_scan_go_with_their_request(app, client_request, trusted, applicant):
    import datetime as dt

    from webapp import retention

    reference = submit(client_request)
    pdf = client_request.get(f"/cont/cerere/{reference}.pdf").data
    assert upload(client_request, signed_url(reference), sign(pdf, applicant)).status_code == 303
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        session.execute(
            AccountRequest.__table__.update().values(
                status="rejected", decided_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
            )
        )
        session.commit()
        periods = retention.Periods.from_config(app.config)
        assert retention.delete_closed_requests(session, dt.datetime.now(dt.UTC), periods) == 1
        session.commit()
    assert stored(app, SignedRequest) == []
    assert stored(app, StoredFile) == []
    assert stored(app, IssuedPrintout) == []


def test_an_unreadable_anchor_file_offers_no_upload(app, client_request, applicant, tmp_path):
    app.config["QES_TRUST_ANCHORS"] = (str(tmp_path / "lipsa.pem"),)
    reference = submit(client_request)
    pdf = client_request.get(f"/cont/cerere/{reference}.pdf").data
    response = upload(client_request, signed_url(reference), sign(pdf, applicant))
    assert response.status_code == 200
    assert "nu este disponibilă" in soup(response).select_one(".error-summary").get_text()
    assert stored(app, SignedRequest) == []


def test_the_submission_email_offers_the_route_only_when_it_is_available(app, client_request):
    submit(client_request)
    [first] = [e for e in emails_to(app, EMAIL) if e.template == "submitted"]
    assert "semnătură electronică calificată?" not in first.text_body
    app.config["QES_TRUST_ANCHORS"] = ("/oriunde/ca.pem",)
    submit(client_request)
    second = max(emails_to(app, EMAIL), key=lambda e: e.id)
    for body in (second.text_body, second.html_body):
        assert "Aveți semnătură electronică calificată?" in body
    assert "\n\nAveți semnătură electronică calificată?" in second.text_body
    assert "identitate.\n\n3. După" in second.text_body
    assert "expiră.\n\n3. După" in first.text_body
