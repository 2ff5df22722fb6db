"""The citizen's receipt (m11): registering a request at the counter emails its author the house,
the registration number and date, in the registration's own transaction."""

import datetime as dt

from domain import ro
from tests.builders import (
    add_request,
    as_staff,
    emails_to,
    post_action,
    register_data,
    stored,
)
from tests.page_checks import CEDILLA, soup
from tests.smtp_server import Recorder
from webapp.models import AccountRequest
from webapp.outbox.delivery import SmtpSettings, deliver_due

ADDRESS = "persoana1@example.ro"


def receipts(app) -> list:
    return [email for email in emails_to(app, ADDRESS) if email.template == "registered"]


def test_registering_sends_the_receipt_with_house_number_and_date(app, start_smtp):
    reference = add_request(app)
    clerk, _ = as_staff(app)
    data = register_data(registration_number="4567/2026")
    response = post_action(clerk, reference, "inregistrare", expected_status=303, **data)
    banner = clerk.get_page(response.headers["Location"]).find(role="status").get_text()
    assert "solicitantul primește confirmarea prin e-mail" in banner

    server = start_smtp(Recorder())
    settings = SmtpSettings(host="127.0.0.1", port=server.port, mail_from="x@portal.ro", timeout=5)
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        deliver_due(session, settings, dt.datetime.now(dt.UTC))
    [message] = [
        item.message
        for item in server.handler.received
        if "înregistrată" in item.message["Subject"]
    ]
    assert message["Subject"] == f"Cererea {reference} a fost înregistrată"
    assert message["To"] == ADDRESS
    for part in message.iter_parts():
        body = part.get_content()
        assert (
            f"Cererea {reference} a fost înregistrată la Casa Județeană de Pensii Cluj "
            f"cu nr. 4567/2026 din {ro.long_date(ro.today())}."
        ) in " ".join(soup_text(body, part.get_content_type()).split())
        assert "http://localhost/stare" in body
        assert not CEDILLA.search(body)


def soup_text(body: str, content_type: str) -> str:
    if content_type == "text/html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(body, "html.parser").get_text(" ")
    return body


def test_a_refused_registration_sends_no_receipt(app):
    reference = add_request(app)
    clerk, _ = as_staff(app)
    post_action(clerk, reference, "inregistrare", expected_status=303, **register_data())
    assert len(receipts(app)) == 1
    # Registered already: refused, and no second receipt.
    again = post_action(clerk, reference, "inregistrare", expected_status=200, **register_data())
    assert soup(again).find(class_="error-summary")
    assert len(receipts(app)) == 1
    # An invalid form registers nothing and sends nothing.
    other = add_request(app, index=2)
    post_action(clerk, other, "inregistrare", expected_status=200, **register_data(id_seen=None))
    assert stored(app, AccountRequest, AccountRequest.reference == other)[0].status == "submitted"
    assert [e for e in emails_to(app, "persoana2@example.ro") if e.template == "registered"] == []
