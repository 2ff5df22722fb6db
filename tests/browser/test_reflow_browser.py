"""Reflow (WCAG 1.4.10, M10): at 320 CSS px no page scrolls sideways. The tax table and the
counter's queue were 410 and 553 px wide; they now stack under 40em. Checked with JavaScript on
and off, with axe on each page as it is at that width."""

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import sign_in_staff
from tests.builders import add_request, make_staff

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
CLERK = "functionar.reflow@cjp.ro"
PUBLIC_PAGES = (
    "/pensie/impozit-si-cass",
    "/",
    "/plata-card/",
    "/plata-card/cerere",
    "/certificat-de-viata",
    "/pensie/calcul",
    "/stare",
)


def page_width(page) -> int:
    return page.evaluate("() => document.scrollingElement.scrollWidth")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_public_pages_fit_320_px(browsing, javascript):
    page = browsing.open(javascript=javascript)
    page.set_viewport_size(NARROW)
    for path in PUBLIC_PAGES:
        page.goto(path)
        assert page_width(page) <= 320, f"{path} is {page_width(page)} px wide at 320 px"
    page.goto("/pensie/impozit-si-cass")
    # The column names are still read with each value, on screen as in the table's markup.
    expect(page.locator("td[data-label='CASS']").first).to_be_visible()
    browsing.assert_accessible(page, "tax table at 320 px")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_the_counter_queue_fits_320_px_and_references_do_not_wrap(browsing, live_app, javascript):
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        make_staff(session, email=CLERK, county="CJ")
        session.close()
        for index in range(1, 4):
            add_request(live_app, index=index)
    page = browsing.open(javascript=javascript)
    sign_in_staff(page, live_app, CLERK)
    page.set_viewport_size(NARROW)
    page.goto("/ghiseu/")
    assert page_width(page) <= 320, f"/ghiseu/ is {page_width(page)} px wide at 320 px"
    reference = page.locator("a.reference-code").first
    expect(reference).to_be_visible()
    # One line: the link is no taller than one line of its text.
    box = reference.bounding_box()
    line = page.evaluate(
        "(el) => parseFloat(getComputedStyle(el).lineHeight) || el.offsetHeight",
        reference.element_handle(),
    )
    assert box["height"] <= line * 1.5, "the reference wraps"
    browsing.assert_accessible(page, "queue at 320 px")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("table.data-table thead").first.is_visible()


def test_a_confirmation_prints_the_reference_large_without_the_download_links(browsing):
    """m10: printed from the browser, the download links were plain words nobody can follow."""
    from tests.browser.journeys import submit_without_persons

    page = browsing.open(javascript=True)
    submit_without_persons(page)
    reference = page.locator("strong.reference")
    expect(page.locator(".downloads-block")).to_be_visible()
    screen_size = reference.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    page.emulate_media(media="print")
    expect(page.locator(".downloads-block")).to_be_hidden()
    expect(page.get_by_role("link", name="Descărcați cererea (PDF)")).to_be_hidden()
    expect(reference).to_be_visible()
    printed_size = reference.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert printed_size >= 36 and printed_size >= screen_size  # 28 pt


def test_a_long_checklist_label_does_not_squeeze_its_box(browsing):
    """m11: the second "documente văzute" box shrank to about 20 px beside a long label."""
    page = browsing.open(javascript=True)
    page.set_viewport_size(NARROW)
    page.goto("/plata-card/")
    page.set_content(
        page.content().replace(
            "<main",
            '<div class="radio" id="probe"><input type="checkbox" id="p"><label for="p">'
            + "Procura notarială nr. 1234 din 10.01.2024 pentru Popescu-Țăranu Ana Ștefănică " * 3
            + "</label></div><main",
            1,
        )
    )
    width = page.locator("#p").evaluate("el => el.getBoundingClientRect().width")
    assert width >= 27  # 1.75rem at 16 px, less a rounding
