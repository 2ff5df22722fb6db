"""The counter's side of the e-signature route: the checks beside the request, the files only for
staff of the request's county house, and the registration without a visit: its own action, one
conditional UPDATE (two clerks at once register it once), audited, with the usual receipt."""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from domain import ro
from tests import builders
from tests.builders import as_staff, emails_to, make_staff, run_together, stored
from tests.page_checks import PageClient, soup
from tests.qes_signing import id_scan_png, make_authority, make_signer, sign, trust
from webapp.counter import signed as counter_signed
from webapp.counter.service import ActionRefused
from webapp.models import AccountRequest, AdministeredPerson, AuditEvent, StaffMember

EMAIL = "ana.taranescu@example.ro"
CLERKS = 8


@pytest.fixture(scope="module")
def authority():
    return make_authority("Autoritate QES de test")


@pytest.fixture
def signed_reference(app, tmp_path, authority):
    """A request submitted through the pages, its PDF signed by the applicant and accepted."""
    return submit_signed(app, tmp_path, authority, builders.natural_person())


def submit_signed(app, tmp_path, authority, persons: dict) -> str:
    trust(app, tmp_path, authority)
    citizen = PageClient(app.test_client())
    assert builders.fill_identity(citizen).status_code == 303
    token = citizen.csrf_token("/cont/cerere/persoane")
    data = {"csrf_token": token, "action": "continue", **persons}
    assert citizen.post("/cont/cerere/persoane", data=data).status_code == 303
    token = citizen.csrf_token("/cont/cerere/verificare")
    reference = (
        citizen.post("/cont/cerere/verificare", data={"csrf_token": token})
        .headers["Location"]
        .rsplit("/", 1)[1]
    )
    pdf = citizen.get(f"/cont/cerere/{reference}.pdf").data
    signer = make_signer(authority, "Ana-Maria Ștefania Țărănescu")
    url = f"/cont/cerere/{reference}/semnatura-electronica"
    response = citizen.post(
        url,
        data={
            "csrf_token": citizen.csrf_token(url),
            "signed_pdf": (io.BytesIO(sign(pdf, signer)), "semnata.pdf"),
            "id_copy": (io.BytesIO(id_scan_png()), "ci.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, response.get_data(True)[:2000]
    return reference


def request_url(reference):
    return f"/ghiseu/cerere/{reference}"


def register(clerk, reference, expected_status=None, **overrides):
    token = builders.page_token(clerk, request_url(reference))
    data = {
        "csrf_token": token,
        "qes-id_copy_checked": "y",
        "qes-registration_number": "777/2026",
        "qes-registered_on": ro.today().strftime("%d.%m.%Y"),
    } | overrides
    return clerk.post(
        f"{request_url(reference)}/inregistrare-semnata",
        data={k: v for k, v in data.items() if v is not None},
        expected_status=expected_status,
    )


def test_the_clerk_sees_the_checks_beside_the_request(app, signed_reference):
    clerk, _ = as_staff(app, county="CJ")
    page = clerk.get_page(request_url(signed_reference))
    section = page.select_one("#semnata-electronic")
    text = " ".join(section.get_text(" ").split())
    assert "Ana-Maria Ștefania Țărănescu" in text
    assert "Autoritate QES de test" in text
    assert "Semnată la" in text
    assert "Revocarea certificatului nu a fost verificată" in text
    for label in (
        "Fișierul este cererea emisă de site, neschimbată",
        "Semnătura este validă criptografic",
        "Semnătura acoperă tot documentul",
        "Certificatul provine de la un emitent de încredere",
        "Numele din certificat este al solicitantului",
    ):
        row = next(r for r in section.select(".summary-row") if label in r.dt.get_text())
        assert row.dd.get_text() == "da"
    assert section.find("form")["action"].endswith("/inregistrare-semnata")


def test_the_files_are_for_staff_of_the_requests_house_only(app, signed_reference):
    clerk, _ = as_staff(app, county="CJ")
    pdf = clerk.get(f"{request_url(signed_reference)}/semnata/cerere")
    assert pdf.mimetype == "application/pdf" and pdf.headers["Cache-Control"] == "private, no-store"
    scan = clerk.get(f"{request_url(signed_reference)}/semnata/act")
    assert scan.mimetype == "image/png"
    [event] = [
        e for e in stored(app, AuditEvent) if e.action == "signed_file" and "act" in str(e.details)
    ]
    assert event.details["file"] == "act"

    for role in ("clerk", "supervisor"):
        other, _ = as_staff(app, email=f"{role}@cjptimis.ro", county="TM", role=role)
        other.get(f"{request_url(signed_reference)}/semnata/act", expected_status=404)
        page = other.get_page(request_url(signed_reference))
        section = page.select_one("#semnata-electronic")
        assert section.find("form") is None
        assert "Casa Județeană de Pensii Cluj" in section.get_text(" ")
    # Signed out: to the sign-in page, never the file.
    signed_out = PageClient(app.test_client()).get(
        f"{request_url(signed_reference)}/semnata/act", expected_status=302
    )
    assert signed_out.headers["Location"].startswith("/autentificare")


def test_registering_without_a_visit_is_audited_and_sends_the_receipt(app, signed_reference):
    clerk, member = as_staff(app, county="CJ")
    response = register(clerk, signed_reference, expected_status=303)
    banner = clerk.get_page(response.headers["Location"]).find(role="status").get_text()
    assert "fără vizită la ghișeu" in banner
    [found] = stored(app, AccountRequest, AccountRequest.reference == signed_reference)
    assert found.status == "registered" and found.registered_by_id == member.id
    assert found.registration_number == "777/2026"
    assert found.checklist["route"] == "qes"
    assert found.checklist["identity_document"]["seen"] is False
    assert [p["seen"] for p in found.checklist["persons"]] == [False]
    [event] = [e for e in stored(app, AuditEvent) if e.action == "register_signed"]
    assert event.details["registration_number"] == "777/2026"
    assert [e.template for e in emails_to(app, EMAIL)].count("registered") == 1
    # Once registered, neither route registers it again.
    page = clerk.get_page(request_url(signed_reference))
    assert page.select_one("#semnata-electronic").find("form") is None
    again = register(clerk, signed_reference, expected_status=200)
    assert "deja înregistrată" in soup(again).select_one(".error-summary").get_text()


def test_the_persons_stay_unverified_after_approval(app, signed_reference):
    clerk, _ = as_staff(app, county="CJ")
    register(clerk, signed_reference, expected_status=303)
    decider, _ = as_staff(app, email="sef@cjpcluj.ro", county="CJ")
    builders.post_action(decider, signed_reference, "aprobare", expected_status=303)
    [person] = stored(app, AdministeredPerson)
    assert person.verified_at is None


def test_the_copy_must_be_confirmed_checked(app, signed_reference):
    clerk, _ = as_staff(app, county="CJ")
    response = register(
        clerk, signed_reference, expected_status=200, **{"qes-id_copy_checked": None}
    )
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    assert "copia actului de identitate" in page.select_one("#qes-id_copy_checked-error").get_text()
    [found] = stored(app, AccountRequest, AccountRequest.reference == signed_reference)
    assert found.status == "submitted"


def test_staff_of_another_house_cannot_register_it(app, signed_reference):
    other, _ = as_staff(app, email="functionar@cjptimis.ro", county="TM")
    response = register(other, signed_reference, expected_status=200)
    assert "Casa Județeană de Pensii Cluj" in soup(response).select_one(".error-summary").get_text()
    [found] = stored(app, AccountRequest, AccountRequest.reference == signed_reference)
    assert found.status == "submitted"


def test_a_request_without_a_signed_copy_cannot_be_registered_this_way(app):
    reference = builders.add_request(app)
    clerk, member = as_staff(app, county="CJ")
    assert clerk.get_page(request_url(reference)).select_one("#semnata-electronic") is None
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        found = session.execute(
            select(AccountRequest).where(AccountRequest.reference == reference)
        ).scalar_one()
        with pytest.raises(ActionRefused):
            counter_signed.register_signed(
                session,
                found,
                session.get(StaffMember, member.id),
                registration_number="1/2026",
                registered_on=ro.today(),
                remote_addr=None,
                now=dt.datetime.now(dt.UTC),
            )
        session.close()


def test_clerks_registering_at_once_register_it_once(app, signed_reference):
    session = app.extensions["db_sessionmaker"]()
    clerks = [make_staff(session, email=f"c{n}@cjpcluj.ro", county="CJ").id for n in range(CLERKS)]
    session.close()

    def work(index):
        with app.test_request_context():
            session = app.extensions["db_sessionmaker"]()
            try:
                found = session.execute(
                    select(AccountRequest).where(AccountRequest.reference == signed_reference)
                ).scalar_one()
                counter_signed.register_signed(
                    session,
                    found,
                    session.get(StaffMember, clerks[index]),
                    registration_number=f"{index}/2026",
                    registered_on=ro.today(),
                    remote_addr=None,
                    now=dt.datetime.now(dt.UTC),
                )
                return "done"
            except ActionRefused as refused:
                return str(refused)
            finally:
                session.close()

    results, errors = run_together(CLERKS, work)
    assert errors == []
    assert results.count("done") == 1
    assert len([e for e in stored(app, AuditEvent) if e.action == "register_signed"]) == 1
    assert [e.template for e in emails_to(app, EMAIL)].count("registered") == 1


def receipt(app):
    [email] = [e for e in emails_to(app, EMAIL) if e.template == "registered"]
    html = BeautifulSoup(email.html_body, "html5lib").get_text(" ")
    return email.text_body, " ".join(html.split())


def test_the_receipt_says_what_to_bring_for_the_administered_persons(app, signed_reference):
    clerk, _ = as_staff(app, county="CJ")
    register(clerk, signed_reference, expected_status=303)
    text, html = receipt(app)
    [document] = stored(app, AccountRequest, AccountRequest.reference == signed_reference)[
        0
    ].checklist["persons"]
    for body in (text, html):
        assert "Nu trebuie să mai veniți la ghișeu" not in body
        assert "trebuie totuși arătate în original la ghișeul unei case de pensii" in body
        assert document["document"] in body
        assert document["document"].startswith("pentru Țărănescu Ion: ")
    assert f"- {document['document']}" in text


def test_the_receipt_without_administered_persons_needs_no_visit(app, tmp_path, authority):
    reference = submit_signed(app, tmp_path, authority, {})
    clerk, _ = as_staff(app, county="CJ")
    register(clerk, reference, expected_status=303)
    text, html = receipt(app)
    for body in (text, html):
        assert "Nu trebuie să mai veniți la ghișeu." in body
        assert "în original" not in body
