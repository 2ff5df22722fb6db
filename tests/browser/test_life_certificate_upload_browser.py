"""The certified life certificate sent back online, in Chromium with JavaScript on and off:
every page through axe-core, a file too big said beside its field (at once with JavaScript,
after the upload without), one that is not what it claims refused by its content, then sent,
with the reference on the confirmation; and the clerk of the paying house accepting it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import Journey, sign_in_staff
from tests.builders import LIFE_CERTIFICATE_CNP, make_staff, pdf_bytes, png_bytes

pytestmark = pytest.mark.browser

BASE = "/certificat-de-viata/trimitere"
ERROR_TITLE = re.compile(r"^Eroare: ")
TOO_BIG = 5 * 1024 * 1024 + 10


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_send_the_certificate_online(browsing, live_app, javascript):
    page = browsing.open(javascript=javascript)
    page.goto("/certificat-de-viata/")
    page.get_by_role("link", name="Trimiteți certificatul online").click()
    journey = Journey(page, browsing, javascript)

    journey.arrive(BASE)
    journey.audit("start")
    page.get_by_role("button", name="Începeți").click()

    journey.arrive(f"{BASE}/date")
    journey.audit("who, empty")
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_title(ERROR_TITLE)
    journey.audit("who, with errors")
    page.get_by_label("Numele de familie").fill("Țărănescu")
    page.get_by_label("Prenumele").fill("Ana")
    page.get_by_label("CNP").fill(LIFE_CERTIFICATE_CNP)
    page.get_by_label("Numărul dosarului de pensie").fill("123456")
    page.get_by_label("Casa de pensii care vă plătește pensia").select_option("DB")
    page.get_by_label("Adresa de e-mail pentru confirmare").fill("ana@example.it")
    page.get_by_role("button", name="Continuați").click()

    journey.arrive(f"{BASE}/fisier")
    journey.audit("files, empty")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 320
    front = page.get_by_label("Certificatul", exact=True)
    front.set_input_files(
        [{"name": "mare.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-" + b"0" * TOO_BIG}]
    )
    if javascript:
        # Said at once, and the form is not sent.
        expect(page.locator("#fata-error")).to_be_visible()
        expect(page.locator("#fata-error")).to_contain_text("peste 5 MB")
        expect(front).to_have_attribute("aria-invalid", "true")
        page.get_by_role("button", name="Continuați").click()
        expect(page.locator("#fata-error")).to_be_visible()
        expect(front).to_be_focused()
        # Not sent: the page is the same one, not a reload (Journey's marker).
        journey.audit("files, too big (before upload)")
    else:
        page.get_by_role("button", name="Continuați").click()
        journey.arrive(f"{BASE}/fisier")
        expect(page).to_have_title(ERROR_TITLE)
        expect(page.locator("#fata-error")).to_contain_text("Un fișier poate avea cel mult 5 MB")
        journey.audit("files, too big")
    front = page.get_by_label("Certificatul", exact=True)
    front.set_input_files(
        [{"name": "virus.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 10}]
    )
    if javascript:
        expect(page.locator("#fata-error")).to_be_hidden()
    page.get_by_role("button", name="Continuați").click()
    journey.arrive(f"{BASE}/fisier")
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#fata-error")).to_contain_text("nu este un PDF, JPEG sau PNG")
    journey.audit("files, not a PDF by content")

    page.get_by_label("Certificatul", exact=True).set_input_files(
        [{"name": "certificat.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.get_by_label("Verso (a doua față, opțional)").set_input_files(
        [{"name": "verso.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_role("button", name="Continuați").click()

    journey.arrive(f"{BASE}/verificare")
    expect(page.get_by_text(re.compile(r"certificat\.pdf \(PDF"))).to_be_visible()
    journey.audit("check")
    page.get_by_role("button", name="Trimiteți certificatul").click()

    journey.arrive(rf"{BASE}/CV-\d{{4}}-000001/primit")
    expect(page.locator("strong.reference")).to_have_text(re.compile(r"CV-\d{4}-000001"))
    expect(page.get_by_text(re.compile(r"Data primirii: \d+ \w+ \d{4}"))).to_be_visible()
    journey.audit("confirmation")

    # The clerk of the paying house (Dâmbovița) sees it and accepts it.
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        make_staff(session, email="clerk@cjpdb.ro", county="DB")
        session.close()
    staff = browsing.open(javascript=javascript)
    sign_in_staff(staff, live_app, "clerk@cjpdb.ro")
    staff.get_by_role("link", name="Certificate de viață").click()
    browsing.assert_accessible(staff, "counter queue")
    # Reflow (WCAG 1.4.10): the list stacks at 320 CSS px, as the other counter lists do.
    staff.set_viewport_size({"width": 320, "height": 640})
    assert staff.evaluate("() => document.scrollingElement.scrollWidth") <= 320
    browsing.assert_accessible(staff, "counter queue at 320 px")
    staff.get_by_role("link", name=re.compile(r"CV-\d{4}-000001")).click()
    browsing.assert_accessible(staff, "counter certificate")
    staff.get_by_role("button", name="Cereți un certificat nou").click()
    expect(staff).to_have_title(ERROR_TITLE)
    browsing.assert_accessible(staff, "counter certificate, reason missing")
    staff.get_by_role("button", name="Acceptați ca valabil").click()
    expect(staff.locator("#stadiu")).to_contain_text("Acceptat ca valabil")
    browsing.assert_accessible(staff, "counter certificate, accepted")
