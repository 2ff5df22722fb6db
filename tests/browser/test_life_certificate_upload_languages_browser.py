"""Sending the certified life certificate online in each of the site's languages, in Chromium
with JavaScript on (htmx) and off (review gap 4): the start page, the who page with its
problems, the switch inside the who form and inside the files form keeping what was typed and
the file chosen, a file refused by its content, the check page, the confirmation, and the
e-mail's status link opened in another browser in the certificate's language; every page
through axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_life_certificate_languages_browser import LANGUAGES, NAMES, switch_to
from tests.builders import LIFE_CERTIFICATE_CNP, pdf_bytes
from tests.page_checks import ERROR_PREFIXES
from webapp.models import LifeCertificateUpload, OutboxEmail

pytestmark = pytest.mark.browser

BASE = "/certificat-de-viata/trimitere"


def error_title(language: str) -> re.Pattern:
    return re.compile("^" + re.escape(ERROR_PREFIXES[language]))


def status_link(live_app) -> tuple[str, str]:
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        try:
            email = session.query(OutboxEmail).order_by(OutboxEmail.id.desc()).first()
            language = session.query(LifeCertificateUpload).one().language
        finally:
            session.close()
    return re.search(r"(http://\S+/trimitere/stadiu/\S+)", email.text_body)[1], language


def fill_who(page: Page) -> None:
    page.fill("[name=first_name]", "Ana")
    page.fill("[name=cnp]", LIFE_CERTIFICATE_CNP)
    page.fill("[name=pension_file]", "123456")
    page.select_option("[name=house_code]", "DB")
    page.fill("[name=email]", "ana@example.it")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_upload_in_each_language(browsing, base_url, live_app, language, javascript):
    page = browsing.open(javascript=javascript)
    other = "en" if language == "ro" else "ro"
    page.goto(f"{base_url}{BASE}")
    if language == "ro":
        switch_to(page, "en")
    switch_to(page, language)
    expect(page.locator('.language-switch [aria-current="true"]')).to_have_text(NAMES[language])
    browsing.assert_accessible(page, f"upload start, {language}")

    page.locator("a.button-start").click()
    expect(page).to_have_url(re.compile(rf"{BASE}/date$"))
    page.locator("form[hx-post] button.button:not([name])").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page).to_have_title(error_title(language))
    browsing.assert_accessible(page, f"upload who with problems, {language}")

    # Typed, then the language changed twice from inside the form: nothing lost or judged.
    page.fill("[name=last_name]", "Țărănescu")
    fill_who(page)
    switch_to(page, other)
    expect(page.locator("[name=last_name]")).to_have_value("Țărănescu")
    expect(page.locator(".error-summary")).to_have_count(0)
    switch_to(page, language)
    expect(page.locator("[name=email]")).to_have_value("ana@example.it")
    expect(page.locator("[name=house_code]")).to_have_value("DB")
    browsing.assert_accessible(page, f"upload who, {language}")
    page.locator("form[hx-post] button.button:not([name])").click()

    expect(page).to_have_url(re.compile(rf"{BASE}/fisier$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    browsing.assert_accessible(page, f"upload files, {language}")
    # Not a PDF by its content: refused, said in the page's language.
    page.locator("#fata").set_input_files(
        [{"name": "c.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 10}]
    )
    page.locator("button[name=action][value=continue]").click()
    expect(page).to_have_title(error_title(language))
    expect(page.locator("#fata-error")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    browsing.assert_accessible(page, f"upload files, refused, {language}")
    # A good file chosen, then the language switched from inside the form: the file is kept.
    page.locator("#fata").set_input_files(
        [{"name": "certificat.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    switch_to(page, other)
    expect(page.locator("#fata-chosen")).to_contain_text("certificat.pdf")
    switch_to(page, language)
    expect(page.locator("#fata-chosen")).to_contain_text("certificat.pdf")
    browsing.assert_accessible(page, f"upload files, chosen, {language}")
    page.locator("button[name=action][value=continue]").click()

    expect(page).to_have_url(re.compile(rf"{BASE}/verificare$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("main")).to_contain_text("Țărănescu")
    browsing.assert_accessible(page, f"upload check, {language}")
    page.locator("main form button.button").click()

    expect(page).to_have_url(re.compile(rf"{BASE}/CV-\d{{4}}-000001/primit$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    browsing.assert_accessible(page, f"upload confirmation, {language}")

    # The e-mail's link, in another browser that chose nothing: the certificate's language.
    link, stored_language = status_link(live_app)
    assert stored_language == language
    elsewhere = browsing.open(javascript=javascript)
    elsewhere.goto(link)
    expect(elsewhere.locator("html")).to_have_attribute("lang", language)
    expect(elsewhere.locator("h1")).to_contain_text("CV-")
    browsing.assert_accessible(elsewhere, f"upload status, {language}")
