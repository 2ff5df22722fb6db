"""The pension calculator page and the information pages, through the checking client
(tests/page_checks.py): one h1, unique ids, forms with action and method, no cedilla."""

import re
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from domain import ro
from domain.pension import net_amount
from forms.pension import parse_amount, parse_month, parse_table
from tests.page_checks import soup

CALC = "/pensie/calcul"
HTMX = {"HX-Request": "true"}
TOPICS = [
    "tipuri-de-pensii",
    "punctaj",
    "perioade-asimilate",
    "puncte-de-stabilitate",
    "pilonul-2",
    "impozit-si-cass",
    "termene",
]
COMPLETE = {
    "start_date": "01.09.2025",
    "contributory_years": "36",
    "points": "30",
    "birth_date": "15.03.1962",
    "sex": "M",
}


def calc(client_request, params, **kwargs):
    return client_request.get(f"{CALC}?{urlencode(params, doseq=True)}", **kwargs)


def text_of(response) -> str:
    return " ".join(soup(response).get_text(" ").split())


# --- reading what people type -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("3500", "3500"),
        ("3500,50", "3500.50"),
        ("3.500,50", "3500.50"),
        ("3 500,50", "3500.50"),
        ("3\u00a0500", "3500"),
        ("3500.50", "3500.50"),
        ("3.500", "3500"),
        ("12.345.678,9", "12345678.9"),
        ("3.500 lei", "3500"),
        ("3,500", None),
        ("1.234.5", None),
        ("12 3500", None),
        ("-5", None),
        ("abc", None),
    ],
)
def test_romanian_amounts(typed, amount):
    assert parse_amount(typed) == (None if amount is None else Decimal(amount))


def test_month_formats():
    assert [parse_month(t) for t in ("2008-05", "2008-5", "05.2008", "5/2008", "13.2008")] == [
        "2008-05",
        "2008-05",
        "2008-05",
        "2008-05",
        None,
    ]


def test_pasted_table_reads_tabs_spaces_semicolons_and_reports_bad_lines_by_number():
    table = "\n".join(
        [
            "An\tVenit brut lunar mediu",  # header: no digits, skipped
            "2013\t3.500,50",
            "2014 3 600",
            "2015;4000",
            "2016-05:100",
            "05.2017 200 lei",
            "2018\t12\t3500",  # three columns: which is the amount?
            "",
            "anul 2019",
        ]
    )
    entries, bad = parse_table(table)
    assert entries == ["2013:3500.50", "2014:3600", "2015:4000", "2016-05:100", "2017-05:200"]
    assert bad == [7, 9]


# --- information pages --------------------------------------------------------------------------


def test_home_links_to_the_pension_pages(client_request):
    page = client_request.get_page("/")
    assert page.find("a", href="/pensie/")


def test_index_lists_every_topic_and_the_calculator(client_request):
    page = client_request.get_page("/pensie/")
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    assert CALC in hrefs
    assert {f"/pensie/{slug}" for slug in TOPICS} <= hrefs


@pytest.mark.parametrize("slug", TOPICS)
def test_each_topic_page_links_to_the_estimate(client_request, slug):
    response = client_request.get(f"/pensie/{slug}")
    page = soup(response)
    assert page.find("a", href=CALC, string="Calculați pensia")
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_the_calculator_with_personal_inputs_is_never_cached(client_request, headers):
    # F10: the query holds a birth date, sex and incomes.
    response = calc(client_request, {**COMPLETE, "action": "calculate"}, headers=headers)
    assert response.headers["Cache-Control"] == "no-store"


def test_deadline_page_gives_both_terms_with_their_articles(client_request):
    text = text_of(client_request.get("/pensie/termene"))
    assert "30 de zile" in text and "art. 89" in text
    assert "45 de zile" in text and "art. 93" in text


def test_topic_pages_quote_figures_from_the_rule_tables(client_request):
    stability = text_of(client_request.get("/pensie/puncte-de-stabilitate"))
    assert "0,04167" in stability and "6,25 puncte" in stability
    tax = text_of(client_request.get("/pensie/impozit-si-cass"))
    example = net_amount(Decimal(4467), ro.today())
    assert f"4.467 lei se rețin {example.health_contribution} lei CASS" in tax
    assert f"primiți {ro.number(example.net)} lei" in tax


def test_unknown_topic_is_a_404(client_request):
    client_request.get("/pensie/nu-exista", expected_status=404)


# --- the calculator without JavaScript ----------------------------------------------------------


def test_empty_calculator_is_a_get_form_and_only_the_net_amount_is_announced(client_request):
    page = client_request.get_page(CALC)
    form = page.find("form", class_="calculator")
    assert form["method"] == "get" and form["action"] == CALC
    assert form["hx-get"] == CALC
    assert "delay:500ms" in form["hx-trigger"] and "submit" in form["hx-trigger"]
    assert form["hx-target"] == "#result"
    # The result (tables of some 60 lines) is not a live region; a small element is.
    assert not page.find(id="result").has_attr("aria-live")
    assert [live["id"] for live in page.find_all(attrs={"aria-live": True})] == ["net-live"]
    assert page.find(id="net-live").get_text(strip=True) == ""
    assert not form.find(attrs={"name": "csrf_token"})
    assert not page.find(style=True) and not page.find("style")


def test_submitting_shows_the_result_with_articles_dates_and_the_estimate_note(client_request):
    response = calc(client_request, {**COMPLETE, "action": "calculate"})
    page = soup(response)
    result = page.find(id="result")
    text = " ".join(result.get_text(" ").split())
    assert "Pensia netă: 2.818 lei pe lună" in text
    assert "nu o decizie a casei de pensii" in text
    assert "tabelul nr. 4" in text and "înmulțit cu" in text  # the law's reading, said
    captions = [c.get_text() for c in result.find_all("caption")]
    assert captions == ["Numărul total de puncte", "Pensia brută", "Pensia netă"]
    sources = [s.get_text() for s in result.select(".line-source")]
    assert any("art. 85 alin. (3)" in s and "regula din 01.09.2024" in s for s in sources)
    assert "art. 58 alin. (3)" in " ".join(sources)
    # The form is still there with what was typed.
    assert page.find("input", id="points")["value"] == "30"
    assert page.find("input", id="sex-1").has_attr("checked")


def test_page_and_api_agree(client_request):
    page_text = text_of(calc(client_request, COMPLETE))
    api = client_request.get(
        "/api/v1/pension/estimate?start_date=2025-09-01&contributory_years=36&points=30"
        "&birth_date=1962-03-15&sex=M"
    ).get_json()
    assert f"Pensia netă: {int(Decimal(api['net'])):,} lei".replace(",", ".") in page_text


def test_share_link_reproduces_the_result(client_request):
    page = soup(calc(client_request, {**COMPLETE, "contributory_days": "", "action": "calculate"}))
    link = page.select_one(".share a")["href"]
    query = dict(parse_qsl(urlsplit(link).query))
    assert query == COMPLETE  # empty boxes and the button are left out
    again = soup(client_request.get(link)).find(id="result").get_text()
    assert "2.818 lei" in again


def test_an_api_query_opens_on_the_page(client_request):
    params = {
        "start_date": "2026-01-01",
        "contributory_years": "2",
        "income": ["2024:5000", "2025:6000"],
        "sex": "m",
        "birth_date": "1958-06-10",
        "invalidity_grade": "",
    }
    page = soup(calc(client_request, params))
    assert page.find("textarea", id="income").get_text().strip() == "2024:5000\n2025:6000"
    assert "Pensia netă" in page.find(id="result").get_text()


def test_explicit_submit_of_an_incomplete_form_shows_errors(client_request):
    response = calc(client_request, {"start_date": "", "action": "calculate"})
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: Calculați pensia")
    summary = page.find(class_="error-summary")
    assert summary.find("a", href="#start_date") and summary.find("a", href="#points")
    assert page.find(id="start_date-error") and page.find(id="points-error")


def test_bad_values_are_kept_and_explained(client_request):
    params = {"start_date": "31.02.2025", "points": "3,2,1", "contributory_months": "14"}
    page = soup(calc(client_request, params))
    assert page.find("input", id="start_date")["value"] == "31.02.2025"
    assert page.find("input", id="points")["aria-invalid"] == "true"
    assert "12 luni fac un an" in page.find(id="contributory_months-error").get_text()
    assert page.title.get_text().startswith("Eroare:")


def test_a_rule_error_lands_on_its_field(client_request):
    page = soup(calc(client_request, {"start_date": "01.01.2020", "points": "30"}))
    assert "Legea nr. 360/2023" in page.find(id="start_date-error").get_text()


def career_rows(first=1986, last=2025, amounts=None):
    """A career typed year by year, as in the usability review: one row a year."""
    params = {"start_date": "01.06.2026"}
    for index, year in enumerate(range(first, last + 1)):
        params[f"rows-{index}-year"] = str(year)
        params[f"rows-{index}-amount"] = (amounts or {}).get(
            year, "3.000" if year < 1991 else "5.000"
        )
    return params


def test_a_40_year_career_gives_one_error_on_the_span_box_not_one_per_row(client_request):
    params = {**career_rows(), "action": "calculate"}
    response = calc(client_request, params)
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: Calculați pensia")
    errors = page.select(".error-message")
    assert [e["id"] for e in errors] == ["span_points-error"]
    message = errors[0].get_text(" ", strip=True)
    assert "Pentru anii 1991–2018 nu avem câștigul salarial mediu" in message
    assert "28 de ani din această perioadă (1991–2018)" in message
    assert "Scoateți anii 1991–2018 din listă" in message
    summary = page.find(class_="error-summary")
    assert [a["href"] for a in summary.find_all("a")] == ["#span_points"]
    # The span box is there, labelled with the years, and one button empties them out.
    assert page.find(id="span").find("legend").get_text() == "Punctajul anilor 1991–2018"
    assert page.find("button", value="remove-gap-years")
    assert "Pensia netă" not in page.find(id="result").get_text()


def test_removing_the_span_years_in_one_go_then_one_total_gives_the_estimate(client_request):
    params = career_rows()
    page = soup(calc(client_request, {**params, "action": "remove-gap-years"}))
    years = [i["value"] for i in page.select("input[id$='-year']") if i["id"].startswith("rows-")]
    assert years == [str(y) for y in [*range(1986, 1991), *range(2019, 2026)]]
    assert page.find("input", id="span_points").has_attr("autofocus")
    kept = {i["name"]: i.get("value", "") for i in page.select("input[name^='rows-']")}
    page = soup(calc(client_request, {**kept, "start_date": "01.06.2026", "span_points": "18,5"}))
    result = " ".join(page.find(id="result").get_text(" ").split())
    assert "Punctajele anuale 1991–2018 din raportul de stagiu (suma lor, 28 de ani)" in result
    assert "18,50000" in result
    assert "Pensia netă" in result
    live = page.find(id="net-live").get_text(" ", strip=True)
    assert live.startswith("Pensia netă estimată: ") and live.endswith(" lei pe lună.")


def test_span_points_with_the_rows_still_there_is_still_one_error(client_request):
    page = soup(calc(client_request, {**career_rows(), "span_points": "18,5"}))
    errors = page.select(".error-message")
    assert [e["id"] for e in errors] == ["span_points-error"]
    assert "de două ori" in errors[0].get_text()


def test_the_pasted_table_with_span_years_gets_the_same_single_error(client_request):
    table = "2010\t1.500\n2011\t1.600\n2020\t3.500"
    params = {"start_date": "01.06.2026", "income": table}
    page = soup(calc(client_request, params))
    assert [e["id"] for e in page.select(".error-message")] == ["span_points-error"]
    assert "(2010–2011)" in page.find(id="span_points-error").get_text()
    page = soup(calc(client_request, {**params, "action": "remove-gap-years"}))
    assert page.find("textarea", id="income").get_text().strip() == "2020\t3.500"


def test_a_span_of_other_years_and_its_problems(client_request):
    params = {"start_date": "01.06.2026", "span_first": "1980", "span_last": "1985"}
    page = soup(calc(client_request, {**params, "action": "calculate"}))
    assert "Scrieți suma punctajelor" in page.find(id="span_points-error").get_text()
    page = soup(calc(client_request, {**params, "span_points": "6,2"}))
    assert "Punctajele anuale 1980–1985" in page.find(id="result").get_text()
    page = soup(calc(client_request, {**params, "span_first": "1990", "span_points": "2"}))
    assert "înaintea primului" in page.find(id="span_last-error").get_text()


def test_span_points_above_5_a_year_are_questioned(client_request):
    page = soup(calc(client_request, {"start_date": "01.06.2026", "span_points": "280"}))
    error = page.find(id="span_points-error").get_text()
    assert "10,00000 puncte pe an" in error and "bifați" in error
    assert page.find("input", id="confirm_amounts", type="checkbox")
    confirmed = {"start_date": "01.06.2026", "span_points": "280", "confirm_amounts": "y"}
    assert "Pensia netă" in soup(calc(client_request, confirmed)).find(id="result").get_text()


# --- amounts that cannot be real ----------------------------------------------------------------


OLD_LEI = {"start_date": "01.06.2026", "rows-0-year": "1986", "rows-0-amount": "3.000.000"}


def test_3_000_000_for_1986_is_questioned_with_the_rol_conversion_offered(client_request):
    response = calc(client_request, {**OLD_LEI, "action": "calculate"})
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Eroare:")
    error = page.find(id="rows-0-amount-error").get_text(" ", strip=True)
    assert error.startswith("Eroare: Verificați suma din 1986: 3.000.000 lei pe lună")
    assert "(art. 143), dau 1.234,67601 puncte pentru un singur an" in error
    assert "lei vechi (ROL)" in error and "„Împărțiți la 10.000”" in error
    button = page.find("button", value="rol-0")
    assert " ".join(button.get_text(" ").split()) == "Împărțiți la 10.000 suma din 1986 : 300 lei"
    assert page.find("input", id="confirm_amounts")
    assert "Pensia netă" not in page.find(id="result").get_text()  # no silent result
    assert page.find(id="net-live").get_text(strip=True) == ""


def test_the_rol_conversion_divides_by_10_000_once(client_request):
    page = soup(calc(client_request, {**OLD_LEI, "action": "rol-0"}))
    assert page.find("input", id="rows-0-amount")["value"] == "300"
    assert page.find("input", id="rows-0-amount").has_attr("autofocus")
    assert "Pensia netă" in page.find(id="result").get_text()
    # A reload of that address does not divide again.
    again = soup(calc(client_request, {**OLD_LEI, "rows-0-amount": "300", "action": "rol-0"}))
    assert again.find("input", id="rows-0-amount")["value"] == "300"


def test_a_confirmed_amount_is_used(client_request):
    page = soup(calc(client_request, {**OLD_LEI, "confirm_amounts": "y"}))
    assert "Pensia netă" in page.find(id="result").get_text()
    assert page.find("input", id="confirm_amounts").has_attr("checked")
    link = page.select_one(".share a")["href"]
    assert "confirm_amounts=y" in link


def test_a_high_recent_income_is_questioned_without_the_rol_offer(client_request):
    params = {"start_date": "01.06.2026", "rows-0-year": "2020", "rows-0-amount": "50.000"}
    page = soup(calc(client_request, params))
    error = page.find(id="rows-0-amount-error").get_text()
    assert "Verificați suma din 2020" in error and "lei vechi" not in error
    assert not page.find("button", value="rol-0")
    # Twelve monthly INS divisors are named once, with their range, not listed one by one.
    assert (
        "câștigul salarial mediu brut lunar comunicat de INS pentru fiecare lună (între " in error
    )
    assert "5.188" in error and "5.906 lei)" in error and error.count("INS") == 1


def test_high_amounts_in_the_table_get_one_question(client_request):
    table = "1985\t900.000\n1986\t950.000\n2020\t3.500"
    page = soup(calc(client_request, {"start_date": "01.06.2026", "income": table}))
    error = page.find(id="income-error").get_text()
    assert "pentru 1985–1986" in error and "10.000" in error


@pytest.mark.parametrize(
    ("year", "label"),
    [
        ("1970", "Venitul brut lunar mediu, în lei"),
        ("1977", "Venitul lunar mediu, în lei (brut până în iunie, net din iulie 1977)"),
        ("1986", "Venitul net lunar mediu, în lei (din carnetul de muncă)"),
        ("1990", "Venitul net lunar mediu, în lei (din carnetul de muncă)"),
        ("2013", "Venitul brut lunar mediu, în lei"),
        ("", "Venitul lunar mediu, în lei (brut; net din iulie 1977 până în 1990)"),
    ],
)
def test_the_income_box_says_gross_or_net_as_the_law_takes_it(client_request, year, label):
    page = soup(calc(client_request, {"rows-0-year": year, "rows-0-amount": "1000"}))
    assert page.find("label", attrs={"for": "rows-0-amount"}).get_text() == label


def test_a_missing_amount_names_net_or_gross(client_request):
    params = {"start_date": "01.06.2026", "rows-0-year": "1986", "action": "calculate"}
    error = soup(calc(client_request, params)).find(id="rows-0-amount-error").get_text()
    assert "Scrieți venitul net lunar mediu din 1986." in error


def test_row_problems(client_request):
    params = {
        "start_date": "01.09.2025",
        "rows-0-year": "2013",
        "rows-0-amount": "",
        "rows-1-year": "",
        "rows-1-amount": "100",
        "rows-2-year": "2014",
        "rows-2-amount": "1",
        "rows-3-year": "2014",
        "rows-3-amount": "2",
        "action": "calculate",
    }
    page = soup(calc(client_request, params))
    assert "venitul brut lunar mediu din 2013" in page.find(id="rows-0-amount-error").get_text()
    assert "rândul 2" in page.find(id="rows-1-year-error").get_text()
    assert "de mai multe ori" in page.find(id="rows-3-year-error").get_text()


def test_pasted_table_errors_name_the_lines(client_request):
    table = "An\tVenit\n2013\t3.500,50\n2014\tmult\n2015\t4.000\nxx 12"
    page = soup(calc(client_request, {"start_date": "01.09.2025", "income": table}))
    error = page.find(id="income-error").get_text()
    assert "Rândurile 3 și 5" in error
    assert page.find("textarea", id="income").get_text().startswith("An\tVenit")


def test_pasted_table_is_calculated(client_request):
    table = "An\tVenit brut\n2025\t8.620\n2024\t3.394,50"
    page = soup(calc(client_request, {"start_date": "01.01.2026", "income": table}))
    result = " ".join(page.find(id="result").get_text(" ").split())
    # 8,620 lei is the 2025 divisor itself (CSMB): one point a month, 1.00000 for the year.
    assert "Punctaj anual 2025" in result and "1,00000" in result
    # 2024: 3,394.50 ÷ the INS average of each month to August (art. 142(1)), ÷ 7,567 after.
    assert "Punctaj anual 2024" in result and "0,42051" in result


# --- rows added and removed in place (no JavaScript: the buttons submit) --------------------------


def test_add_a_row(client_request):
    params = {"start_date": "01.09.2025", "rows-0-year": "2013", "rows-0-amount": "3500"}
    page = soup(calc(client_request, {**params, "action": "add-year"}))
    assert page.find("input", id="rows-0-year")["value"] == "2013"
    new = page.find("input", id="rows-1-year")
    assert new["value"] == "" and new.has_attr("autofocus")


def test_remove_a_row_renumbers_the_rest(client_request):
    params = {
        "rows-0-year": "2013",
        "rows-0-amount": "1",
        "rows-1-year": "2014",
        "rows-1-amount": "2",
        "rows-2-year": "2015",
        "rows-2-amount": "3",
        "action": "remove-year-1",
    }
    page = soup(calc(client_request, params))
    years = [page.find("input", id=f"rows-{i}-year")["value"] for i in range(2)]
    assert years == ["2013", "2015"]
    assert not page.find("input", id="rows-2-year")
    assert page.find("button", value="add-year").has_attr("autofocus")


def test_removing_the_only_row_leaves_an_empty_one(client_request):
    page = soup(calc(client_request, {"rows-0-year": "2013", "action": "remove-year-0"}))
    assert page.find("input", id="rows-0-year")["value"] == ""


def test_rows_stop_at_the_limit(client_request):
    from forms.pension import MAX_ROWS

    params = {f"rows-{i}-year": str(1960 + i) for i in range(MAX_ROWS)}
    page = soup(calc(client_request, {**params, "action": "add-year"}))
    assert not page.find("input", id=f"rows-{MAX_ROWS}-year")
    assert not page.find("button", value="add-year")


# --- the calculator with htmx -------------------------------------------------------------------


def test_htmx_gets_only_the_result_block_with_the_title(client_request):
    response = calc(client_request, COMPLETE, headers=HTMX)
    html = response.get_data(as_text=True)
    assert html.startswith("<title>Calculați pensia – ")
    assert "<form" not in html and "<h1" not in html
    assert "Pensia netă" in html
    assert "HX-Request" in response.headers["Vary"]
    assert response.headers["HX-Replace-Url"] == f"{CALC}?{urlencode(COMPLETE)}"


def test_while_typing_missing_answers_are_not_errors(client_request):
    response = calc(client_request, {"start_date": "01.09.2025"}, headers=HTMX)
    html = response.get_data(as_text=True)
    assert html.startswith("<title>Calculați pensia")  # no "Eroare:"
    assert 'href="#points"' in html


def test_while_typing_bad_values_are_listed_with_links(client_request):
    response = calc(client_request, {"start_date": "01.09.2025", "points": "x"}, headers=HTMX)
    page = soup(response)
    assert response.get_data(as_text=True).startswith("<title>Eroare: ")
    assert page.select_one(".result-problems a[href='#points']")
    # No autofocus in a region that updates while someone types.
    assert not page.find(autofocus=True)


def test_htmx_row_action_returns_the_content_block_retargeted(client_request):
    params = {"start_date": "01.09.2025", "rows-0-year": "2013", "action": "add-year"}
    response = calc(client_request, params, headers=HTMX)
    assert response.headers["HX-Retarget"] == "#content"
    assert response.headers["HX-Reswap"] == "innerHTML"
    page = soup(response)
    assert page.find("form", class_="calculator")
    assert page.find("input", id="rows-1-year").has_attr("autofocus")
    assert "action" not in response.headers["HX-Replace-Url"]


def test_htmx_row_action_lists_problems_in_the_result_not_in_the_form(client_request):
    params = {"start_date": "31.02.2025", "points": "30", "action": "add-year"}
    response = calc(client_request, params, headers=HTMX)
    page = soup(response)
    assert response.get_data(as_text=True).startswith("<title>Eroare: Calculați pensia")
    assert not page.select(".error-message, .error-summary, [aria-invalid]")
    assert page.select_one(".result-problems a[href='#start_date']")
    assert page.find("input", id="start_date")["value"] == "31.02.2025"


def test_htmx_result_brings_the_summary_and_the_announcement_out_of_band(client_request):
    params = {"start_date": "01.09.2025", "points": "x"}
    page = soup(calc(client_request, params, headers=HTMX))
    slot = page.find(id="error-summary-slot")
    assert slot["hx-swap-oob"] == "innerHTML"
    assert slot.select_one(".error-summary a[href='#points']")
    assert not page.find(autofocus=True)
    assert page.find(id="net-live")["hx-swap-oob"] == "innerHTML"
    assert page.find(id="net-live").get_text(strip=True) == ""
    # Put right: the summary empties and the net amount is what is announced.
    page = soup(calc(client_request, COMPLETE, headers=HTMX))
    assert not page.find(id="error-summary-slot").find()
    assert (
        page.find(id="net-live").get_text(strip=True) == "Pensia netă estimată: 2.818 lei pe lună."
    )


def test_htmx_question_offers_the_conversion_as_a_link(client_request):
    page = soup(calc(client_request, OLD_LEI, headers=HTMX))
    link = page.find("a", href=re.compile("action=rol-0"))
    assert link.get_text() == "Împărțiți la 10.000 suma din 1986: 300 lei"
    assert page.find(id="confirm-slot").find("input", id="confirm_amounts")


def test_htmx_row_actions_bring_no_out_of_band_parts(client_request):
    params = {"start_date": "01.09.2025", "rows-0-year": "2013", "action": "add-year"}
    html = calc(client_request, params, headers=HTMX).get_data(as_text=True)
    assert "hx-swap-oob" not in html


# --- never a 500 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "rows-²-year=1&start_date=01.09.2025&points=20",
        f"rows-{'9' * 5000}-year=1&points=20",
        "rows--year=1&rows-x-amount=2&points=2",
        "action=remove-year-999&points=2",
        "action=remove-year-x",
        "start_date=%ff%fe&points=%00",
        "sex=Z&invalidity_grade=IV&points=1&start_date=01.09.2025",
        f"income={'2013 1%0A' * 3000}&start_date=01.09.2025",
        "points=" + "9" * 5000,
        "birth_date=01.01.2999&sex=F&start_date=01.09.2025&points=1",
    ],
)
def test_odd_queries_never_fail(client_request, query):
    response = client_request.get(f"{CALC}?{query}")
    assert response.status_code == 200


def test_an_absurdly_long_query_is_a_400_page(client_request):
    response = client_request.get(f"{CALC}?income={'1' * 200_000}", expected_status=400)
    assert "Cererea nu a putut fi citită" in response.get_data(as_text=True)


def test_print_stylesheet_keeps_only_the_result():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[3] / "static/css/site.css").read_text()
    prints = css.split("@media print")[1:]
    assert any("form" in block for block in prints)
    assert any(".share" in block for block in prints)


def test_with_htmx_calculati_marks_the_questions_out_of_band(client_request):
    """M9: after "Calculați" the fields with a problem come back marked, as without JavaScript."""
    response = calc(client_request, {"action": "calculate"}, headers=HTMX)
    page = soup(response)
    marked = {div["id"] for div in page.select("div[hx-swap-oob='true'].field--error")}
    assert {"field-start_date", "field-points"} <= marked
    assert page.find(id="start_date")["aria-invalid"] == "true"
    summary = page.select_one(".error-summary")
    assert summary["role"] == "region" and not summary.has_attr("autofocus")


def test_with_htmx_a_mark_put_right_is_drawn_again_without_it(client_request):
    response = calc(
        client_request,
        {"start_date": "01.09.2025", "points": "x"},
        headers={**HTMX, "X-Marked-Fields": "start_date points no-such-field"},
    )
    page = soup(response)
    start = page.select_one("div#field-start_date[hx-swap-oob='true']")
    assert "field--error" not in start["class"]
    assert not start.find(id="start_date").has_attr("aria-invalid")
    # While typing, a question still wrong keeps its mark; nothing unasked is drawn.
    assert "field--error" in page.select_one("div#field-points[hx-swap-oob='true']")["class"]
    assert len(page.select("[hx-swap-oob='true']")) == 2
