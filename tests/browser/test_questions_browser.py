"""The account request's question pages in Chromium: the persons page on a slow connection
(M1), and its "Înapoi" that keeps what was typed (m19). axe-core checks every state."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import Journey, fill_identity

pytestmark = pytest.mark.browser

PERSON = {"last_name": "Popescu", "first_name": "Ion", "cnp": "1800101123469"}
ADD_PERSON = "Adăugați o persoană (de exemplu un părinte)"
# Enough for two taps before the answer, as on the review's slowest try (1,500 ms).
LATENCY_SECONDS = 1.5


def to_persons_page(page) -> None:
    page.goto("/cont/cerere")
    fill_identity(page)
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/persoane$"))


def fill_person(row, person: dict) -> None:
    row.get_by_label("Numele de familie").fill(person["last_name"])
    row.get_by_label("Prenumele").fill(person["first_name"])
    row.get_by_label("CNP").fill(person["cnp"])
    row.get_by_role("group", name="Persoana este").get_by_label("Pensionar sau beneficiar").check()
    row.get_by_label("Ce document vă dă dreptul").select_option("procura")
    row.get_by_label("Numărul documentului", exact=True).fill("1234")
    row.get_by_label("Data documentului").fill("10.01.2024")


def slow_network(page, latency: float) -> None:
    """Every request from now on takes `latency` seconds more, as on a poor mobile connection."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency * 1000,
            "downloadThroughput": -1,
            "uploadThroughput": -1,
        },
    )


def test_a_pending_add_is_never_turned_into_continue_on_a_slow_connection(browsing):
    """The review's race: in a row's last box, tap "Adăugați", then a box and "Continuați"
    before the answer arrives. The row is added, nothing is checked, and the page stays."""
    page = browsing.open(javascript=True)
    journey = Journey(page, browsing, javascript=True)
    to_persons_page(page)
    journey.arrive("/cont/cerere/persoane")
    page.get_by_role("button", name=ADD_PERSON).click()
    first = page.get_by_role("group", name="Persoana 1")
    expect(first.get_by_label("Numele de familie")).to_be_focused()
    fill_person(first, PERSON)
    first.get_by_label("Numărul documentului", exact=True).fill("12345")

    slow_network(page, LATENCY_SECONDS)
    add = page.get_by_role("button", name=ADD_PERSON)
    # Leaving the box checks it (a request on its way), and the add waits behind it.
    add.click()
    expect(add).to_have_attribute("aria-disabled", "true")
    expect(page.locator("#rows-status")).to_have_text("Se adaugă o persoană…")
    journey.audit("persons, an add on its way")
    first.get_by_label("Prenumele").click()
    continue_button = page.locator(".form-end").get_by_role("button", name="Continuați")
    expect(continue_button).to_be_disabled()
    continue_button.click(force=True)

    second = page.get_by_role("group", name="Persoana 2")
    # Two requests in a row at 1.5 s each; the margin is for a loaded machine (tests run in pairs).
    expect(second.get_by_label("Numele de familie")).to_be_focused(
        timeout=8 * 1000 * LATENCY_SECONDS
    )
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    # Whatever else was tapped had nothing to send: give it the time it would have taken.
    page.wait_for_timeout(LATENCY_SECONDS * 1000 + 500)
    expect(page).to_have_url(re.compile(r"/cont/cerere/persoane$"))
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(page.get_by_role("group", name="Persoana 2")).to_be_visible()
    expect(first.get_by_label("Numărul documentului", exact=True)).to_have_value("12345")
    expect(page.locator(".form-end").get_by_role("button", name="Continuați")).to_be_enabled()
    journey.audit("persons, the row added after a slow answer")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_back_on_the_persons_page_keeps_the_rows(browsing, javascript):
    """m19: "Înapoi" saves what was typed, then shows the page before."""
    page = browsing.open(javascript=javascript)
    to_persons_page(page)
    page.get_by_role("button", name=ADD_PERSON).click()
    fill_person(page.get_by_role("group", name="Persoana 1"), PERSON)
    browsing.assert_accessible(page, "persons, a row typed")
    page.get_by_role("navigation", name="Pasul anterior").get_by_role(
        "button", name="Înapoi"
    ).click()
    # The page before is the last of the identity pages (M14).
    expect(page).to_have_url(re.compile(r"/cont/cerere/casa-de-pensii$"))
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/persoane$"))
    row = page.get_by_role("group", name="Persoana 1")
    expect(row.get_by_label("Numele de familie")).to_have_value(PERSON["last_name"])
    expect(row.get_by_label("CNP")).to_have_value(PERSON["cnp"])
    browsing.assert_accessible(page, "persons, after going back and forth")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_a_change_link_lands_on_the_answer_and_returns_to_check_answers(browsing, javascript):
    """M15: "Schimbați strada" on check answers opens the question focused; "Continuați"
    goes straight back to check answers, not through the persons page."""
    page = browsing.open(javascript=javascript)
    to_persons_page(page)
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/verificare$"))
    browsing.assert_accessible(page, "check answers, a link per answer")
    page.get_by_role("link", name="Schimbați strada").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/adresa\?schimbare=street$"))
    expect(page.get_by_label("Strada")).to_be_focused()
    browsing.assert_accessible(page, "address, changing the street")
    page.get_by_label("Strada").fill("Strada Horea")
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/verificare$"))
    expect(page.get_by_role("main")).to_contain_text("Strada Horea")
