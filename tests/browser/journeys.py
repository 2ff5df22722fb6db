"""Steps shared by the browser tests: a journey that notices reloads, the account request filled
in Chromium, and the text of a downloaded PDF."""

import io
import re
import unicodedata

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests import builders

LAST_NAME = "Țărănescu"
FIRST_NAME = "Ștefania-Ană"
REFERENCE = re.compile(r"CC-\d{4}-\d{6}")
MARKER = "window.__journeyMarker"


class Journey:
    """One person's way through the pages. With JavaScript on, a marker set on `window` when a
    page loads must survive everything that should happen in place."""

    def __init__(self, page: Page, browsing, javascript: bool):
        self.page = page
        self.browsing = browsing
        self.javascript = javascript

    def audit(self, state: str) -> None:
        # Runs after the test has waited for what an action should show, so a reload that a
        # quick check in in_place() could miss has happened by now.
        if self.javascript:
            assert self.page.evaluate(MARKER) is True, f"the page was reloaded before: {state}"
        self.browsing.assert_accessible(self.page, state)

    def arrive(self, path: str) -> None:
        """`path` is a regular expression for the whole path."""
        expect(self.page).to_have_url(re.compile(rf"^http://[^/]+{path}$"))
        if self.javascript:
            self.page.wait_for_load_state()
            self.page.evaluate(f"{MARKER} = true")

    def in_place(self, button) -> None:
        """Press a button that must update the page through htmx, not load a new one."""
        if not self.javascript:
            button.click()
            return
        with self.page.expect_request(
            lambda request: (
                request.method == "POST"
                and not any(name.startswith("x-field") for name in request.headers)
            )
        ) as posted:
            button.click()
        assert posted.value.headers.get("hx-request") == "true", "the form was posted natively"
        posted.value.response()
        self.page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        )
        assert self.page.evaluate(MARKER) is True, "the page was reloaded instead of updated"


def fill_identity(page: Page, journey: "Journey | None" = None, **overrides) -> None:
    """The pages before the persons page (M14: one thing per page), from the first one open:
    each filled and sent, the last one (the county house) filled only, for the caller to send.
    The birth date and sex are filled when the CNP leaves them to ask (7, 8, 9). With a
    `journey`, each page is audited empty, then sent empty and audited with its errors."""
    answers = builders.identity(last_name=LAST_NAME, first_name=FIRST_NAME, **overrides)
    continue_button = page.get_by_role("button", name="Continuați")

    def arrive(path: str, name: str) -> None:
        if journey is None:
            expect(page).to_have_url(re.compile(rf"{path}$"))
            return
        journey.arrive(path)
        journey.audit(f"{name}, empty")
        journey.in_place(continue_button)
        expect(page.locator(".error-summary")).to_be_focused()
        journey.audit(f"{name}, sent empty")

    def next_page() -> None:
        continue_button.click()

    arrive("/cont/cerere", "name and CNP")
    fill_name_and_cnp(page, **overrides)
    if answers["cnp"][0] in "789":
        # The CNP does not tell the century (nor, for 9, the sex): the page asks for them.
        if journey is None:
            continue_button.click()
        else:
            journey.in_place(continue_button)
        birth_date = page.get_by_label("Data nașterii", exact=True)
        expect(birth_date).to_be_visible()
        if journey is not None:
            journey.audit("name and CNP, birth date asked")
        birth_date.fill(answers["birth_date"])
        if answers["cnp"][0] == "9":
            sex = {"F": "Femeie", "M": "Bărbat"}[answers["sex"]]
            page.get_by_role("group", name="Sexul", exact=True).get_by_label(sex).check()
    next_page()

    arrive("/cont/cerere/act-de-identitate", "identity document")
    id_type = page.get_by_role("group", name="Tipul actului de identitate")
    id_type.get_by_label("Carte de identitate", exact=True).check()
    page.get_by_label("Seria").fill(answers["id_series"])
    page.get_by_label("Numărul actului de identitate").fill(answers["id_number"])
    page.get_by_label("Eliberat de").fill(answers["id_issuer"])
    page.get_by_label("Data eliberării").fill(answers["id_issued_on"])
    next_page()

    arrive("/cont/cerere/adresa", "address")
    home = choose_home_in_romania(page)
    home.get_by_label("Județul").select_option(answers["county_code"])
    home.get_by_label("Localitatea").fill(answers["locality"])
    home.get_by_label("Strada").fill(answers["street"])
    home.get_by_label("Numărul", exact=True).fill(answers["street_number"])
    home.get_by_label("Codul poștal").fill(answers["postal_code"])
    next_page()

    arrive("/cont/cerere/contact", "contact")
    page.get_by_label("Telefon").fill(answers["phone"])
    page.get_by_label("Adresa de e-mail", exact=True).fill(answers["email"])
    page.get_by_label("Confirmați adresa de e-mail").fill(answers["email_confirm"])
    next_page()

    arrive("/cont/cerere/casa-de-pensii", "county house")
    page.get_by_label("Casa de pensii la care prezentați cererea").select_option(
        answers["office_code"]
    )


def choose_home_in_romania(page: Page):
    """The address page's first question (M7). With JavaScript the county questions appear under
    it; without, they come with the page that "Continuați" brings back. Returns their group."""
    page.get_by_role("group", name="Unde aveți domiciliul?").get_by_label("În România").check()
    home = page.get_by_role("group", name="Adresa din România")
    if not home.is_visible():
        page.get_by_role("button", name="Continuați").click()
    expect(home).to_be_visible()
    return home


def pdf_text(body: bytes) -> str:
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", text)


def submit_without_persons(page: Page) -> None:
    page.goto("/cont/cerere")
    fill_identity(page)
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/persoane$"))
    page.get_by_role("button", name="Continuați").click()
    expect(page).to_have_url(re.compile(r"/cont/cerere/verificare$"))
    page.get_by_role("button", name="Trimiteți cererea").click()


def sign_in(page: Page, email_address: str, password: str) -> None:
    """The sign-in page filled in and sent; waits for the page it leads to."""
    page.goto("/autentificare")
    page.get_by_label("Adresa de e-mail").fill(email_address)
    page.get_by_label("Parola", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Autentificare").click()


def sign_in_staff(page: Page, live_app, email_address: str) -> None:
    """A staff member's password, then the authenticator's current code."""
    from sqlalchemy import select

    from webapp.models import StaffMember

    sign_in(page, email_address, builders.STAFF_PASSWORD)
    expect(page).to_have_url(re.compile(r"/autentificare/cod$"))
    with live_app.app_context():
        session = live_app.extensions["db_sessionmaker"]()
        member = session.execute(select(StaffMember).where(StaffMember.email == email_address))
        code = builders.totp_code(session, member.scalar_one().id)
        session.close()
    page.get_by_label("Codul de verificare").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Continuați").click()


def fill_name_and_cnp(page: Page, **overrides) -> None:
    """The first page of the account request as the helper fill_identity fills it."""
    answers = builders.identity(last_name=LAST_NAME, first_name=FIRST_NAME, **overrides)
    page.get_by_label("Numele de familie").fill(answers["last_name"])
    page.get_by_label("Prenumele").fill(answers["first_name"])
    page.get_by_label("CNP", exact=True).fill(answers["cnp"])
