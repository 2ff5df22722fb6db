"""The request for payment into an account in Chromium, with JavaScript on (htmx) and off.

Every page of the journey, empty and with errors, goes through axe-core.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journeys import MARKER, Journey, pdf_text
from tests.builders import PENSIONER_CNP, REPRESENTATIVE_CNP

pytestmark = pytest.mark.browser

LAST_NAME = "Țărănescu"
FIRST_NAME = "Ștefania-Ană"
TYPED_IBAN = "ro49 btrl 0000 0000 0000 0076"
PRINTED_IBAN = "RO49 BTRL 0000 0000 0000 0076"
ERROR_TITLE = re.compile(r"^Eroare: ")


def fill_pensioner(page: Page) -> None:
    page.get_by_label("Numele de familie").fill(LAST_NAME)
    page.get_by_label("Prenumele").fill(FIRST_NAME)
    page.get_by_label("CNP", exact=True).fill(PENSIONER_CNP)
    page.get_by_label("Numărul dosarului de pensie sau al deciziei de pensie").fill("123456/2019")
    page.get_by_label("Casa de pensii care plătește pensia").select_option("DB")
    page.get_by_label("Județul").select_option("DB")
    page.get_by_label("Localitatea").fill("Târgoviște")
    page.get_by_label("Strada").fill("Strada Mihai Bravu")
    page.get_by_label("Numărul", exact=True).fill("12A")
    page.get_by_label("Codul poștal").fill("130004")
    page.get_by_label("Telefon").fill("0722 123 456")


def declaration(page: Page):
    return page.get_by_label("Confirm că acest cont este deschis pe numele titularului pensiei.")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_whole_journey_is_accessible_and_ends_with_a_printable_request(browsing, javascript):
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)

    page.goto("/")
    page.get_by_role("link", name="Cereți plata pensiei pe card sau în cont bancar").click()
    journey.arrive("/plata-card/")
    journey.audit("start page")
    page.get_by_role("button", name="Începeți cererea").click()

    # Step 1: empty, submitted empty, then filled.
    journey.arrive("/plata-card/cerere")
    expect(page).not_to_have_title(ERROR_TITLE)
    journey.audit("pensioner, empty")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Introduceți numele de familie.")).to_have_attribute(
        "href", "#last_name"
    )
    journey.audit("pensioner, submitted empty")
    fill_pensioner(page)
    page.get_by_role("button", name="Continuați").click()

    # Step 2: no bank to pick; the IBAN says it. No declaration first.
    journey.arrive("/plata-card/cerere/cont")
    journey.audit("account, empty")
    expect(page.get_by_label("Banca", exact=True)).to_have_count(0)
    page.get_by_label("IBAN-ul contului").fill(TYPED_IBAN)
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#iban-hint")).to_have_text(
        "Banca: Banca Transilvania ✓ (după codul BTRL din IBAN)"
    )
    expect(page.locator("#own_account-error")).to_contain_text("Confirmați că acest cont")
    expect(page.get_by_label("IBAN-ul contului")).to_have_value("RO49BTRL0000000000000076")
    expect(page.locator(".error-summary")).to_be_focused()
    journey.audit("account, bank shown from the IBAN, no declaration")
    declaration(page).check()
    page.get_by_role("button", name="Continuați").click()

    # Step 3: someone else files. JS on, their questions appear under the choice; JS off they
    # are the next page.
    journey.arrive("/plata-card/cerere/depunere")
    journey.audit("who files, empty")
    representative = page.get_by_role(
        "group", name="Persoana care depune cererea în numele titularului"
    )
    expect(representative).to_be_hidden()
    who = page.get_by_role("group", name="Cine depune cererea?")
    who.get_by_label("O persoană împuternicită de titular prin procură specială").check()
    if javascript:
        expect(representative).to_be_visible()
        journey.audit("who files, representative revealed")
        journey.in_place(page.get_by_role("button", name="Continuați"))
        expect(page).to_have_title(ERROR_TITLE)
    else:
        expect(representative).to_be_hidden()
        page.get_by_role("button", name="Continuați").click()
        journey.arrive("/plata-card/cerere/reprezentant")
        journey.audit("representative page")
        representative = page.get_by_role("main")
        journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page.locator(".error-summary")).to_contain_text(
        "Introduceți CNP-ul persoanei care depune cererea."
    )
    journey.audit("who files, representative missing")
    representative.get_by_label("Numele de familie").fill("Popescu")
    representative.get_by_label("Prenumele").fill("Ion")
    representative.get_by_label("CNP").fill(REPRESENTATIVE_CNP)
    representative.get_by_label("Numărul procurii sau al hotărârii").fill("1234")
    representative.get_by_label("Data procurii sau a hotărârii").fill("10.01.2024")
    page.get_by_role("button", name="Continuați").click()

    # Check your answers, then confirm.
    journey.arrive("/plata-card/cerere/verificare")
    main = page.get_by_role("main")
    for shown in (LAST_NAME, FIRST_NAME, PENSIONER_CNP, PRINTED_IBAN, "Popescu", "10.01.2024"):
        expect(main).to_contain_text(shown)
    journey.audit("check your answers")
    page.get_by_role("button", name="Confirmați și pregătiți cererea").click()

    journey.arrive("/plata-card/cerere/gata")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cererea este gata de tipărit")
    expect(page.get_by_role("main")).to_contain_text("casadepensiidambovita@cnpp.ro")
    journey.audit("ready to print")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Descărcați cererea (PDF)").click()
    download = pdf_download.value
    assert download.suggested_filename == "cerere-plata-pensie-in-cont.pdf"
    text = pdf_text(download.path().read_bytes())
    for printed in (PENSIONER_CNP, LAST_NAME, FIRST_NAME, PRINTED_IBAN, REPRESENTATIVE_CNP):
        assert printed in text, f"{printed!r} is not in the PDF's text:\n{text}"
    assert "Casa Județeană de Pensii Dâmbovița" in text

    word = page.request.get(
        page.get_by_role("link", name="Descărcați cererea (Word)").get_attribute("href")
    )
    assert word.ok and word.body().startswith(b"PK")
    assert "attachment" in word.headers["content-disposition"]

    page.get_by_role("link", name="Vedeți cererea în browser, pentru tipărire").click()
    journey.arrive("/plata-card/cerere/tiparire")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cerere pentru plata pensiei")
    journey.audit("print view")


def test_leaving_the_iban_checks_it_in_place(browsing):
    page = browsing.open(javascript=True)
    journey = Journey(page, browsing, javascript=True)
    page.goto("/plata-card/cerere")
    journey.arrive("/plata-card/cerere")
    fill_pensioner(page)
    page.get_by_role("button", name="Continuați").click()
    journey.arrive("/plata-card/cerere/cont")

    iban = page.get_by_label("IBAN-ul contului")
    iban.fill("RO49 TREZ 0000 0000 0000 0061")
    with page.expect_response(lambda response: response.request.headers.get("x-field") == "iban"):
        iban.press("Tab")
    expect(page.locator("#iban-error")).to_contain_text("cont de Trezorerie")
    expect(iban).to_have_attribute("aria-invalid", "true")
    expect(iban).to_have_attribute("aria-describedby", "iban-hint iban-error")
    expect(declaration(page)).to_be_focused()
    expect(page.locator(".error-summary")).to_have_count(0)
    assert page.evaluate(MARKER) is True, "leaving the field reloaded the page"
    browsing.assert_accessible(page, "account, Treasury IBAN left")

    iban.fill(TYPED_IBAN)
    with page.expect_response(lambda response: response.request.headers.get("x-field") == "iban"):
        iban.press("Tab")
    expect(page.locator("#iban-error")).to_have_count(0)
    expect(iban).to_have_value("RO49BTRL0000000000000076")
    # M13: the bank appears as soon as the IBAN is left, without a page load.
    expect(page.locator("#iban-hint")).to_contain_text("Banca: Banca Transilvania ✓")
    assert page.evaluate(MARKER) is True
    browsing.assert_accessible(page, "account, bank shown from the IBAN")


def test_downloads_need_the_same_browser(browsing, base_url):
    page = browsing.open(javascript=False)
    page.goto("/plata-card/cerere/cerere-plata-pensie-in-cont.pdf")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nu aveți acces la această pagină")
    browsing.assert_accessible(page, "download from another browser")
