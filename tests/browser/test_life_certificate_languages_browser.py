"""The life certificate in each of the site's languages, in Chromium with JavaScript on (htmx) and
off: the switch on the start page, the switch inside the question form keeping what was typed,
an invalid form, check your answers and the ready page, each checked by axe-core (issue 14)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.page_checks import ERROR_PREFIXES

pytestmark = pytest.mark.browser

BASE = "/certificat-de-viata"
LANGUAGES = ["ro", "en", "it", "es", "de", "fr", "hu"]
NAMES = {
    "ro": "Română",
    "en": "English",
    "it": "Italiano",
    "es": "Español",
    "de": "Deutsch",
    "fr": "Français",
    "hu": "Magyar",
}


def switch_to(page: Page, language: str) -> None:
    """Presses the switch's button for `language`: a whole new page comes, in that language."""
    page.locator(f'.language-switch button[lang="{language}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.wait_for_load_state()


def fill_details(page: Page) -> None:
    page.fill("[name=first_name]", "Ștefania-Ană")
    page.fill("[name=cnp]", "2500514123451")
    page.fill("[name=birth_date]", "14.05.1950")
    page.fill("[name=pension_file]", "123456/2019")
    page.select_option("[name=house_code]", "DB")
    page.select_option("[name=country_code]", "IT")
    page.fill("[name=address_line1]", "Via Roma 12")
    page.fill("[name=address_line2]", "00184 Roma")
    page.fill("[name=phone]", "+39 06 1234 5678")
    page.locator("input[name=language][value=it]").check()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_journey_in_each_language(browsing, base_url, language, javascript):
    page = browsing.open(javascript=javascript)
    other = "en" if language == "ro" else "ro"
    page.goto(f"{base_url}{BASE}/")
    # The start page's own small form (Romanian first: to Romanian through English).
    if language == "ro":
        switch_to(page, "en")
    switch_to(page, language)
    expect(page.locator('.language-switch [aria-current="true"]')).to_have_text(NAMES[language])
    browsing.assert_accessible(page, f"start page, {language}")

    page.locator("a.button-start").click()
    expect(page).to_have_url(re.compile(rf"{BASE}/date$"))
    # An empty form: the problems, in the page's language, and the title says so first.
    page.locator("form[hx-post] button.button:not([name])").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^" + re.escape(ERROR_PREFIXES[language])))
    browsing.assert_accessible(page, f"question page with problems, {language}")

    # Typed, then the language changed twice from inside the form: nothing is lost or judged.
    page.fill("[name=last_name]", "Țărănescu")
    fill_details(page)
    switch_to(page, other)
    expect(page.locator("[name=last_name]")).to_have_value("Țărănescu")
    expect(page.locator(".error-summary")).to_have_count(0)
    switch_to(page, language)
    expect(page.locator("[name=cnp]")).to_have_value("2500514123451")
    expect(page.locator("[name=country_code]")).to_have_value("IT")
    expect(page.locator("input[name=language][value=it]")).to_be_checked()
    browsing.assert_accessible(page, f"question page, {language}")

    page.locator("form[hx-post] button.button:not([name])").click()
    expect(page).to_have_url(re.compile(rf"{BASE}/verificare$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("main")).to_contain_text("Țărănescu")
    browsing.assert_accessible(page, f"check page, {language}")

    page.locator("main form button.button").click()
    expect(page).to_have_url(re.compile(rf"{BASE}/gata$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    browsing.assert_accessible(page, f"ready page, {language}")
