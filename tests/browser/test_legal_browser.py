"""The legal pages (B4), the contact page's county chooser and the header's sign-in state
(M16) in Chromium, with JavaScript on and off, each page state under axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import sign_in, sign_in_staff
from tests.builders import GOOD_PASSWORD, active_account, make_staff

pytestmark = pytest.mark.browser
MODES = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
FOOTER_LINKS = (
    ("Declarația de accesibilitate", "Declarația de accesibilitate"),
    ("Protecția datelor", "Protecția datelor personale"),
    ("Cookie-uri", "Cookie-uri"),
    ("Contact", "Contact"),
    ("Despre site", "Despre acest site"),
)
CLERK = "functionar.antet@cjp.ro"


@MODES
def test_every_legal_page_from_the_footer_and_the_county_chooser(browsing, javascript):
    page = browsing.open(javascript=javascript)
    page.goto("/")
    browsing.assert_accessible(page, "home, anonymous header")
    footer = page.locator("footer")
    for link, heading in FOOTER_LINKS:
        footer.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        browsing.assert_accessible(page, heading)

    page.goto("/contact")
    page.get_by_label("Județul").select_option(label="Dâmbovița")
    page.get_by_role("button", name="Arătați datele de contact").click()
    expect(page).to_have_url(re.compile(r"/contact\?casa=DB$"))
    contacts = page.locator(".house-contacts")
    expect(contacts).to_contain_text("certificateviata.dambovita@cnpp.ro")
    expect(contacts).to_contain_text("Luni–Joi 08:30–16:00")
    browsing.assert_accessible(page, "contact, a confirmed house")

    page.get_by_label("Județul").select_option(label="Cluj")
    page.get_by_role("button", name="Arătați datele de contact").click()
    expect(page.locator(".house-contacts")).to_contain_text("Nu avem încă adresa")
    browsing.assert_accessible(page, "contact, a house without confirmed contacts")


@MODES
def test_the_header_follows_who_is_signed_in(browsing, live_app, javascript):
    account = active_account(live_app)
    page = browsing.open(javascript=javascript)
    header = page.locator("header.site-header")
    page.goto("/")
    expect(header.get_by_role("link", name="Autentificare")).to_be_visible()

    sign_in(page, account.email, GOOD_PASSWORD)
    page.goto("/")
    expect(header.get_by_role("link", name="Contul meu")).to_be_visible()
    sign_out = header.get_by_role("button", name="Ieșiți din cont")
    expect(sign_out).to_be_visible()
    browsing.assert_accessible(page, "home, citizen's header")
    sign_out.click()
    expect(header.get_by_role("link", name="Autentificare")).to_be_visible()
    expect(header.get_by_role("link", name="Contul meu")).to_have_count(0)


@MODES
def test_staff_see_their_counter_in_the_header(browsing, live_app, javascript):
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        make_staff(session, email=CLERK, county="CJ")
        session.close()
    page = browsing.open(javascript=javascript)
    sign_in_staff(page, live_app, CLERK)
    page.goto("/contact")
    header = page.locator("header.site-header")
    expect(header.get_by_role("link", name="Ghișeul")).to_be_visible()
    expect(header.get_by_role("button", name="Ieșiți din cont")).to_be_visible()
    browsing.assert_accessible(page, "contact, staff header")
    header.get_by_role("link", name="Ghișeul").click()
    expect(page).to_have_url(re.compile(r"/ghiseu/?$"))
    browsing.assert_accessible(page, "counter with the header's links")
