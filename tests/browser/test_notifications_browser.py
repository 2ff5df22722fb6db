"""The notifications in Chromium, with JavaScript on (htmx marks read in place, the header's
count follows) and off (POST/redirect/GET); the list and the preferences page under axe-core,
with unread items, empty, and with an error."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import Journey, sign_in
from tests.builders import GOOD_PASSWORD, active_account
from webapp.models import Notification

pytestmark = pytest.mark.browser


def citizen_with_notifications(live_app, count=3):
    account = active_account(live_app)
    session = live_app.extensions["db_sessionmaker"]()
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    for index in range(count):
        session.add(
            Notification(
                account_id=account.id,
                kind="petition_registered",
                text=f"Petiția PT-2026-00000{index + 1} a fost înregistrată.",
                created_at=start + dt.timedelta(hours=index),
                path="/contul-meu/notificari/",
            )
        )
    session.commit()
    session.close()
    return account


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_marking_read_and_the_preferences(browsing, live_app, javascript):
    account = citizen_with_notifications(live_app)
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)
    sign_in(page, account.email, GOOD_PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/autentificare$"))
    header = page.locator("#antet-notificari")
    expect(header).to_have_text("Notificări 3 necitite")

    page.goto("/contul-meu/notificari/")
    journey.arrive("/contul-meu/notificari/")
    items = page.locator("li.notification")
    expect(items.first).to_contain_text("PT-2026-000003")
    expect(page.locator("li.notification--unread")).to_have_count(3)
    journey.audit("list, three unread")

    journey.in_place(items.first.get_by_role("button", name=re.compile("^Marcați ca citită")))
    expect(page.locator("li.notification--unread")).to_have_count(2)
    expect(page.locator("#antet-notificari")).to_have_text("Notificări 2 necitite")
    expect(items.first).not_to_contain_text("Necitită")
    journey.audit("list, one read")

    journey.in_place(page.get_by_role("button", name="Marcați toate ca citite"))
    expect(page.locator("li.notification--unread")).to_have_count(0)
    expect(page.locator("#antet-notificari")).to_have_text("Notificări")
    expect(page.get_by_role("heading", level=2)).to_have_text("Nicio notificare necitită")
    journey.audit("list, all read")

    page.get_by_role("link", name="Alegeți ce notificări primiți și prin e-mail").click()
    journey.arrive("/contul-meu/notificari/preferinte")
    journey.audit("preferences")
    box = page.get_by_role("checkbox", name="Petiție înregistrată")
    expect(box).to_be_checked()
    expect(
        page.get_by_role("checkbox", name=re.compile("^Parola a fost schimbată"))
    ).to_be_disabled()
    box.uncheck()
    page.get_by_role("button", name="Salvați preferințele").click()
    journey.arrive("/contul-meu/notificari/preferinte")
    expect(page.get_by_text("Am salvat preferințele pentru e-mailuri.")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Petiție înregistrată")).not_to_be_checked()
    journey.audit("preferences, saved")


def test_the_empty_list_and_a_preferences_error_are_accessible(browsing, live_app):
    account = citizen_with_notifications(live_app, count=0)
    page = browsing.open(javascript=False)
    sign_in(page, account.email, GOOD_PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/autentificare$"))
    page.goto("/contul-meu/notificari/")
    expect(page.get_by_text("Nu aveți încă nicio notificare.")).to_be_visible()
    browsing.assert_accessible(page, "list, empty")
    page.goto("/contul-meu/notificari/preferinte")
    # A tampered form (a kind that is not in the list): the error summary and the field's error.
    page.locator("input[name=emailed]").first.evaluate("box => box.value = 'password_changed'")
    page.get_by_role("button", name="Salvați preferințele").click()
    expect(page).to_have_title(re.compile("^Eroare: "))
    expect(page.locator(".error-summary")).to_contain_text("Alegeți doar dintre notificările")
    browsing.assert_accessible(page, "preferences, with an error")
