"""The declaration for a transfer of the pension abroad in Chromium, with JavaScript on (htmx)
and off. Every page of the journey, empty and with errors, goes through axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journeys import MARKER, Journey, pdf_text
from tests.builders import PENSIONER_CNP, REPRESENTATIVE_CNP

pytestmark = pytest.mark.browser

LAST_NAME = "Țărănescu"
FIRST_NAME = "Ștefania-Ană"
TYPED_IBAN = "it60 x054 2811 1010 0000 0123 456"
PRINTED_IBAN = "IT60 X054 2811 1010 0000 0123 456"
ERROR_TITLE = re.compile(r"^Eroare: ")
BASE = "/plata-strainatate"


def fill_pensioner(page: Page) -> None:
    page.get_by_label("Numele de familie").fill(LAST_NAME)
    page.get_by_label("Prenumele").fill(FIRST_NAME)
    page.get_by_label("CNP", exact=True).fill(PENSIONER_CNP)
    page.get_by_label("Numărul dosarului de pensie sau al deciziei de pensie").fill("123456/2019")
    page.get_by_label("Casa de pensii care vă plătește pensia").select_option("DB")
    page.get_by_label("Țara în care locuiți").select_option("IT")
    page.get_by_label("Strada, numărul și apartamentul").fill("Via Roma 12, int. 4")
    page.get_by_label("Localitatea").fill("Roma")
    page.get_by_label("Codul poștal").fill("00184")
    page.get_by_label("Telefon").fill("+39 06 1234 5678")


def fill_account(page: Page, iban: str = TYPED_IBAN) -> None:
    page.get_by_label("Țara băncii").select_option("IT")
    page.get_by_label("IBAN-ul contului").fill(iban)
    page.get_by_label("Codul BIC (SWIFT) al băncii").fill("bpmoit22xxx")
    page.get_by_label("Numele băncii").fill("Banco BPM")
    page.get_by_label("Adresa băncii").fill("Piazza Filippo Meda 4, 20121 Milano")
    page.get_by_label("Numele titularului contului, așa cum îl scrie banca").fill(
        "TARANESCU STEFANIA ANA"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_whole_journey_is_accessible_and_ends_with_a_printable_declaration(browsing, javascript):
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)

    page.goto("/plata-card/")
    page.get_by_role("link", name="Cereți plata pensiei într-un cont din străinătate").click()
    journey.arrive(f"{BASE}/")
    journey.audit("start page")
    page.get_by_role("button", name="Începeți declarația").click()

    # Step 1: empty, submitted empty, then filled.
    journey.arrive(f"{BASE}/declaratie")
    expect(page).not_to_have_title(ERROR_TITLE)
    journey.audit("pensioner, empty")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Alegeți țara în care locuiți.")).to_have_attribute(
        "href", "#country_code"
    )
    journey.audit("pensioner, submitted empty")
    fill_pensioner(page)
    page.get_by_role("button", name="Continuați").click()

    # Step 2: a Romanian IBAN is refused, with the way to the Romanian request.
    journey.arrive(f"{BASE}/declaratie/cont")
    journey.audit("account, empty")
    fill_account(page, iban="RO49 BTRL 0000 0000 0000 0076")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#iban-error")).to_contain_text("Acesta este un IBAN din România")
    expect(page.locator("#own_account-error")).to_contain_text("Confirmați că acest cont")
    expect(
        page.get_by_role(
            "link",
            name="completați cererea de plată a pensiei pe card sau în cont bancar",
            exact=True,
        )
    ).to_have_attribute("href", "/plata-card/")
    journey.audit("account, Romanian IBAN, no declaration")
    page.get_by_label("IBAN-ul contului").fill(TYPED_IBAN)
    page.get_by_label("Confirm că acest cont este deschis pe numele titularului pensiei.").check()
    page.get_by_role("button", name="Continuați").click()

    # Step 3: someone else files; their questions are the next page, JS on or off.
    journey.arrive(f"{BASE}/declaratie/depunere")
    journey.audit("who files, empty")
    who = page.get_by_role("group", name="Cine depune declarația?")
    who.get_by_label("O persoană împuternicită de titular prin procură specială").check()
    page.get_by_role("button", name="Continuați").click()
    journey.arrive(f"{BASE}/declaratie/reprezentant")
    journey.audit("representative, empty")
    main = page.get_by_role("main")
    main.get_by_label("Numele de familie").fill("Popescu")
    main.get_by_label("Prenumele").fill("Ion")
    main.get_by_label("CNP").fill(REPRESENTATIVE_CNP)
    main.get_by_label("Numărul procurii sau al hotărârii").fill("1234")
    main.get_by_label("Data procurii sau a hotărârii").fill("10.01.2024")
    page.get_by_role("button", name="Continuați").click()

    # Check your answers, then confirm.
    journey.arrive(f"{BASE}/declaratie/verificare")
    main = page.get_by_role("main")
    for shown in (LAST_NAME, PENSIONER_CNP, PRINTED_IBAN, "BPMOIT22XXX", "Italia", "Popescu"):
        expect(main).to_contain_text(shown)
    journey.audit("check your answers")
    page.get_by_role("button", name="Confirmați și pregătiți declarația").click()

    journey.arrive(f"{BASE}/declaratie/gata")
    expect(page.get_by_role("heading", level=1)).to_have_text("Declarația este gata de tipărit")
    expect(page.get_by_role("main")).to_contain_text("casadepensiidambovita@cnpp.ro")
    journey.audit("ready to print")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Descărcați declarația (PDF)").click()
    download = pdf_download.value
    assert download.suggested_filename == "declaratie-transfer-pensie-strainatate.pdf"
    text = pdf_text(download.path().read_bytes())
    for printed in (PENSIONER_CNP, LAST_NAME, PRINTED_IBAN, "BPMOIT22XXX", REPRESENTATIVE_CNP):
        assert printed in text, f"{printed!r} is not in the PDF's text:\n{text}"

    word = page.request.get(
        page.get_by_role("link", name="Descărcați declarația (Word)").get_attribute("href")
    )
    assert word.ok and word.body().startswith(b"PK")

    page.get_by_role("link", name="Vedeți declarația în browser, pentru tipărire").click()
    journey.arrive(f"{BASE}/declaratie/tiparire")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Declarație de transfer")
    journey.audit("print view")


def test_leaving_the_bic_checks_it_against_the_bank_country_in_place(browsing):
    page = browsing.open(javascript=True)
    journey = Journey(page, browsing, javascript=True)
    page.goto(f"{BASE}/declaratie")
    journey.arrive(f"{BASE}/declaratie")
    fill_pensioner(page)
    page.get_by_role("button", name="Continuați").click()
    journey.arrive(f"{BASE}/declaratie/cont")

    page.get_by_label("Țara băncii").select_option("IT")
    bic = page.get_by_label("Codul BIC (SWIFT) al băncii")
    bic.fill("DEUTDEFF")
    with page.expect_response(lambda response: response.request.headers.get("x-field") == "bic"):
        bic.press("Tab")
    expect(page.locator("#bic-error")).to_contain_text("este al unei bănci din Germania")
    expect(bic).to_have_attribute("aria-invalid", "true")
    assert page.evaluate(MARKER) is True, "leaving the field reloaded the page"
    browsing.assert_accessible(page, "account, BIC of another country left")
