"""Issue 3's whole journey in Chromium, with JavaScript on and off: the citizen submits, a clerk
signs in (password, then the authenticator code), finds the request by reference and registers it,
a second clerk approves it; the activation email is read from a real SMTP server on loopback; its
link sets the password; the citizen signs in.
axe-core checks every page on the way."""

import datetime as dt
import email
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Page, expect
from sqlalchemy import select

from domain import ro
from tests.browser.journeys import REFERENCE, submit_without_persons
from tests.builders import STAFF_PASSWORD, make_staff, totp_code
from webapp.models import StaffMember
from webapp.outbox.delivery import deliver_due, smtp_settings_from

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Pensie2026!"
CLERK = "functionar@cjp.ro"
# Four eyes: the clerk who registered a request does not decide on it.
APPROVER = "aprobator@cjp.ro"


class Inbox:
    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 2.0.0 OK"


@pytest.fixture
def smtp_inbox(live_app):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    live_app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    yield inbox
    live_app.config.update(SMTP_HOST=None)
    controller.stop()


def text_part(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset())
    raise AssertionError("no text part")


def sign_in(page: Page, browsing, email_address: str, password: str) -> None:
    page.goto("/autentificare")
    browsing.assert_accessible(page, "sign-in")
    page.get_by_label("Adresa de e-mail").fill(email_address)
    page.get_by_label("Parola", exact=True).fill(password)
    page.get_by_role("button", name="Autentificare").click()


def staff_sign_in(page: Page, browsing, live_app, email_address: str) -> None:
    sign_in(page, browsing, email_address, STAFF_PASSWORD)
    expect(page).to_have_url(re.compile(r"/autentificare/cod$"))
    browsing.assert_accessible(page, "code")
    code = page.get_by_label("Codul de verificare")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    code.fill("000000")
    page.get_by_role("button", name="Continuați").click()
    expect(page.locator(".error-summary")).to_contain_text("nu este corect")
    browsing.assert_accessible(page, "code with errors")
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        member = session.execute(select(StaffMember).where(StaffMember.email == email_address))
        valid = totp_code(session, member.scalar_one().id)
        session.close()
    page.get_by_label("Codul de verificare").fill(valid)
    page.get_by_role("button", name="Continuați").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_request_to_signed_in_citizen(browsing, live_app, smtp_inbox, javascript):
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        make_staff(session, email=CLERK, county="CJ")
        make_staff(session, email=APPROVER, county="CJ")
        session.close()

    citizen = browsing.open(javascript=javascript)
    submit_without_persons(citizen)
    expect(citizen.locator("strong.reference")).to_have_text(REFERENCE)
    reference = citizen.locator("strong.reference").inner_text()

    clerk = browsing.open(javascript=javascript)
    staff_sign_in(clerk, browsing, live_app, CLERK)
    expect(clerk).to_have_url(re.compile(r"/ghiseu/?$"))
    browsing.assert_accessible(clerk, "queue")
    # A QR scanner types the reference as it reads it.
    clerk.get_by_label("Numărul de referință sau CNP-ul").fill(reference.lower().replace("-", ""))
    clerk.get_by_role("button", name="Căutați").click()
    expect(clerk.get_by_role("heading", level=1)).to_have_text(f"Cererea {reference}")
    browsing.assert_accessible(clerk, "request page")

    clerk.get_by_role("button", name="Înregistrați cererea").click()
    expect(clerk.locator(".error-summary")).to_be_visible()
    browsing.assert_accessible(clerk, "register with errors")
    clerk.get_by_label(re.compile("Am văzut actul de identitate")).check()
    clerk.get_by_label("Numărul de înregistrare").fill("12345/2026")
    clerk.get_by_label("Data înregistrării").fill(ro.today().strftime("%d.%m.%Y"))
    clerk.get_by_role("button", name="Înregistrați cererea").click()
    expect(clerk.locator("body")).to_contain_text("înregistrat")
    browsing.assert_accessible(clerk, "registered")

    approver = browsing.open(javascript=javascript)
    staff_sign_in(approver, browsing, live_app, APPROVER)
    expect(approver).to_have_url(re.compile(r"/ghiseu/?$"))
    approver.goto(f"/ghiseu/cerere/{reference}")
    approver.get_by_role("button", name="Aprobați cererea").click()
    expect(approver.locator("body")).to_contain_text("aprobat")
    browsing.assert_accessible(approver, "approved")

    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        report = deliver_due(session, smtp_settings_from(live_app.config), dt.datetime.now(dt.UTC))
        session.close()
    # The submission email, the registration receipt and the activation.
    assert report.sent == 3, report
    [body] = [text for m in smtp_inbox.messages if "/cont/activare/" in (text := text_part(m))]
    assert "72 de ore" in body
    link = re.search(r"http://[^\s]+/cont/activare/[\w.\-]+", body).group(0)

    citizen.goto(link)
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Alegeți parola contului")
    browsing.assert_accessible(citizen, "set password")
    citizen.get_by_label("Parola nouă").fill("scurta")
    citizen.get_by_role("button", name="Salvați parola").click()
    expect(citizen.locator("#password-error")).to_contain_text("cel puțin 8 caractere")
    browsing.assert_accessible(citizen, "set password with errors")
    citizen.get_by_label("Parola nouă").fill(NEW_PASSWORD)
    citizen.get_by_role("button", name="Salvați parola").click()
    expect(citizen).to_have_url(re.compile(r"/autentificare$"))
    expect(citizen.get_by_label("Adresa de e-mail")).to_have_value("ana.taranescu@example.ro")

    sign_in(citizen, browsing, "ana.taranescu@example.ro", NEW_PASSWORD)
    expect(citizen).to_have_url(re.compile(r"/contul-meu/$"))
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Contul meu")
    browsing.assert_accessible(citizen, "my account")
