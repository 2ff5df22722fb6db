"""The pension calculator in Chromium, with JavaScript on (the result follows the typing) and off
(the GET form submits), and the information pages; axe-core on every state."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

MARKER = "window.__calculatorMarker"
RESULT_NET = re.compile(r"Pensia netă: \d[\d.]* lei pe lună")
ANNOUNCED_NET = re.compile(r"^Pensia netă estimată: \d[\d.]* lei pe lună\.$")
INCOME = re.compile(r"^Venitul .*lunar mediu")
TOPICS = [
    "tipuri-de-pensii",
    "punctaj",
    "perioade-asimilate",
    "puncte-de-stabilitate",
    "pilonul-2",
    "impozit-si-cass",
    "termene",
]


class Calculator:
    """The calculator page: with JavaScript each action must update it in place."""

    def __init__(self, page: Page, browsing, javascript: bool):
        self.page = page
        self.browsing = browsing
        self.javascript = javascript

    def arrive(self) -> None:
        """Mark the page as loaded: an in-place update must keep the mark."""
        if self.javascript:
            self.page.wait_for_load_state()
            self.page.evaluate(f"{MARKER} = true")

    def settle(self) -> None:
        if self.javascript:
            self.page.wait_for_function(
                "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
            )

    def audit(self, state: str) -> None:
        if self.javascript:
            assert self.page.evaluate(MARKER) is True, f"the page was reloaded before: {state}"
        self.browsing.assert_accessible(self.page, state)

    def calculate(self) -> None:
        """Ask for the result: with htmx it comes while typing, without it on submit."""
        if self.javascript:
            self.settle()
        else:
            self.page.get_by_role("button", name="Calculați", exact=True).last.click()

    def press(self, name: str) -> None:
        button = self.page.get_by_role("button", name=name)
        if not self.javascript:
            button.click()
            return
        with self.page.expect_request(lambda r: "/pensie/calcul" in r.url) as sent:
            button.click()
        assert sent.value.headers.get("hx-request") == "true", "the form was submitted natively"
        sent.value.response()
        self.settle()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_calculator_both_ways(browsing, javascript):
    page = browsing.open(javascript=javascript)
    calc = Calculator(page, browsing, javascript)

    page.goto("/pensie/")
    browsing.assert_accessible(page, "information index")
    # A start button: a link with role="button", as on the account request's start page.
    page.get_by_role("button", name="Calculați pensia").click()
    expect(page).to_have_url(re.compile(r"/pensie/calcul$"))
    calc.arrive()
    result = page.locator("#result")
    # Only the net amount is announced, not the whole result.
    expect(result).not_to_have_attribute("aria-live", re.compile(".*"))
    expect(page.locator("#net-live")).to_have_attribute("aria-live", "polite")
    calc.audit("empty calculator")

    # Total points from the career report, with the age: an early pension.
    page.get_by_label("Data de la care începe pensia").fill("01.09.2025")
    page.get_by_label("Ani", exact=True).fill("36")
    points = page.get_by_label("Punctajul din raportul de stagiu")
    points.fill("30")
    page.get_by_label("Data nașterii", exact=True).fill("15.03.1962")
    page.get_by_role("group", name="Sexul", exact=True).get_by_label("Bărbat").check()
    calc.calculate()
    expect(result).to_contain_text(RESULT_NET)
    expect(result).to_contain_text("2.818 lei")
    expect(result).to_contain_text("nu o decizie a casei de pensii")
    expect(result).to_contain_text("tabelul nr. 4")
    expect(result.locator(".line-source").first).to_contain_text("art. 85")
    expect(page).to_have_url(re.compile(r"points=30"))
    if javascript:
        # Typing did not move the focus, and no history entry per keystroke.
        expect(
            page.get_by_role("group", name="Sexul", exact=True).get_by_label("Bărbat")
        ).to_be_focused()
    calc.audit("result from points")

    # The same result from its address, in a fresh page.
    address = page.url
    again = browsing.open(javascript=javascript)
    again.goto(address)
    expect(again.locator("#result")).to_contain_text("2.818 lei")

    # Printing keeps the result and drops the form.
    page.emulate_media(media="print")
    expect(page.locator("form.calculator")).to_be_hidden()
    expect(result).to_be_visible()
    page.emulate_media(media="screen")

    # A row per year: add, fill, add, remove the first.
    calc.press("Adăugați un an")
    second = page.get_by_role("group", name="Rândul 2")
    expect(second.get_by_label("Anul")).to_be_focused()
    page.get_by_role("group", name="Rândul 1").get_by_label("Anul").fill("2019")
    page.get_by_role("group", name="Rândul 1").get_by_label(INCOME).fill("3.500,50")
    second.get_by_label("Anul").fill("2020")
    second.get_by_label(INCOME).fill("4.000")
    calc.calculate()
    expect(result).to_contain_text("Punctaj anual 2020")
    calc.audit("two rows")
    calc.press("Ștergeți rândul 1")
    expect(page.get_by_role("group", name="Rândul 2")).to_have_count(0)
    expect(page.get_by_role("group", name="Rândul 1").get_by_label("Anul")).to_have_value("2020")
    expect(page.get_by_role("button", name="Adăugați un an")).to_be_focused()
    expect(points).to_have_value("30")
    calc.calculate()
    expect(result).not_to_contain_text("Punctaj anual 2019")
    expect(result).to_contain_text("Punctaj anual 2020")

    # A pasted table with a line that cannot be read.
    table = page.get_by_label("Tabelul copiat din raportul de stagiu")
    table.fill("An\tVenit brut\n2021\t4.100,00\n2022\tmult")
    calc.calculate()
    if javascript:
        problem = result.get_by_role("link", name=re.compile("Rândul 3 din tabel"))
        expect(problem).to_be_visible()
        expect(table).to_be_focused()
        expect(page).to_have_title(re.compile("^Eroare: "))
    else:
        expect(page.locator(".error-summary")).to_be_focused()
        expect(page.locator("#income-error")).to_contain_text("Rândul 3 din tabel")
        expect(table).to_have_value("An\tVenit brut\n2021\t4.100,00\n2022\tmult")
    calc.audit("table with a bad line")
    table.fill("An\tVenit brut\n2021\t4.100,00")
    calc.calculate()
    expect(result).to_contain_text("Punctaj anual 2021")
    expect(page).not_to_have_title(re.compile("^Eroare: "))
    calc.audit("table read")

    # Asking for the result with a question unanswered: an error, not just "missing".
    start = page.get_by_label("Data de la care începe pensia")
    start.fill("")
    calc.press("Calculați")
    expect(page).to_have_title(re.compile("^Eroare: "))
    if javascript:
        missing = result.get_by_role("link", name="Scrieți data de la care începe pensia.")
        expect(missing).to_be_visible()
        # The summary came with the result and, after "Calculați", takes the focus.
        expect(page.locator("#error-summary-slot .error-summary")).to_be_focused()
    else:
        expect(page.locator(".error-summary")).to_be_focused()
        expect(page.locator("#start_date-error")).to_contain_text("Scrieți data")
    calc.audit("asked without a start date")
    start.fill("01.09.2025")
    calc.calculate()
    expect(result).to_contain_text(RESULT_NET)

    if javascript:
        # The address was replaced, not pushed: Back leaves the calculator.
        page.go_back()
        expect(page).to_have_url(re.compile(r"/pensie/$"))


def test_with_javascript_the_summary_follows_the_typing_and_only_the_net_is_announced(browsing):
    page = browsing.open(javascript=True)
    calc = Calculator(page, browsing, javascript=True)
    page.goto("/pensie/calcul")
    calc.arrive()
    summary = page.locator("#error-summary-slot .error-summary")
    live = page.locator("#net-live")
    expect(page.locator("[aria-live]")).to_have_count(1)

    page.get_by_label("Data de la care începe pensia").fill("01.06.2026")
    points = page.get_by_label("Punctajul din raportul de stagiu")
    points.fill("trei")
    calc.settle()
    expect(summary).to_be_visible()
    expect(
        summary.get_by_role("link", name=re.compile("Scrieți punctajul ca număr"))
    ).to_be_visible()
    expect(points).to_be_focused()  # the summary arrived without taking the focus
    expect(page).to_have_title(re.compile("^Eroare: "))
    expect(live).to_have_text("")
    calc.audit("summary while typing")

    points.fill("30")
    calc.settle()
    expect(live).to_have_text(ANNOUNCED_NET)
    expect(summary).to_have_count(0)
    expect(page.locator("#result")).to_contain_text(RESULT_NET)
    calc.audit("summary gone, net announced")

    # 3,000,000 for 1986 is questioned: no result, the question in the summary, a box to tick.
    points.fill("")
    page.get_by_role("group", name="Rândul 1").get_by_label("Anul").fill("1986")
    page.get_by_role("group", name="Rândul 1").get_by_label(INCOME).fill("3.000.000")
    calc.settle()
    expect(summary).to_contain_text("Verificați suma din 1986")
    expect(summary).to_contain_text("lei vechi (ROL)")
    expect(live).to_have_text("")
    expect(page.locator("#result")).not_to_contain_text(RESULT_NET)
    conversion = page.get_by_role("link", name="Împărțiți la 10.000 suma din 1986: 300 lei")
    expect(conversion).to_be_visible()
    confirm = page.get_by_label("Am verificat: sumele sunt corecte, calculați cu ele")
    calc.audit("amount questioned")
    confirm.check()
    calc.settle()
    expect(summary).to_have_count(0)
    expect(live).to_have_text(ANNOUNCED_NET)
    expect(confirm).to_be_checked()
    calc.audit("amount confirmed")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_years_without_data_go_in_one_span_box(browsing, javascript):
    page = browsing.open(javascript=javascript)
    calc = Calculator(page, browsing, javascript)
    rows = "&".join(
        f"rows-{i}-year={year}&rows-{i}-amount=3000" for i, year in enumerate(range(1988, 1995))
    )
    page.goto(f"/pensie/calcul?start_date=01.06.2026&{rows}&action=calculate")
    calc.arrive()
    errors = page.locator(".error-message")
    expect(errors).to_have_count(1)
    expect(page.locator("#span_points-error")).to_contain_text("4 ani din această perioadă")
    calc.audit("span years typed as rows")
    calc.press("Scoateți anii 1991–2018 din listă")
    expect(page.get_by_role("group", name=re.compile("^Rândul "))).to_have_count(3)
    span = page.get_by_label("Suma punctajelor anuale pentru acești ani")
    expect(span).to_be_focused()
    span.fill("4,5")
    calc.calculate()
    expect(page.locator("#result")).to_contain_text("Punctajele anuale 1991–2018")
    expect(page.locator("#result")).to_contain_text(RESULT_NET)
    calc.audit("span points used")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_a_survivors_pension_both_ways(browsing, javascript):
    page = browsing.open(javascript=javascript)
    calc = Calculator(page, browsing, javascript)
    page.goto("/pensie/calcul")
    calc.arrive()
    page.get_by_role("group", name="Ce pensie calculați?").get_by_label("Pensie de urmaș").check()
    page.get_by_label("Data de la care începe pensia").fill("01.09.2026")
    page.locator("#points").fill("30")
    page.locator("#survivor summary").click()
    page.get_by_label("Copii îndreptățiți la pensie de urmaș").fill("1")
    page.get_by_label("Durata căsătoriei, în luni").fill("200")
    page.get_by_label("Data nașterii soțului supraviețuitor").fill("01.01.1955")
    page.get_by_role("group", name="Sexul soțului supraviețuitor").get_by_label("Femeie").check()
    calc.calculate()
    result = page.locator("#result")
    expect(result).to_contain_text("Pensiile nete ale urmașilor, împreună")
    expect(result.get_by_role("table", name="Partea fiecărui urmaș")).to_be_visible()
    expect(result).to_contain_text("art. 79 alin. (2)")
    calc.audit("survivor's pension")


def test_information_pages_are_accessible_and_lead_to_the_estimate(browsing):
    page = browsing.open(javascript=True)
    for slug in TOPICS:
        page.goto(f"/pensie/{slug}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_role("button", name="Calculați pensia")).to_have_attribute(
            "href", "/pensie/calcul"
        )
        browsing.assert_accessible(page, slug)
    page.goto("/")
    page.get_by_role("link", name="Calculați pensia").click()
    expect(page).to_have_url(re.compile(r"/pensie/$"))


def test_with_javascript_an_empty_calculati_shows_the_summary_and_marks_the_fields(browsing):
    """M9: the same summary as without JavaScript, the focus on it, the questions marked; the
    marks go as the answers are put right, and only a short sentence is announced."""
    page = browsing.open(javascript=True)
    calc = Calculator(page, browsing, javascript=True)
    page.goto("/pensie/calcul")
    calc.arrive()
    calc.press("Calculați")
    summary = page.locator("#error-summary-slot .error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="A apărut o problemă")).to_be_visible()
    expect(
        summary.get_by_role("link", name="Scrieți data de la care începe pensia.")
    ).to_be_visible()
    start = page.get_by_label("Data de la care începe pensia")
    expect(start).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#start_date-error")).to_contain_text("Scrieți data")
    expect(page.locator("#points")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_title(re.compile("^Eroare: "))
    expect(page.locator("#net-live")).to_have_text("")
    calc.audit("empty Calculați with JavaScript")

    start.fill("01.06.2026")
    page.get_by_label("Punctajul din raportul de stagiu").fill("30")
    page.get_by_label("Punctajul din raportul de stagiu").blur()
    calc.settle()
    expect(summary).to_have_count(0)
    expect(page.locator(".field--error")).to_have_count(0)
    expect(page.locator("[aria-invalid=true]")).to_have_count(0)
    expect(page.locator("#net-live")).to_have_text(ANNOUNCED_NET)
    expect(page).not_to_have_title(re.compile("^Eroare: "))
    calc.audit("all put right, the net announced")
