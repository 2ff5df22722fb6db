"""Nothing lost, in Chromium with JavaScript on and off (M2, M3, m12, m17): a draft survives
closing the browser, and a request submitted on one device is printed from another with the
link of the submission email, or at the counter with the reference alone."""

import datetime as dt
import re
import time

import pytest
from playwright.sync_api import expect

from domain import ro
from domain.account_requests import NO_PRINTER
from tests.browser.journeys import LAST_NAME, REFERENCE, pdf_text, submit_without_persons
from tests.builders import APPLICANT_CNP, make_staff
from tests.smtp_server import Recorder
from webapp.account.service import find_by_reference
from webapp.counter import service as counter_actions
from webapp.outbox.delivery import deliver_due, smtp_settings_from

pytestmark = pytest.mark.browser

FIRST_PAGES = ["/cont/cerere", "/plata-card/cerere", "/certificat-de-viata/date"]
LINK = re.compile(r"http://[^\s]+/cont/cerere/descarcare/[\w.\-]+")


def after_restart(browsing, page, javascript: bool):
    """The same browser opened again: a new context with the stored cookies (storage_state) that
    a restart keeps, those with an expiry; session cookies are dropped, as Chromium drops them."""
    kept = [cookie for cookie in page.context.storage_state()["cookies"] if cookie["expires"] > 0]
    page.context.close()
    # Through browsing.open, so that axe knows whether the new page runs scripts.
    reopened = browsing.open(javascript=javascript)
    reopened.context.add_cookies(kept)
    return reopened, kept


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize("path", FIRST_PAGES)
def test_a_draft_survives_closing_the_browser(browsing, path, javascript):
    page = browsing.open(javascript=javascript)
    page.goto(path)
    page.get_by_label("Numele de familie", exact=True).fill(LAST_NAME)
    page.get_by_role("button", name="Continuați").click()
    # Not complete, so the page is shown again with its problems; what was typed is kept.
    expect(page.locator(".error-summary")).to_be_visible()

    reopened, kept = after_restart(browsing, page, javascript)
    assert "portal_pensii" in {cookie["name"] for cookie in kept}
    reopened.goto(path)
    expect(reopened.get_by_label("Numele de familie", exact=True)).to_have_value(LAST_NAME)
    browsing.assert_accessible(reopened, "draft after a restart")


def deliver(live_app, port: int) -> None:
    """Sends what the outbox holds to the test SMTP server on `port`."""
    live_app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    try:
        with live_app.app_context(), live_app.extensions["db_sessionmaker"]() as session:
            deliver_due(session, smtp_settings_from(live_app.config), dt.datetime.now(dt.UTC))
    finally:
        live_app.config.update(SMTP_HOST=None)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_a_request_is_printed_from_another_device_with_the_emailed_link(
    browsing, live_app, start_smtp, javascript
):
    citizen = browsing.open(javascript=javascript)
    submit_without_persons(citizen)
    expect(citizen.locator("strong.reference")).to_have_text(REFERENCE)
    reference = citizen.locator("strong.reference").inner_text()
    expect(citizen.locator("main")).to_contain_text(NO_PRINTER)
    browsing.assert_accessible(citizen, "confirmation")

    server = start_smtp(Recorder())
    deliver(live_app, server.port)
    [received] = server.handler.received
    body = received.message.get_body(("plain",)).get_content()
    assert reference in body and NO_PRINTER in body
    link = LINK.search(body).group(0)

    phone = browsing.open(javascript=javascript)
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"Cererea {reference}")
    expect(phone.locator("main")).to_contain_text(NO_PRINTER)
    browsing.assert_accessible(phone, "emailed download page")
    with phone.expect_download() as pdf_download:
        phone.get_by_role("link", name="Descărcați cererea (PDF)").click()
    text = pdf_text(pdf_download.value.path().read_bytes())
    assert reference in text and LAST_NAME in text

    # The submitting browser's confirmation is not this device's: the 403 says what works.
    response = phone.goto(citizen.url)
    assert response.status == 403
    expect(phone.locator("main")).to_contain_text("folosiți legătura din e-mailul primit")
    expect(phone.locator("main")).to_contain_text("cererea se tipărește acolo")
    browsing.assert_accessible(phone, "403 in another browser")

    # /stare reads the reference as people copy it, and says what to do next.
    phone.goto("/stare")
    year, number = reference.split("-")[1:]
    phone.get_by_label("Numărul de referință").fill(f"{year}-{int(number)}")
    phone.get_by_label("Ultimele 4 cifre ale CNP-ului").fill(APPLICANT_CNP[-4:])
    phone.get_by_role("button", name="Vedeți stadiul").click()
    expect(phone.locator(".next-step")).to_contain_text("cu cererea semnată și actul de identitate")
    expect(phone.locator(".next-step")).to_contain_text(NO_PRINTER)
    browsing.assert_accessible(phone, "status with the next step")

    # Once registered, the link says the printout is no longer needed.
    with live_app.test_request_context(), live_app.extensions["db_sessionmaker"]() as session:
        counter_actions.register(
            session,
            find_by_reference(session, reference),
            make_staff(session),
            registration_number="R-1",
            registered_on=ro.today(),
            checklist={"id_seen": True},
            remote_addr=None,
            now=dt.datetime.now(dt.UTC),
        )
    assert phone.goto(link).status == 410
    expect(phone.get_by_role("heading", level=1)).to_have_text("Cererea nu mai trebuie tipărită")
    browsing.assert_accessible(phone, "link of a registered request")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_an_expired_link_says_what_to_do_instead(browsing, live_app, start_smtp, javascript):
    citizen = browsing.open(javascript=javascript)
    submit_without_persons(citizen)
    expect(citizen.locator("strong.reference")).to_have_text(REFERENCE)
    server = start_smtp(Recorder())
    deliver(live_app, server.port)
    link = LINK.search(server.handler.received[0].message.get_body(("plain",)).get_content())
    live_app.config["REQUEST_DOWNLOAD_MAX_AGE_SECONDS"] = 1
    try:
        # Signed to the second: two seconds on, a one-second link has expired.
        time.sleep(2.1)
        phone = browsing.open(javascript=javascript)
        assert phone.goto(link.group(0)).status == 410
    finally:
        live_app.config["REQUEST_DOWNLOAD_MAX_AGE_SECONDS"] = 30 * 24 * 3600
    expect(phone.get_by_role("heading", level=1)).to_have_text("Legătura a expirat")
    expect(phone.locator("main")).to_contain_text("cererea se tipărește acolo")
    browsing.assert_accessible(phone, "expired link")
