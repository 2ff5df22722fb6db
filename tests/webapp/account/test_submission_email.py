"""Nothing lost (M2, M3): the email at submission, through a real SMTP server, with the reference
and a signed link that downloads the request on any device for as long as it can be registered;
the variant for an address that already has an account, which the pages never show."""

import datetime as dt
import re

import time_machine
from itsdangerous import URLSafeTimedSerializer

from domain.account_requests import NO_PRINTER
from tests import builders
from tests.builders import active_citizen, approved, emails_to, register_data
from tests.page_checks import CEDILLA, PageClient, soup
from tests.smtp_server import Recorder
from webapp.account import service as account_requests
from webapp.account.service import find_by_reference
from webapp.auth.tokens import make_request_token
from webapp.counter import service as counter_actions
from webapp.models import AccountRequest, Draft
from webapp.outbox.delivery import SmtpSettings, deliver_due

DOWNLOAD_LINK = re.compile(r"http://localhost(/cont/cerere/descarcare/[\w.\-]+)")
EXISTING_ACCOUNT = "Aveți deja un cont"


def submit_with(client, **identity) -> str:
    """Submits a request through the pages; its reference."""
    assert builders.fill_identity(client, **identity).status_code == 303
    token = client.csrf_token("/cont/cerere/persoane")
    client.post("/cont/cerere/persoane", data={"csrf_token": token, "action": "continue"})
    token = client.csrf_token("/cont/cerere/verificare")
    response = client.post("/cont/cerere/verificare", data={"csrf_token": token})
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[1]


def submitted_email(app, address: str):
    """The newest submission email to the address."""
    return max(
        (e for e in emails_to(app, address) if e.template == "submitted"), key=lambda e: e.id
    )


def download_path(app, address: str) -> str:
    return DOWNLOAD_LINK.search(submitted_email(app, address).text_body).group(1)


def new_browser(app) -> PageClient:
    """Another device: no cookie of the browser that submitted."""
    return PageClient(app.test_client())


def test_the_submission_email_arrives_with_the_reference_the_link_and_the_counter_prints_it(
    app, client_request, start_smtp
):
    moment = dt.datetime(2026, 11, 22, 12, 5, tzinfo=dt.UTC)  # 14:05 in Bucharest
    with time_machine.travel(moment, tick=False):
        reference = submit_with(client_request)
    server = start_smtp(Recorder())
    settings = SmtpSettings(host="127.0.0.1", port=server.port, mail_from="x@portal.ro", timeout=5)
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        report = deliver_due(session, settings, dt.datetime.now(dt.UTC))
    assert report.sent == 1
    [received] = server.handler.received
    message = received.message
    assert received.rcpt_tos == ["ana.taranescu@example.ro"]
    assert message["Subject"] == f"Cererea {reference} a fost trimisă"
    plain, html = message.iter_parts()
    for body in (plain.get_content(), html.get_content()):
        assert reference in body
        assert NO_PRINTER in body
        assert "Ana-Maria Ștefania" in body and "Casa Județeană de Pensii Cluj" in body
        # The link lasts as long as an unregistered request: 30 days, to the minute.
        assert "până pe 22 decembrie 2026, ora 14:05 (ora României)" in body
        assert EXISTING_ACCOUNT not in body
        assert "dvs." not in body and not CEDILLA.search(body)
    assert DOWNLOAD_LINK.search(plain.get_content())
    assert 'href="http://localhost/cont/cerere/descarcare/' in html.get_content()


def test_the_confirmation_says_the_email_was_sent_and_that_the_counter_prints_it(client_request):
    reference = submit_with(client_request)
    page = client_request.get_page(f"/cont/cerere/trimisa/{reference}")
    text = page.get_text(" ")
    assert NO_PRINTER in text
    assert "V-am trimis un e-mail la ana.taranescu@example.ro" in text


def test_the_link_downloads_the_request_on_another_device(app, client_request):
    reference = submit_with(client_request)
    path = download_path(app, "ana.taranescu@example.ro")
    other = new_browser(app)
    page = other.get_page(path)
    assert page.h1.get_text() == f"Cererea {reference}"
    assert NO_PRINTER in page.get_text(" ")
    links = {a.get_text(strip=True): a["href"] for a in page.select(".downloads a")}
    assert set(links.values()) == {f"{path}/cerere.pdf", f"{path}/cerere.docx", f"{path}/tiparire"}

    pdf = other.get(f"{path}/cerere.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert f'filename="cerere-cont-{reference}.pdf"' in pdf.headers["Content-Disposition"]
    assert pdf.headers["Cache-Control"] == "private, no-store"
    docx = other.get(f"{path}/cerere.docx")
    assert docx.data.startswith(b"PK")
    printed = other.get(f"{path}/tiparire")
    assert reference in printed.get_data(as_text=True)
    # The device that opened the link is not given the submitting browser's pages.
    other.get(f"/cont/cerere/trimisa/{reference}", expected_status=403)


def test_the_link_expires_when_an_unregistered_request_would(app, client_request):
    start = dt.datetime(2026, 11, 1, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        submit_with(client_request)
    path = download_path(app, "ana.taranescu@example.ro")
    other = new_browser(app)
    with time_machine.travel(start + dt.timedelta(days=29, hours=23), tick=False):
        other.get(path)
    with time_machine.travel(start + dt.timedelta(days=30, minutes=1), tick=False):
        for url in (path, f"{path}/cerere.pdf", f"{path}/tiparire"):
            page = soup(other.get(url, expected_status=410))
            assert page.h1.get_text() == "Legătura a expirat"
            text = page.get_text(" ")
            assert "cererea se tipărește acolo" in text and "30 de zile" in text


def test_a_shorter_configured_lifetime_is_kept_and_a_longer_one_is_capped(app, client_request):
    start = dt.datetime(2026, 11, 1, 10, 0, tzinfo=dt.UTC)
    app.config["REQUEST_DOWNLOAD_MAX_AGE_SECONDS"] = 90 * 24 * 3600
    with time_machine.travel(start, tick=False):
        submit_with(client_request)
    path = download_path(app, "ana.taranescu@example.ro")
    # Asked for 90 days; the request expires after 30, and so does the link.
    assert "1 decembrie 2026" in submitted_email(app, "ana.taranescu@example.ro").text_body
    with time_machine.travel(start + dt.timedelta(days=31), tick=False):
        new_browser(app).get(path, expected_status=410)
    app.config["REQUEST_DOWNLOAD_MAX_AGE_SECONDS"] = 24 * 3600
    with time_machine.travel(start + dt.timedelta(days=2), tick=False):
        new_browser(app).get(path, expected_status=410)


def test_a_tampered_link_or_one_signed_for_another_purpose_is_a_404(app, client_request):
    submit_with(client_request)
    path = download_path(app, "ana.taranescu@example.ro")
    token = path.rsplit("/", 1)[1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    other = new_browser(app)
    other.get(f"/cont/cerere/descarcare/{tampered}", expected_status=404)
    other.get(f"/cont/cerere/descarcare/{tampered}/cerere.pdf", expected_status=404)
    [stored] = builders.stored(app, AccountRequest)
    payload = {"i": stored.id, "r": stored.reference}
    for salt in ("portal-pensii.activation.v1", "portal-pensii.password-reset.v1"):
        forged = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=salt).dumps(payload)
        other.get(f"/cont/cerere/descarcare/{forged}", expected_status=404)


def test_a_link_gives_its_own_request_and_no_other(app, client_request):
    first = submit_with(client_request)
    second = submit_with(new_browser(app), email="alt@example.ro", email_confirm="alt@example.ro")
    first_path = download_path(app, "ana.taranescu@example.ro")
    second_path = download_path(app, "alt@example.ro")
    other = new_browser(app)
    assert other.get_page(first_path).h1.get_text() == f"Cererea {first}"
    assert other.get_page(second_path).h1.get_text() == f"Cererea {second}"
    pdf = other.get(f"{second_path}/cerere.pdf")
    assert f"cerere-cont-{second}.pdf" in pdf.headers["Content-Disposition"]
    # A signature for one request's id with another's reference (a reference given again after
    # its request was deleted) opens neither.
    first_row, second_row = sorted(builders.stored(app, AccountRequest), key=lambda r: r.id)
    with app.test_request_context():
        mixed = make_request_token(first_row.id, second_row.reference)
    other.get(f"/cont/cerere/descarcare/{mixed}", expected_status=410)


def test_once_registered_the_link_says_the_printout_is_no_longer_needed(app, client_request):
    reference = submit_with(client_request)
    path = download_path(app, "ana.taranescu@example.ro")
    clerk, _ = builders.as_staff(app)
    builders.post_action(clerk, reference, "inregistrare", expected_status=303, **register_data())
    other = new_browser(app)
    page = soup(other.get(path, expected_status=410))
    assert page.h1.get_text() == "Cererea nu mai trebuie tipărită"
    assert "a fost deja înregistrată" in page.get_text(" ")
    other.get(f"{path}/cerere.pdf", expected_status=410)


def test_a_rejected_request_has_nothing_to_print(app, client_request):
    reference = submit_with(client_request)
    path = download_path(app, "ana.taranescu@example.ro")
    with app.test_request_context(), app.extensions["db_sessionmaker"]() as session:
        request = find_by_reference(session, reference)
        clerk = builders.make_staff(session)
        counter_actions.reject(
            session,
            request,
            clerk,
            reason="Date greșite",
            remote_addr=None,
            now=request.submitted_at,
        )
    page = soup(new_browser(app).get(path, expected_status=410))
    assert page.h1.get_text() == "Cererea nu mai poate fi înregistrată"
    assert page.find("a", href="/cont/")


# --- M2: an address that already has an account -------------------------------------------


def normalised_page(response, reference: str, address: str) -> str:
    html = response.get_data(as_text=True).replace(reference, "REF").replace(address, "ADDR")
    # The minute of submission and the page's CSP nonce differ from one request to the next.
    html = re.sub(r"la ora \d\d:\d\d", "la ora HH:MM", html)
    return re.sub(r'nonce="[^"]*"', "", html)


def test_an_address_with_an_active_account_learns_it_by_email_and_only_there(app):
    owner = active_citizen(app, PageClient(app.test_client()))
    taken, fresh = owner.email, "nou@example.ro"
    pages = {}
    for address in (taken, fresh):
        client = new_browser(app)
        reference = submit_with(client, email=address, email_confirm=address)
        response = client.get(f"/cont/cerere/trimisa/{reference}")
        pages[address] = (response.status_code, normalised_page(response, reference, address))
    # The confirmation page is the same whether or not the address has an account.
    assert pages[taken] == pages[fresh]
    assert EXISTING_ACCOUNT not in pages[taken][1]

    told = submitted_email(app, taken)
    for body in (told.text_body, told.html_body):
        assert EXISTING_ACCOUNT in body and "Am uitat parola" in body
        assert "Nu este nevoie să veniți la ghișeu" in body
    assert "http://localhost/parola-uitata" in told.text_body
    assert EXISTING_ACCOUNT not in submitted_email(app, fresh).text_body


def test_an_address_whose_account_awaits_activation_is_sent_to_the_activation_link(app):
    earlier, _, _ = approved(app, index=1)
    client = new_browser(app)
    submit_with(client, email=earlier.email, email_confirm=earlier.email)
    told = submitted_email(app, earlier.email)
    assert "care așteaptă activarea" in told.text_body
    assert "legătura de activare" in told.text_body
    assert "Am uitat parola" not in told.text_body


def test_a_repeated_submission_of_one_draft_sends_one_email(app):
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        session.add(Draft(id="one-draft", journey="account", answers={"identity": {}}))
        session.commit()
        now = dt.datetime.now(dt.UTC)
        first = account_requests.submit(session, builders.answers_for(1), now, "one-draft")
        again = account_requests.submit(session, builders.answers_for(1), now, "one-draft")
    assert again.reference == first.reference
    assert [e.template for e in emails_to(app, first.email)] == ["submitted"]
