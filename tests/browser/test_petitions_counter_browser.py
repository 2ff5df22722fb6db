"""The counter's petitions in Chromium, with JavaScript on and off: a Cluj clerk signs in
(password, then the authenticator code), sees the queue with the overdue petition first and
marked, an empty list and a list with a wrong filter, opens the petition, takes it, answers it
(first with nothing typed, then with a text and a PDF), and extends another one's term. axe-core
checks every page on the way: 0 violations."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from domain import ro
from domain.petition_terms import extended_deadline
from tests.browser.journeys import sign_in_staff
from tests.builders import make_staff, pdf_bytes, petition
from webapp.models import Petition

pytestmark = pytest.mark.browser
CLERK = "functionar.petitii@cjp.ro"


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_the_clerk_answers_and_extends_petitions(browsing, live_app, javascript):
    today = ro.today()
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        make_staff(session, email=CLERK, county="CJ")
        later = petition(session, due_on=today + dt.timedelta(days=20)).reference
        overdue = petition(
            session,
            due_on=today - dt.timedelta(days=2),
            attachments=(("adeverinta.pdf", pdf_bytes()),),
        ).reference
        near = petition(session, due_on=today + dt.timedelta(days=3)).reference
        session.close()

    page = browsing.open(javascript=javascript)
    sign_in_staff(page, live_app, CLERK)
    expect(page).to_have_url(re.compile(r"/ghiseu/?$"))
    page.get_by_role("link", name="Petiții").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Petiții")
    rows = page.locator("#petitii tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(overdue)
    expect(rows.nth(0)).to_contain_text("Termen depășit")
    expect(rows.nth(1)).to_contain_text(near)
    expect(rows.nth(1)).to_contain_text("Termen apropiat")
    expect(rows.nth(2)).to_contain_text(later)
    browsing.assert_accessible(page, "queue")

    page.get_by_label("Starea petiției").select_option("closed")
    page.get_by_role("button", name="Arătați petițiile").click()
    expect(page.locator("body")).to_contain_text("Nu este nicio petiție în această listă.")
    browsing.assert_accessible(page, "empty queue")
    page.goto("/ghiseu/petitii/?stare=oricare")
    expect(page.locator(".error-summary")).to_contain_text("Alegeți starea din listă.")
    browsing.assert_accessible(page, "queue with errors")

    page.goto("/ghiseu/petitii/")
    page.get_by_role("link", name=overdue).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Petiția {overdue}")
    expect(page.locator("body")).to_contain_text("Termen depășit")
    expect(page.get_by_role("link", name="adeverinta.pdf")).to_be_visible()
    browsing.assert_accessible(page, "petition page")

    page.get_by_role("button", name="Preiau eu petiția").click()
    expect(page.locator(".notice")).to_contain_text("în lucru la dumneavoastră")
    browsing.assert_accessible(page, "taken")

    page.get_by_role("button", name="Trimiteți răspunsul").click()
    expect(page.locator(".error-summary")).to_contain_text("Scrieți răspunsul la petiție.")
    browsing.assert_accessible(page, "answer with errors")
    page.get_by_label("Răspunsul", exact=True).fill("Stagiul a fost corectat.")
    page.get_by_label("Răspunsul semnat, ca PDF (opțional)").set_input_files(
        {"name": "raspuns.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Trimiteți răspunsul").click()
    expect(page.locator(".notice")).to_contain_text("Răspunsul a fost trimis.")
    expect(page.get_by_role("link", name="raspuns.pdf")).to_be_visible()
    browsing.assert_accessible(page, "answered")

    page.goto(f"/ghiseu/petitii/{near}")
    page.get_by_role("button", name="Prelungiți termenul").click()
    expect(page.locator(".error-summary")).to_contain_text("Scrieți motivul prelungirii")
    browsing.assert_accessible(page, "extension with errors")
    page.get_by_label("Cu câte zile prelungiți termenul").select_option("10")
    page.get_by_label("Motivul prelungirii").fill("Așteptăm adeverința de la angajator.")
    page.get_by_role("button", name="Prelungiți termenul").click()
    expect(page.locator(".notice")).to_contain_text("Termenul a fost prelungit.")
    browsing.assert_accessible(page, "extended")

    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        found = {p.reference: p for p in session.execute(select(Petition)).scalars()}
        assert found[overdue].status == "answered"
        assert found[near].due_on == extended_deadline(today, 10)
        session.close()
