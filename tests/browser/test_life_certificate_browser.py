"""The life certificate in Chromium, with JavaScript on (htmx) and off (plain forms).

Every page of the journey goes through axe-core, empty and with errors.
"""

import io
import re
import unicodedata

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

BASE = "/certificat-de-viata"
CNP = "2500514123451"  # woman born 14.05.1950
LAST_NAME = "Țărănescu"
FIRST_NAME = "Ștefania-Ană"
ERROR_TITLE = re.compile(r"^Eroare: ")
MARKER = "window.__journeyMarker"


class Journey:
    """With JavaScript on, a marker set on `window` when a page loads must survive everything
    that should happen in place."""

    def __init__(self, page: Page, browsing, javascript: bool):
        self.page = page
        self.browsing = browsing
        self.javascript = javascript

    def audit(self, state: str) -> None:
        self.browsing.assert_accessible(self.page, state)

    def arrive(self, path: str) -> None:
        expect(self.page).to_have_url(re.compile(rf"^http://[^/]+{path}$"))
        if self.javascript:
            self.page.wait_for_load_state()
            self.page.evaluate(f"{MARKER} = true")

    def in_place(self, button) -> None:
        if not self.javascript:
            button.click()
            return
        with self.page.expect_response(
            lambda response: (
                response.request.method == "POST" and "x-field" not in response.request.headers
            )
        ):
            button.click()
        self.page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        )
        assert self.page.evaluate(MARKER) is True, "the page was reloaded instead of updated"


def fill_details(page: Page, **overrides) -> None:
    answers = {
        "Numele de familie": LAST_NAME,
        "Prenumele": FIRST_NAME,
        "CNP": CNP,
        "Data nașterii": "14.05.1950",
        "Numărul dosarului de pensie": "123456/2019",
        "Adresa: strada și numărul": "Via Giuseppe Garibaldi 128, int. 4",
        "Adresa: codul poștal și localitatea": "00184 Roma",
        "Telefon": "+39 06 1234 5678",
        "Adresa de e-mail (opțional)": "ana@example.it",
    } | overrides
    for label, value in answers.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Casa de pensii care vă plătește pensia").select_option("DB")
    page.get_by_label("Țara în care locuiți").select_option("IT")
    page.get_by_role("group", name="A doua limbă a certificatului").get_by_label(
        "Română și italiană (italiano)"
    ).check()


def pdf_text(body: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_whole_journey_is_accessible_and_ends_with_the_bilingual_certificate(browsing, javascript):
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)

    page.goto("/")
    page.get_by_role(
        "link", name="Certificatul de viață pentru pensionarii din străinătate"
    ).click()
    journey.arrive(f"{BASE}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Certificatul de viață pentru pensionarii care locuiesc în străinătate"
    )
    expect(page.get_by_role("main")).to_contain_text("ITAL-UIL")
    # M8: from when a certificate counts, and what the yearly calendar file holds.
    expect(page.locator("#accepted-from")).to_contain_text("cel mai devreme pe 1 ianuarie")
    expect(page.get_by_role("main")).to_contain_text("amintirile se repetă în fiecare an")
    journey.audit("start page")
    page.get_by_role("button", name="Completați certificatul").click()

    # The question page: empty, submitted empty, with a wrong answer, then right.
    journey.arrive(f"{BASE}/date")
    expect(page).not_to_have_title(ERROR_TITLE)
    journey.audit("details, empty")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Introduceți numele de familie.")).to_have_attribute(
        "href", "#last_name"
    )
    expect(
        summary.get_by_role("link", name="Alegeți a doua limbă a certificatului.")
    ).to_have_attribute("href", "#language-0")
    journey.audit("details, submitted empty")

    # A Romanian mobile number typed as at home is not guessed as an Italian one.
    fill_details(page, Telefon="0722 123 456")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#phone-error")).to_contain_text("prefixul țării")
    expect(page.get_by_label("Telefon", exact=True)).to_have_value("0722 123 456")
    expect(page.get_by_label("Numele de familie")).to_have_value(LAST_NAME)
    journey.audit("details, wrong phone")
    # m5: an Italian number without +39, from someone living in Italy, is completed.
    page.get_by_label("Telefon", exact=True).fill("06 1234 5678")
    page.get_by_role("button", name="Continuați").click()

    # Check your answers, then prepare the certificate.
    journey.arrive(f"{BASE}/verificare")
    main = page.get_by_role("main")
    for shown in (LAST_NAME, FIRST_NAME, CNP, "Italia", "+39 06 1234 5678", "Română și italiană"):
        expect(main).to_contain_text(shown)
    journey.audit("check your answers")
    page.get_by_role("button", name="Pregătiți certificatul").click()

    journey.arrive(f"{BASE}/gata")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Certificatul de viață este gata de tipărit"
    )
    expect(page.get_by_role("main")).to_contain_text("certificateviata.dambovita@cnpp.ro")
    expect(page.locator("#accepted-from")).to_contain_text("cel mai devreme pe")
    journey.audit("ready")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Descărcați certificatul (PDF)").click()
    download = pdf_download.value
    assert download.suggested_filename == "certificat-de-viata-ro-it.pdf"
    text = pdf_text(download.path().read_bytes())
    for printed in (
        f"{LAST_NAME} {FIRST_NAME}".upper(),  # part A in capitals, as the official model asks
        CNP,
        "Certificat de viață",
        "Certificato di esistenza in vita",
        "Formularul trebuie completat cu majuscule",
        "Act de identitate prezentat / Documento esibito",
    ):
        assert printed in text, f"{printed!r} is not in the PDF's text:\n{text}"

    calendar = page.request.get(
        page.get_by_role("link", name="Adăugați termenele în calendar").get_attribute("href")
    )
    assert calendar.ok and calendar.body().startswith(b"BEGIN:VCALENDAR\r\n")

    page.get_by_role("link", name="Vedeți certificatul în browser, pentru tipărire").click()
    journey.arrive(f"{BASE}/tiparire")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Certificato di esistenza in vita")
    expect(page.get_by_role("main")).to_contain_text("Il modulo va compilato in stampatello")
    expect(page.get_by_role("main")).to_contain_text("certificateviata.dambovita@cnpp.ro")
    journey.audit("print view")


def test_leaving_a_field_checks_it_in_place(browsing):
    page = browsing.open(javascript=True)
    journey = Journey(page, browsing, javascript=True)
    page.goto(f"{BASE}/date")
    journey.arrive(f"{BASE}/date")
    phone = page.get_by_label("Telefon", exact=True)
    phone.fill("06 1234 5678")
    with page.expect_response(lambda r: r.request.headers.get("x-field") == "phone") as checked:
        phone.press("Tab")
    assert checked.value.status == 200
    expect(page.locator("#phone-error")).to_contain_text("prefixul țării")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_value("06 1234 5678")
    expect(page.get_by_label("Adresa de e-mail (opțional)")).to_be_focused()
    expect(page.locator(".error-summary")).to_have_count(0)
    assert page.evaluate(MARKER) is True, "leaving the field reloaded the page"
    browsing.assert_accessible(page, "details, phone left without a country code")

    phone.fill("+39 06 1234 5678")
    with page.expect_response(lambda r: r.request.headers.get("x-field") == "phone"):
        phone.press("Tab")
    expect(page.locator("#phone-error")).to_have_count(0)
    assert page.evaluate(MARKER) is True
