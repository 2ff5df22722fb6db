"""A petition written, checked and sent in Chromium, with JavaScript on (htmx) and off; every new
page, empty and with errors, goes through axe-core."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import Journey
from tests.builders import GOOD_PASSWORD, approved, pdf_bytes, png_bytes
from webapp.auth.passwords import hash_password
from webapp.models import CitizenAccount

pytestmark = pytest.mark.browser

ERROR_TITLE = re.compile(r"^Eroare: ")


def active_citizen(app) -> str:
    request, account, _ = approved(app)
    session = app.extensions["db_sessionmaker"]()
    row = session.get(CitizenAccount, account.id)
    row.password_hash = hash_password(GOOD_PASSWORD)
    row.activated_at = dt.datetime.now(dt.UTC)
    session.commit()
    session.close()
    return request.email


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_a_petition_from_the_list_to_the_confirmation(browsing, live_app, javascript):
    email = active_citizen(live_app)
    page = browsing.open(javascript=javascript)
    page.goto("/autentificare")
    page.get_by_label("Adresa de e-mail").fill(email)
    page.get_by_label("Parola", exact=True).fill(GOOD_PASSWORD)
    page.get_by_role("button", name="Autentificare").click()
    page.get_by_role("link", name="Petiții").click()
    journey = Journey(page, browsing, javascript)

    journey.arrive("/contul-meu/petitii/")
    journey.audit("list, empty")
    page.get_by_role("link", name="Scrieți o petiție").click()

    journey.arrive("/contul-meu/petitii/noua")
    journey.audit("who")
    page.get_by_role("button", name="Continuați").click()

    journey.arrive("/contul-meu/petitii/noua/subiect")
    journey.audit("about, empty")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator(".error-summary")).to_be_focused()
    expect(
        page.locator(".error-summary").get_by_role("link", name="Alegeți despre ce este petiția.")
    ).to_have_attribute("href", "#category-0")
    journey.audit("about, with errors")
    page.get_by_label("Plata pensiei").check()
    expect(page.get_by_label("Casa de pensii căreia îi scrieți")).to_have_value("CJ")
    page.get_by_role("button", name="Continuați").click()

    journey.arrive("/contul-meu/petitii/noua/text")
    journey.audit("text, empty")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#subject-error")).to_contain_text("Scrieți subiectul petiției.")
    journey.audit("text, with errors")
    page.get_by_label("Subiectul petiției").fill("Plata pe noiembrie")
    page.get_by_label("Textul petiției").fill("Pensia din noiembrie nu a intrat.\nVă rog.")
    page.get_by_role("button", name="Continuați").click()

    journey.arrive("/contul-meu/petitii/noua/fisiere")
    journey.audit("files, empty")
    page.get_by_label("Alegeți fișierele").set_input_files(
        [{"name": "virus.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00"}]
    )
    page.get_by_role("button", name="Atașați fișierele").click()
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.locator("#fisiere-error")).to_contain_text("nu este un fișier PDF, JPEG sau PNG")
    browsing.assert_accessible(page, "files, with errors")
    page.get_by_label("Alegeți fișierele").set_input_files(
        [
            {"name": "adeverinta.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()},
            {"name": "talon.png", "mimeType": "image/png", "buffer": png_bytes()},
        ]
    )
    page.get_by_role("button", name="Atașați fișierele").click()
    expect(page.get_by_text("adeverinta.pdf")).to_be_visible()
    browsing.assert_accessible(page, "files, two attached")
    page.get_by_role("button", name="Eliminați talon.png").click()
    expect(page.get_by_text("talon.png")).to_have_count(0)
    page.get_by_role("button", name="Continuați").click()

    expect(page).to_have_url(re.compile(r"/contul-meu/petitii/noua/verificare$"))
    expect(page.get_by_text("adeverinta.pdf")).to_be_visible()
    browsing.assert_accessible(page, "check")
    page.get_by_role("button", name="Trimiteți petiția").click()

    expect(page).to_have_url(re.compile(r"/contul-meu/petitii/PT-\d{4}-000001/trimisa$"))
    expect(page.locator("strong.reference")).to_have_text(re.compile(r"PT-\d{4}-000001"))
    expect(page.get_by_text(re.compile(r"Răspuns până la \d+ \w+ \d{4}"))).to_be_visible()
    browsing.assert_accessible(page, "confirmation")
    page.get_by_role("link", name="Vedeți petiția").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Petiția PT-"))
    browsing.assert_accessible(page, "petition page")
    with page.expect_download() as download:
        page.get_by_role("link", name="adeverinta.pdf").click()
    assert download.value.suggested_filename == "adeverinta.pdf"
    page.get_by_role("link", name="Toate petițiile").click()
    expect(page.get_by_text("înregistrată", exact=True)).to_be_visible()
    browsing.assert_accessible(page, "list, one petition")
