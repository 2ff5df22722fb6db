"""The career page and its reports in Chromium, JavaScript on and off: the page reads without
scripts, a report asked for is made by the worker and shows up (polling with JS, the
"Reîncărcați" link without), axe-core on every state."""

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import sign_in
from tests.builders import (
    GOOD_PASSWORD,
    approved,
    career_record_for_reports,
    career_rows_for_reports,
    run_jobs,
)

pytestmark = pytest.mark.browser


def citizen_with_a_record(app) -> tuple[str, str]:
    request, _, link = approved(app)
    session = app.extensions["db_sessionmaker"]()
    career_rows_for_reports(session, career_record_for_reports(request.cnp))
    session.close()
    return request.email, link


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_the_career_page_and_a_report_both_ways(browsing, live_app, javascript):
    email, link = citizen_with_a_record(live_app)
    page = browsing.open(javascript=javascript)
    page.goto(link)
    page.get_by_label("Parola nouă").fill(GOOD_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Salvați parola").click()
    sign_in(page, email, GOOD_PASSWORD)

    page.goto("/contul-meu/cariera/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cariera de asigurat")
    expect(page.get_by_role("img", name="Punctajul pe ani")).to_be_visible()
    expect(page.locator("#years tbody tr").first).to_be_visible()
    browsing.assert_accessible(page, "career page")

    page.get_by_role("link", name="Cereți raportul ca PDF și CSV").click()
    page.get_by_label("Punctajul pe ani, cu împărțitorii folosiți").check()
    page.get_by_role("button", name="Cereți raportul").click()
    listing = page.locator("#lista-rapoarte")
    expect(listing).to_contain_text("În lucru")
    browsing.assert_accessible(page, "report in progress")

    run_jobs(live_app)
    if not javascript:
        page.get_by_role("link", name="Reîncărcați").click()
    # With JavaScript the list polls every 2 s and swaps itself in place.
    expect(listing.get_by_role("link", name="PDF")).to_be_visible(timeout=10_000)
    expect(listing).to_contain_text("Gata la")
    browsing.assert_accessible(page, "report ready")
