"""The calculator page computes every kind the API does (survivor's, in payment, invalidity), and
takes the dated assimilated periods and the supplementary fund: same inputs, same amounts."""

from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.page_checks import soup

CALC = "/pensie/calcul"
API = "/api/v1/pension/estimate"


def page_text(client_request, params) -> str:
    response = client_request.get(f"{CALC}?{urlencode({**params, 'action': 'calculate'})}")
    return " ".join(soup(response).get_text(" ").split())


def result_text(client_request, params) -> str:
    response = client_request.get(f"{CALC}?{urlencode({**params, 'action': 'calculate'})}")
    return " ".join(soup(response).find(id="result").get_text(" ").split())


def api(client_request, params) -> dict:
    return client_request.get(f"{API}?{urlencode(params, doseq=True)}").get_json()


def lei(value: str) -> str:
    return f"{int(Decimal(value)):,}".replace(",", ".")


SURVIVOR_PAGE = {
    "kind": "urmas",
    "start_date": "01.09.2026",
    "points": "30",
    "orphans": "1",
    "spouse_marriage_months": "200",
    "spouse_birth_date": "01.01.1955",
    "spouse_sex": "F",
}
SURVIVOR_API = {**SURVIVOR_PAGE, "start_date": "2026-09-01", "spouse_birth_date": "1955-01-01"}


def test_the_survivors_pension_on_the_page_is_the_apis(client_request):
    text = page_text(client_request, SURVIVOR_PAGE)
    data = api(client_request, SURVIVOR_API)
    assert data["kind"] == "urmas" and len(data["survivors"]["shares"]) == 2
    assert f"Pensiile nete ale urmașilor, împreună: {lei(data['net'])} lei" in text
    assert "75% din punctajul susținătorului decedat, pentru 2 urmași (art. 79 alin. (2))" in text
    for share in data["survivors"]["shares"]:
        assert share["who"] in text
    assert "Susținătorul decedat a adunat 30,00000 puncte" in text


def test_a_survivor_choice_relabels_the_deceaseds_questions(client_request):
    page = soup(client_request.get(f"{CALC}?{urlencode(SURVIVOR_PAGE)}"))
    assert page.find("label", attrs={"for": "points"}).get_text(strip=True) == (
        "Punctajul total al susținătorului decedat"
    )
    assert "decedat" in page.find("label", attrs={"for": "birth_date"}).get_text()
    assert page.find(id="survivor").has_attr("open")
    assert not page.find(id="in-payment").has_attr("open")


def test_the_survivor_yes_no_boxes_reach_the_rules(client_request):
    # art. 76(2): a death from a work accident gives the spouse the right at any age.
    young = {**SURVIVOR_PAGE, "spouse_birth_date": "01.01.1990", "spouse_marriage_months": "12"}
    without = result_text(client_request, young)
    with_accident = result_text(client_request, {**young, "death_work_accident": "da"})
    assert "art. 76 alin. (2)" in with_accident
    assert "art. 76 alin. (2)" not in without


def test_a_pension_in_payment_keeps_the_higher_amount_in_payment(client_request):
    params = {"kind": "in_plata", "start_date": "01.05.2010", "points": "28,5"}
    text = page_text(client_request, {**params, "amount_in_payment": "2500"})
    data = api(
        client_request,
        {"kind": "in_plata", "start_date": "2010-05-01", "points": "28.5",
         "amount_in_payment": "2500"},
    )  # fmt: skip
    assert data["in_payment"]["kept_amount_in_payment"] is True
    assert f"dă {lei(data['in_payment']['recalculated'])} lei" in text
    assert "Este mai puțin decât pensia în plată, 2.500 lei, care se păstrează" in text
    assert "Pensia a fost stabilită de la 01.05.2010" in text
    lower = page_text(client_request, {**params, "amount_in_payment": "1000"})
    assert "se plătește suma nouă" in lower


def test_the_dated_periods_and_the_fund_reach_the_rules_and_the_share_link(client_request):
    params = {
        "start_date": "01.09.2026",
        "contributory_years": "38",
        "points": "30",
        "assimilated_period": "09.1980 – 06.1985",
        "supplementary_fund": "nu",
    }
    response = client_request.get(f"{CALC}?{urlencode({**params, 'action': 'calculate'})}")
    page = soup(response)
    data = api(
        client_request,
        {"start_date": "2026-09-01", "contributory_years": "38", "points": "30",
         "assimilated_period": "1980-09..1985-06", "supplementary_fund": "nu"},
    )  # fmt: skip
    text = " ".join(page.get_text(" ").split())
    assert f"Pensia netă: {lei(data['net'])} lei" in text
    assert "1980-09..1985-06" in text and "art. 138 alin. (2)" in text
    link = page.select_one(".share a")["href"]
    assert dict(parse_qsl(urlsplit(link).query)) == params
    assert page.find("details", class_="more", id=False).has_attr("open")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1980 cândva", "Rândul 1: scrieți prima și ultima lună a perioadei"),
        ("09.1980 – 06.1985\n13.1990 – 01.1991", "Rândul 2: scrieți prima și ultima lună"),
        ("06.1985 – 09.1980", "sfârșitul este înaintea începutului"),
    ],
)
def test_bad_periods_get_one_message_on_their_box(client_request, typed, message):
    text = page_text(
        client_request,
        {"start_date": "01.09.2026", "points": "30", "assimilated_period": typed},
    )
    assert "Eroare:" in text and message in text
    assert "Pensia netă" not in text


def test_an_unknown_kind_is_refused_on_its_question(client_request):
    text = page_text(
        client_request, {"kind": "altceva", "start_date": "01.09.2026", "points": "30"}
    )
    assert "Alegeți felul pensiei din listă." in text


def test_every_kind_is_offered_and_the_page_passes_the_checks(client_request):
    page = client_request.get_page(CALC)
    values = [item["value"] for item in page.select("input[name=kind]")]
    assert values == ["varsta", "invaliditate", "urmas", "in_plata"]
    assert [item["value"] for item in page.select("input[name=supplementary_fund]")] == [
        "da",
        "4",
        "nu",
    ]


def test_the_result_says_what_working_after_the_start_does(client_request):
    # An early pension is suspended while its holder earns a salary (art. 101(1) j), 105).
    early = {
        "start_date": "01.09.2026",
        "contributory_years": "36",
        "points": "35",
        "birth_date": "01.03.1966",
        "sex": "M",
    }
    text = result_text(client_request, early)
    assert "Dacă lucrați și după ce începe pensia" in text
    assert "plata se suspendă" in text and "art. 101 alin. (1) lit. j)" in text
