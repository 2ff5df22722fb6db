"""M7: the address page in Chromium, JavaScript on and off: a home abroad or in Romania, chosen
first; axe-core finds no violation in any state of the page."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests import builders
from tests.browser.journeys import Journey, fill_name_and_cnp

pytestmark = pytest.mark.browser

ERROR_TITLE = re.compile(r"^Eroare: ")


def to_the_address_page(page: Page) -> None:
    answers = builders.identity()
    page.goto("/cont/cerere")
    fill_name_and_cnp(page)
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/act-de-identitate$"))
    page.get_by_role("group", name="Tipul actului de identitate").get_by_label(
        "Carte de identitate", exact=True
    ).check()
    page.get_by_label("Seria").fill(answers["id_series"])
    page.get_by_label("Numărul actului de identitate").fill(answers["id_number"])
    page.get_by_label("Eliberat de").fill(answers["id_issuer"])
    page.get_by_label("Data eliberării").fill(answers["id_issued_on"])
    page.get_by_role("button", name="Continuați").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_a_home_abroad_is_asked_and_reaches_the_check_page(browsing, javascript):
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)
    to_the_address_page(page)
    journey.arrive("/cont/cerere/adresa")
    where = page.get_by_role("group", name="Unde aveți domiciliul?")
    romania = page.get_by_role("group", name="Adresa din România")
    abroad = page.get_by_role("group", name="Adresa din altă țară")
    expect(romania).to_be_hidden()
    expect(abroad).to_be_hidden()
    journey.audit("address, nothing chosen")

    # Romania first, then changed to abroad: the other block goes away.
    where.get_by_label("În România").check()
    if javascript:
        expect(romania).to_be_visible()
        expect(where.get_by_label("În România")).to_have_attribute(
            "aria-controls", "conditional-romania"
        )
        journey.audit("address, Romania revealed")
    where.get_by_label("În altă țară").check()
    if javascript:
        expect(abroad).to_be_visible()
        expect(romania).to_be_hidden()
    else:
        expect(abroad).to_be_hidden()
        page.get_by_role("button", name="Continuați").click()
        journey.arrive("/cont/cerere/adresa")
        expect(page).not_to_have_title(ERROR_TITLE)
        expect(abroad).to_be_visible()
        expect(abroad.get_by_label("Țara")).to_be_focused()
    journey.audit("address, abroad shown")

    # A postal code that is not Italian, and no street: both said, nothing about a county.
    abroad.get_by_label("Țara").select_option(label="Italia")
    abroad.get_by_label("Localitatea").fill("Roma")
    abroad.get_by_label("Codul poștal").fill("1234")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Introduceți adresa: strada și numărul.")
    expect(summary).to_contain_text("Codul poștal nu arată ca unul din țara aleasă.")
    expect(summary).not_to_contain_text("județul")
    expect(abroad).to_be_visible()
    journey.audit("address abroad, with errors")

    abroad.get_by_label("Adresa", exact=True).fill("Via Roma 12, int. 4")
    abroad.get_by_label("Codul poștal").fill("00184")
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/contact$"))

    # Back on the page, the answer and its block are as left.
    page.goto("/cont/cerere/adresa")
    expect(
        page.get_by_role("group", name="Unde aveți domiciliul?").get_by_label("În altă țară")
    ).to_be_checked()
    expect(page.get_by_role("group", name="Adresa din altă țară")).to_be_visible()
    expect(page.get_by_role("group", name="Adresa din România")).to_be_hidden()
    browsing.assert_accessible(page, "address abroad, reopened")
