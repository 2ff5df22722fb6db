"""The online-account request in Chromium, with JavaScript on (htmx) and off (plain forms).

Every page and every error state of the journey goes through axe-core.
"""

import re

import pytest
from playwright.sync_api import expect

from tests import builders
from tests.browser.journeys import (
    FIRST_NAME,
    LAST_NAME,
    MARKER,
    REFERENCE,
    Journey,
    fill_identity,
    pdf_text,
    submit_without_persons,
)

pytestmark = pytest.mark.browser

CNP = builders.APPLICANT_CNP
PERSON_A = {"last_name": "Popescu", "first_name": "Ion", "cnp": "1800101123469"}
PERSON_B = {"last_name": "Dumitrescu", "first_name": "Radu", "cnp": "1750312123450"}
BAD_CNP = "1750312123451"  # the last digit does not check
LEGAL = {"name": "Asociația Pensionarilor Șoimii", "cui": "18547290"}


def fill_natural_person(row, person: dict) -> None:
    row.get_by_label("Numele de familie").fill(person["last_name"])
    row.get_by_label("Prenumele").fill(person["first_name"])
    row.get_by_label("CNP").fill(person["cnp"])
    row.get_by_role("group", name="Persoana este").get_by_label("Pensionar sau beneficiar").check()
    row.get_by_label("Ce document vă dă dreptul").select_option("procura")
    row.get_by_label("Numărul documentului", exact=True).fill("1234")
    row.get_by_label("Data documentului").fill("10.01.2024")


def fill_legal_person(row) -> None:
    row.get_by_label("Denumirea").fill(LEGAL["name"])
    row.get_by_label("CUI").fill(LEGAL["cui"])
    row.get_by_label("Ce sunteți pentru firmă sau asociație").select_option("imputernicit")
    row.get_by_label("Numărul documentului", exact=True).fill("77")
    row.get_by_label("Data documentului").fill("05.06.2023")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_whole_journey_is_accessible_and_ends_with_a_printable_request(browsing, javascript):
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)
    error_title = re.compile(r"^Eroare: ")

    page.goto("/cont/")
    journey.arrive("/cont/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cereți un cont online la casa de pensii"
    )
    journey.audit("start page")
    page.get_by_role("button", name="Începeți cererea").click()

    # The pages before the persons page (M14), each audited empty and with its errors.
    fill_identity(page, journey)
    journey.audit("county house, filled")
    page.get_by_role("button", name="Continuați").click()

    # Persons: empty; two natural persons and a legal one, one of them invalid; remove one.
    journey.arrive("/cont/cerere/persoane")
    expect(page.get_by_text("Nu ați adăugat nicio persoană.")).to_be_visible()
    journey.audit("persons, none added")
    journey.in_place(page.get_by_role("button", name="Adăugați o persoană (de exemplu un părinte)"))
    first_row = page.get_by_role("group", name="Persoana 1")
    expect(first_row.get_by_label("Numele de familie")).to_be_focused()
    fill_natural_person(first_row, PERSON_A)
    journey.in_place(page.get_by_role("button", name="Adăugați o firmă sau o asociație"))
    fill_legal_person(page.get_by_role("group", name="Firma sau asociația 1"))
    journey.in_place(page.get_by_role("button", name="Adăugați o persoană (de exemplu un părinte)"))
    fill_natural_person(page.get_by_role("group", name="Persoana 2"), PERSON_B | {"cnp": BAD_CNP})
    journey.audit("persons, three rows")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page).to_have_title(error_title)
    second_row = page.get_by_role("group", name="Persoana 2")
    expect(second_row.locator(".error-message")).to_contain_text("CNP-ul nu este valid")
    expect(second_row.get_by_label("CNP")).to_have_value(BAD_CNP)
    expect(page.locator(".error-summary a[href='#natural_persons-1-cnp']")).to_be_visible()
    expect(page.locator(".error-summary")).to_be_focused()
    journey.audit("persons, invalid row")

    journey.in_place(page.get_by_role("button", name="Ștergeți persoana 1"))
    expect(page.get_by_role("group", name="Persoana 2")).to_have_count(0)
    remaining = page.get_by_role("group", name="Persoana 1")
    expect(remaining.get_by_label("Numele de familie")).to_have_value(PERSON_B["last_name"])
    expect(remaining.get_by_label("CNP")).to_have_value(BAD_CNP)
    expect(
        page.get_by_role("group", name="Firma sau asociația 1").get_by_label("CUI")
    ).to_have_value(LEGAL["cui"])
    expect(
        page.get_by_role("button", name="Adăugați o persoană (de exemplu un părinte)")
    ).to_be_focused()
    journey.audit("persons, after removing a row")
    remaining.get_by_label("CNP").fill(PERSON_B["cnp"])
    page.get_by_role("button", name="Continuați").click()

    # Check your answers, then submit.
    journey.arrive("/cont/cerere/verificare")
    main = page.get_by_role("main")
    for shown in (LAST_NAME, FIRST_NAME, CNP, PERSON_B["last_name"], LEGAL["name"]):
        expect(main).to_contain_text(shown)
    expect(main).not_to_contain_text(PERSON_A["last_name"])
    journey.audit("check your answers")
    page.get_by_role("button", name="Trimiteți cererea").click()

    journey.arrive(r"/cont/cerere/trimisa/CC-\d{4}-\d{6}")
    reference = page.locator(".reference").inner_text()
    assert REFERENCE.fullmatch(reference), reference
    assert page.url.endswith(f"/cont/cerere/trimisa/{reference}")
    journey.audit("confirmation")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Descărcați cererea (PDF)").click()
    download = pdf_download.value
    assert download.suggested_filename == f"cerere-cont-{reference}.pdf"
    text = pdf_text(download.path().read_bytes())
    printed_values = (CNP, reference, f"{LAST_NAME} {FIRST_NAME}", PERSON_B["cnp"], LEGAL["cui"])
    for printed in printed_values:
        assert printed in text, f"{printed!r} is not in the PDF's text:\n{text}"

    word = page.request.get(
        page.get_by_role("link", name="Descărcați cererea (Word)").get_attribute("href")
    )
    assert word.ok, word.status
    assert word.body().startswith(b"PK")
    assert "attachment" in word.headers["content-disposition"]

    page.get_by_role("link", name="Vedeți cererea în browser, pentru tipărire").click()
    journey.arrive(rf"/cont/cerere/{reference}/tiparire")
    journey.audit("printable request")


def test_leaving_a_field_checks_it_in_place(browsing):
    page = browsing.open(javascript=True)
    journey = Journey(page, browsing, javascript=True)
    page.goto("/cont/cerere")
    journey.arrive("/cont/cerere")
    cnp = page.get_by_label("CNP", exact=True)
    cnp.fill("2580514123450")

    with page.expect_response(
        lambda response: response.request.headers.get("x-field") == "cnp"
    ) as checked:
        cnp.press("Tab")
    assert checked.value.status == 200
    expect(page.locator("#cnp-error")).to_contain_text("CNP-ul nu este valid")
    expect(cnp).to_have_attribute("aria-invalid", "true")
    expect(cnp).to_have_attribute("aria-describedby", "cnp-hint cnp-error")
    expect(cnp).to_have_value("2580514123450")
    # The swap replaced the CNP's wrapper only: the person's cursor stays where they went.
    expect(page.get_by_role("button", name="Continuați")).to_be_focused()
    expect(page.locator(".error-summary")).to_have_count(0)
    assert page.evaluate(MARKER) is True, "leaving the field reloaded the page"
    browsing.assert_accessible(page, "identity, CNP left with a wrong check digit")

    cnp.fill(CNP)
    with page.expect_response(lambda response: response.request.headers.get("x-field") == "cnp"):
        cnp.press("Tab")
    expect(page.locator("#cnp-error")).to_have_count(0)
    expect(cnp).not_to_have_attribute("aria-invalid", "true")
    assert page.evaluate(MARKER) is True


def test_a_second_request_for_the_same_cnp_is_accepted(browsing):
    # F11: a stranger's request with someone's CNP must not block that person's own.
    # Without JavaScript: the check page posts natively either way, and it is the faster journey.
    first = browsing.open(javascript=False)
    submit_without_persons(first)
    expect(first).to_have_url(re.compile(r"/cont/cerere/trimisa/CC-"))

    second = browsing.open(javascript=False)
    submit_without_persons(second)
    expect(second).to_have_url(re.compile(r"/cont/cerere/trimisa/CC-"))
    assert second.url != first.url
    expect(second.locator(".error-summary")).to_have_count(0)
    expect(second.locator("main")).to_contain_text("un singur cont")
    browsing.assert_accessible(second, "confirmation of a second request for the same CNP")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_a_foreigners_cnp_is_asked_birth_date_and_sex(browsing, javascript):
    """M14: a 9 CNP tells neither; they are asked on the first page, and kept."""
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)
    page.goto("/cont/cerere")
    journey.arrive("/cont/cerere")
    expect(page.get_by_label("Data nașterii", exact=True)).to_have_count(0)
    fill_identity(page, cnp=builders.FOREIGN_CNP, sex="M")
    page.get_by_role("button", name="Continuați").click()
    journey.arrive("/cont/cerere/persoane")
    page.get_by_role("button", name="Continuați").click()
    journey.arrive("/cont/cerere/verificare")
    main = page.get_by_role("main")
    expect(main).to_contain_text("14.05.1958")
    expect(main).to_contain_text("Bărbat")
    journey.audit("check your answers, birth date and sex asked")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_a_residents_cnp_asks_the_birth_date_with_an_accessible_page(browsing, javascript):
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)
    page.goto("/cont/cerere")
    journey.arrive("/cont/cerere")
    page.get_by_label("Numele de familie").fill(LAST_NAME)
    page.get_by_label("Prenumele").fill(FIRST_NAME)
    page.get_by_label("CNP", exact=True).fill(builders.RESIDENT_WOMAN_CNP)
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page.get_by_label("Data nașterii", exact=True)).to_be_visible()
    expect(page.get_by_role("group", name="Sexul")).to_have_count(0)
    expect(page.locator(".error-summary a[href='#birth_date']")).to_be_visible()
    journey.audit("name and CNP, resident's CNP: birth date asked")
