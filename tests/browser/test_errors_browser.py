"""Problems as the person sees them in Chromium (M6, M9, M11, M17, m1): the error summary that
follows the fields with JavaScript, "Arată parola" that never silently skips a save, with
JavaScript on and off; axe-core on every state."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests import builders
from tests.browser.journeys import MARKER, Journey, fill_name_and_cnp

pytestmark = pytest.mark.browser
ERROR_TITLE = re.compile(r"^Eroare: ")
PASSWORD = "Pensie-Albastră-2026"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_an_empty_question_page_lists_its_problems_under_one_heading(browsing, javascript):
    page = browsing.open(javascript=javascript)
    journey = Journey(page, browsing, javascript)
    page.goto("/cont/cerere")
    journey.arrive("/cont/cerere")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="A apărut o problemă")).to_be_visible()
    expect(page).to_have_title(ERROR_TITLE)
    link = summary.get_by_role("link", name="Introduceți numele de familie.")
    link.click()
    expect(page.get_by_label("Numele de familie")).to_be_focused()
    journey.audit("identity, empty submit")


def test_with_javascript_the_summary_shrinks_as_fields_are_fixed_then_goes(browsing):
    page = browsing.open(javascript=True)
    journey = Journey(page, browsing, javascript=True)
    page.goto("/cont/cerere")
    journey.arrive("/cont/cerere")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    items = page.locator(".error-summary li")
    before = items.count()
    assert before == 3  # the first page asks the name, first name and CNP (M14)

    last_name = page.get_by_label("Numele de familie")
    last_name.fill("Țărănescu")
    with page.expect_response(lambda r: r.request.headers.get("x-field") == "last_name"):
        last_name.press("Tab")
    expect(items).to_have_count(before - 1)
    expect(page.locator(".error-summary")).not_to_contain_text("Introduceți numele de familie")
    expect(page).to_have_title(ERROR_TITLE)
    journey.audit("identity, one field fixed, summary shorter")

    # A new problem in a field already listed replaces its item; none is added twice.
    cnp = page.get_by_label("CNP", exact=True)
    cnp.fill("2580514123450")
    with page.expect_response(lambda r: r.request.headers.get("x-field") == "cnp"):
        cnp.press("Tab")
    expect(page.locator('.error-summary li[data-field="field-cnp"]')).to_contain_text(
        "CNP-ul nu este valid"
    )
    expect(items).to_have_count(before - 1)

    # Everything filled at once, as autofill does: the stale marks are checked again too.
    fill_name_and_cnp(page)
    page.get_by_label("Numele de familie").focus()
    page.get_by_label("Prenumele").focus()
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(page.locator(".field--error")).to_have_count(0)
    expect(page).not_to_have_title(ERROR_TITLE)
    assert page.evaluate(MARKER) is True
    journey.audit("identity, all fixed, summary gone")


class HeldCheck:
    """The first check of one field is held back until `release()`, as on a slow connection;
    every other request goes on. The page counts the field checks it sends."""

    def __init__(self, page: Page, field: str):
        self.page = page
        self.field = field
        self.routes: list = []
        page.route("**/cont/cerere", self._route)
        page.evaluate(
            """() => {
                window.__fieldChecks = [];
                document.addEventListener("htmx:beforeSend", (e) => {
                    const field = e.detail.requestConfig.headers["X-Field"];
                    if (field) window.__fieldChecks.push(field);
                });
            }"""
        )

    def _route(self, route) -> None:
        if route.request.headers.get("x-field") == self.field and not self.routes:
            self.routes.append(route)
        else:
            route.continue_()

    def wait_until_held(self) -> None:
        # The route handler runs while Playwright is waiting: a bounded wait for it, no more.
        for _ in range(200):
            if self.routes:
                return
            self.page.wait_for_timeout(25)
        raise AssertionError(f"the check of {self.field} was never sent")

    def release(self) -> None:
        self.wait_until_held()
        with self.page.expect_response(lambda r: r.request.headers.get("x-field") == self.field):
            self.routes[0].continue_()
        self.page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        )

    def sent(self) -> list[str]:
        return self.page.evaluate("window.__fieldChecks")


def identity_page_with_problems(browsing) -> tuple[Page, Journey]:
    page = browsing.open(javascript=True)
    journey = Journey(page, browsing, javascript=True)
    page.goto("/cont/cerere")
    journey.arrive("/cont/cerere")
    journey.in_place(page.get_by_role("button", name="Continuați"))
    expect(page.locator(".error-summary li")).to_have_count(3)
    return page, journey


def test_a_field_put_right_is_cleared_even_if_its_answer_comes_when_the_person_is_back_in_it(
    browsing,
):
    """The race behind the summary that kept an item: the answer about a field put right came
    while the person (or a quick test) was back in that field, and was dropped."""
    page, journey = identity_page_with_problems(browsing)
    held = HeldCheck(page, "first_name")
    first_name = page.get_by_label("Prenumele")
    first_name.fill("Ștefania-Ană")
    first_name.press("Tab")
    first_name.focus()
    # Back in the box to write it again: all of it selected, as a triple click or Ctrl+A does.
    first_name.evaluate("(box) => box.select()")
    held.release()

    expect(page.locator(".error-summary li")).to_have_count(2)
    expect(page.locator(".error-summary")).not_to_contain_text("Introduceți prenumele")
    expect(page.locator("#field-first_name")).not_to_have_class(re.compile(r"field--error"))
    expect(page.locator("#first_name-error")).to_have_count(0)
    expect(first_name).not_to_have_attribute("aria-invalid", "true")
    # The person is where they were: in the box, with what they selected, so what they type
    # now replaces it, as they meant.
    expect(first_name).to_be_focused()
    assert first_name.evaluate("(box) => [box.selectionStart, box.selectionEnd]") == [0, 12]
    first_name.press_sequentially("Ana")
    expect(first_name).to_have_value("Ana")
    # Nothing asked again: a box swapped out while focused sends focusout in Chromium, and
    # taken for the person leaving, each answer would ask again. The CNP was left empty.
    assert held.sent() == ["first_name", "cnp"]
    journey.audit("identity, a field put right while the person is back in it")


def test_a_late_answer_about_what_a_box_held_before_never_replaces_what_was_typed_since(browsing):
    """The person leaves a box, comes back, types more and leaves again before the first answer
    arrives: that answer is about the old value, and is dropped; the second one is shown."""
    page, journey = identity_page_with_problems(browsing)
    held = HeldCheck(page, "last_name")
    last_name = page.get_by_label("Numele de familie")
    last_name.fill("Țără")
    last_name.press("Tab")
    held.wait_until_held()
    last_name.focus()
    last_name.press("End")
    last_name.press_sequentially("nescu")
    with page.expect_request(lambda r: r.headers.get("x-field") == "last_name") as second:
        last_name.press("Tab")
        held.release()
    assert "last_name=%C8%9A%C4%83r%C4%83nescu&" in second.value.post_data
    second.value.response()
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    expect(last_name).to_have_value("Țărănescu")
    expect(page.locator(".error-summary li")).to_have_count(2)
    expect(page.locator(".error-summary")).not_to_contain_text("Introduceți numele de familie")
    expect(page.get_by_label("Prenumele")).to_be_focused()
    # Going back into the name left the first name, still marked: it was checked too. The name,
    # still marked after the late answer, may be asked again by the stale-mark check as well.
    sent = held.sent()
    assert sent[:3] == ["last_name", "first_name", "last_name"]
    assert set(sent[3:]) <= {"last_name"}
    journey.audit("identity, a late answer dropped, the next one shown")


def set_password_page(live_app, browsing, javascript: bool) -> tuple[Page, object]:
    request, _, link = builders.approved(live_app)
    page = browsing.open(javascript=javascript)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alegeți parola contului")
    return page, request


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_show_password_never_skips_a_save_silently(live_app, base_url, browsing, javascript):
    page, request = set_password_page(live_app, browsing, javascript)
    expect(page.locator("main")).to_contain_text(
        f"Parola este pentru contul cu adresa de e-mail {request.email}."
    )
    box = page.get_by_label("Parola nouă")
    box.fill(PASSWORD)
    page.get_by_role("button", name="Arată parola").click()
    expect(box).to_have_attribute("type", "text")
    expect(box).to_have_value(PASSWORD)
    if javascript:
        expect(page.locator(".notice")).to_have_count(0)
    else:
        expect(page.get_by_role("status")).to_have_text(
            "Parola nu a fost salvată încă. Verificați-o, apoi apăsați „Salvați parola”."
        )
    expect(page).not_to_have_title(ERROR_TITLE)
    browsing.assert_accessible(page, "password shown")
    page.get_by_role("button", name="Ascunde parola").click()
    expect(box).to_have_attribute("type", "password")
    expect(box).to_have_value(PASSWORD)
    browsing.assert_accessible(page, "password hidden again")

    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/autentificare$"))
    expect(page.get_by_role("status")).to_have_text(
        "Parola a fost salvată. Autentificați-vă cu parola nouă."
    )
    expect(page.get_by_label("Adresa de e-mail")).to_have_value(request.email)
    browsing.assert_accessible(page, "sign-in after the password was saved")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_show_password_on_sign_in(live_app, base_url, browsing, javascript):
    _, _, link = builders.approved(live_app)
    page = browsing.open(javascript=javascript)
    page.goto(link)
    page.get_by_label("Parola nouă").fill(PASSWORD)
    page.get_by_role("button", name="Salvați parola").click()
    expect(page).to_have_url(re.compile(r"/autentificare$"))
    box = page.get_by_label("Parola", exact=True)
    box.fill(PASSWORD)
    page.get_by_role("button", name="Arată parola").click()
    expect(box).to_have_attribute("type", "text")
    expect(box).to_have_value(PASSWORD)
    expect(page).to_have_url(re.compile(r"/autentificare$"))
    if not javascript:
        expect(page.get_by_role("status")).to_contain_text("Nu v-ați autentificat încă")
    browsing.assert_accessible(page, "sign-in, password shown")
    page.get_by_role("button", name="Autentificare").click()
    expect(page).to_have_url(re.compile(r"/contul-meu/$"))


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_the_name_in_the_email_is_refused_as_a_password(live_app, base_url, browsing, javascript):
    page, _ = set_password_page(live_app, browsing, javascript)
    page.get_by_label("Parola nouă").fill("Persoana1.1958")
    page.get_by_role("button", name="Salvați parola").click()
    expect(page.locator("#password-error")).to_contain_text("numele din ea")
    expect(page).to_have_title(ERROR_TITLE)
    expect(page.get_by_role("alert")).to_be_focused()
    browsing.assert_accessible(page, "password refused: the name in the e-mail")
