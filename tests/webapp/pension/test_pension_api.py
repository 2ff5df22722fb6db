"""The pension JSON API (issue 4): fields, exact decimal strings, caching, and a 400 that names
the parameter for every kind of bad input, never a 500."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.pension import ESTIMATE_PARAMETERS, NET_PARAMETERS, RETIREMENT_PARAMETERS

API = "/api/v1/pension"
BASE = {"start_date": "2025-09-01", "contributory_years": "36", "points": "30"}
ESTIMATE_FIELDS = {
    "contributory_points",
    "assimilated_points",
    "stability_points",
    "total_points",
    "reference_point_value",
    "early_reduction_percent",
    "gross",
    "health_contribution",
    "income_tax",
    "net",
    "rules_as_of",
    "lines",
}
DECIMAL_FIELDS = ESTIMATE_FIELDS - {"rules_as_of", "lines"}


def get(client, endpoint, params, status=200):
    response = client.get(f"{API}/{endpoint}?{urlencode(params, doseq=True)}")
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response


def error_of(client, endpoint, params) -> dict:
    response = get(client, endpoint, params, 400)
    assert response.headers["Cache-Control"] == "no-store"
    error = response.get_json()["error"]
    assert set(error) == {"parameter", "message"}
    assert error["message"].strip()
    return error


def exact(text: str) -> Decimal:
    """A JSON number field: a string holding a plain decimal, never a float or an exponent."""
    assert isinstance(text, str), text
    assert "e" not in text.lower() and text != "-0", text
    return Decimal(text)


# --- /estimate ----------------------------------------------------------------------------------


def test_estimate_from_points_has_every_field_as_exact_strings(client):
    data = get(client, "estimate", BASE).get_json()
    assert set(data) >= ESTIMATE_FIELDS
    for name in DECIMAL_FIELDS:
        exact(data[name])
    assert data["rules_as_of"] == "2025-08-01"
    assert exact(data["contributory_points"]) == Decimal("30")
    # 36 years: 5 × 0.50 + 5 × 0.75 + 1 × 1.00 (art. 85(3)).
    assert exact(data["stability_points"]) == Decimal("7.25")
    assert exact(data["total_points"]) == Decimal("37.25")
    assert exact(data["reference_point_value"]) == Decimal("81")
    # 37.25 × 81 = 3017.25 lei, rounded up to 3018 (art. 83(2)).
    assert exact(data["gross"]) == Decimal("3018")
    assert data["contributory_stage"] == {"years": 36, "months": 0, "days": 0}


def test_estimate_lines_carry_article_and_add_up_to_the_totals(client):
    params = {**BASE, "birth_date": "1962-03-15", "sex": "M"}
    data = get(client, "estimate", params).get_json()
    totals = {"puncte": "total_points", "brut": "gross", "net": "net"}
    for section, total in totals.items():
        lines = [line for line in data["lines"] if line["section"] == section]
        assert lines, section
        assert sum(exact(line["value"]) for line in lines) == exact(data[total]), section
    for line in data["lines"]:
        assert {"label", "value", "article", "rule_date"} <= set(line)
        assert line["label"] and line["article"]
    # Born March 1962, a man: standard age 65 in March 2027; starting 2025-09-01 is early.
    assert data["anticipation_months"] == 19
    assert exact(data["early_reduction_percent"]) == Decimal("6.65")
    assert exact(data["gross"]) == Decimal("2818")


def test_estimate_from_monthly_and_yearly_income(client):
    params = {
        "start_date": "2026-01-01",
        "contributory_years": "2",
        "income": ["2024:5000", "2025-01:6000", "2025-02:6000,50"],
        "pillar2_from": "2024-01",
        "assimilated_months": "48",
    }
    data = get(client, "estimate", params).get_json()
    assert exact(data["contributory_points"]) > 0
    assert exact(data["assimilated_points"]) == Decimal("1")  # 48 months × 0.25 ÷ 12
    assert [score["year"] for score in data["annual_scores"]] == [2024, 2025]


def test_semicolon_separated_income_in_one_parameter(client):
    one = get(client, "estimate", {**BASE, "income": "2013-01:3000;2013-02:3100"}).get_json()
    two = get(client, "estimate", {**BASE, "income": ["2013-01:3000", "2013-02:3100"]}).get_json()
    assert one["total_points"] == two["total_points"]


def test_results_are_cacheable_and_conditional(client):
    first = get(client, "estimate", BASE)
    assert first.headers["Cache-Control"] == "private, max-age=3600"
    etag = first.headers["ETag"]
    again = client.get(f"{API}/estimate?{urlencode(BASE)}", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert "HX-Request" not in first.headers.get("Vary", "")


@pytest.mark.parametrize(
    "endpoint, params",
    [
        ("estimate", {**BASE, "birth_date": "1962-03-15", "sex": "F", "income": "2019:3500"}),
        ("net", {"gross": "4467", "date": "2024-10-01"}),
        ("retirement", {"birth_date": "1962-03-15", "sex": "F", "children": "2"}),
    ],
)
def test_answers_to_personal_queries_stay_out_of_shared_caches(client, endpoint, params):
    # F10: birth date, sex and incomes are in the URL; a proxy or CDN must not keep them.
    cache_control = get(client, endpoint, params).headers["Cache-Control"]
    directives = {part.strip() for part in cache_control.split(",")}
    assert "private" in directives and "public" not in directives


def test_head_is_answered(client):
    response = client.head(f"{API}/net?gross=4467&date=2024-10-01")
    assert response.status_code == 200


# --- /net and /retirement -----------------------------------------------------------------------


def test_net_matches_the_cnpp_example(client):
    data = get(client, "net", {"gross": "4467", "date": "2024-10-01"}).get_json()
    assert {key: data[key] for key in ("gross", "health_contribution", "income_tax", "net")} == {
        "gross": "4467",
        "health_contribution": "0",
        "income_tax": "147",
        "net": "4320",
    }


@pytest.mark.parametrize(
    ("day", "cass"),
    [("2025-07-31", "0"), ("2025-08-01", "147")],
)
def test_net_health_contribution_starts_on_1_august_2025(client, day, cass):
    data = get(client, "net", {"gross": "4467", "date": day}).get_json()
    assert data["health_contribution"] == cass
    assert exact(data["gross"]) == sum(
        exact(data[key]) for key in ("health_contribution", "income_tax", "net")
    )


def test_retirement_fields(client):
    data = get(
        client, "retirement", {"birth_date": "1962-03-15", "sex": "F", "children": "2"}
    ).get_json()
    assert data["standard_age"] == {"years": 61, "months": 2}
    assert data["complete_stage"] == {"years": 32, "months": 7}
    assert data["minimum_stage"] == {"years": 15, "months": 0}
    assert data["standard_date"] == "2023-05-15"


@pytest.mark.parametrize(
    ("params", "reduced_by", "age"),
    [
        # art. 48 table 2: 20 completed years in special conditions, 10 years earlier.
        (
            {"special_months": "240", "contributory_years": "35"},
            "art48",
            {"years": 55, "months": 0},
        ),
        # art. 52(1)(a): severe handicap for a third of the complete stage, 15 years earlier.
        ({"handicap": "grav", "handicap_months": "140"}, "art52", {"years": 50, "months": 0}),
        # art. 53: a third of the complete stage with severe visual deficiency, at any age.
        ({"visual_months": "140"}, "art53", {"years": 0, "months": 0}),
        ({}, "", {"years": 65, "months": 0}),
    ],
)
def test_retirement_takes_the_age_reductions(client, params, reduced_by, age):
    data = get(client, "retirement", {"birth_date": "1970-03-01", "sex": "M", **params}).get_json()
    assert data["reduced_by"] == reduced_by
    assert data["standard_age"] == age
    assert data["any_age"] is (reduced_by == "art53")


# --- bad input: always a 400 naming the parameter ---------------------------------------------

BAD_ESTIMATES = [
    ({**BASE, "sex": "X", "birth_date": "1962-03-15"}, "sex"),
    ({**BASE, "invalidity_grade": "IV"}, "invalidity_grade"),
    ({**BASE, "contributory_year": "35"}, "contributory_year"),
    ({**BASE, "start_date": "1937-12-31"}, "start_date"),
    ({**BASE, "start_date": "2025-02-30"}, "start_date"),
    ({**BASE, "start_date": "01.09.2025"}, "start_date"),
    ({**BASE, "birth_date": "1900-01-01", "sex": "M"}, "birth_date"),
    ({**BASE, "points": "-3"}, "points"),
    ({**BASE, "points": "abc"}, "points"),
    ({**BASE, "points": "NaN"}, "points"),
    ({**BASE, "points": "1e5"}, "points"),
    ({**BASE, "points": ["1", "2"]}, "points"),
    ({**BASE, "contributory_years": "-1"}, "contributory_years"),
    ({**BASE, "contributory_months": "12"}, "contributory_months"),
    ({**BASE, "contributory_years": "²"}, "contributory_years"),
    ({**BASE, "income": "2013-13:100"}, "income"),
    ({**BASE, "income": "2013:-100"}, "income"),
    ({**BASE, "income": "2000:3000"}, "income"),
    ({**BASE, "income": "1937:100"}, "income"),
    ({**BASE, "income": ["2013:100", "2013:200"]}, "income"),
    ({**BASE, "income": "lots of money"}, "income"),
    # Over 1,000 incomes: too long for a GET (test_pension_api_post.py), refused by POST too.
    ({**BASE, "pillar2_from": "2001-01"}, "pillar2_from"),
    ({**BASE, "potential_months": "12"}, "invalidity_grade"),
    ({**BASE, "special_months": "9999"}, "special_months"),
    ({**BASE, "children": "x" * 500}, "children"),
    ({**BASE, "assimilated_months": "1\x00"}, "assimilated_months"),
    ({"contributory_years": "36", "points": "30"}, "start_date"),
    ({"start_date": "2025-09-01"}, "points"),
]


@pytest.mark.parametrize(("params", "parameter"), BAD_ESTIMATES)
def test_bad_estimate_input_is_a_400_naming_the_parameter(client, params, parameter):
    assert error_of(client, "estimate", params)["parameter"] == parameter


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"gross": "-1", "date": "2025-01-01"}, "gross"),
        ({"gross": "abc", "date": "2025-01-01"}, "gross"),
        ({"gross": "3.500", "date": "2025-01-01"}, "gross"),
        ({"gross": "3500"}, "date"),
        ({"gross": "3500", "date": "2022-12-31"}, "date"),
        ({"gross": "3500", "date": "2025-13-01"}, "date"),
        ({"gross": "3500", "date": "2025-01-01", "net": "1"}, "net"),
    ],
)
def test_bad_net_input(client, params, parameter):
    assert error_of(client, "net", params)["parameter"] == parameter


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"birth_date": "1962-03-15", "sex": "X"}, "sex"),
        ({"birth_date": "1962-03-15"}, "sex"),
        ({"birth_date": "1930-01-01", "sex": "F"}, "birth_date"),
        ({"birth_date": "2999-01-01", "sex": "F"}, "birth_date"),
        ({"birth_date": "1962-02-29", "sex": "F"}, "birth_date"),
        ({"birth_date": "1962-03-15", "sex": "F", "children": "-2"}, "children"),
        ({"birth_date": "1962-03-15", "sex": "F", "special_months": "9999"}, "special_months"),
        ({"birth_date": "1962-03-15", "sex": "F", "handicap": "usor"}, "handicap"),
        ({"birth_date": "1962-03-15", "sex": "F", "handicap_months": "100"}, "handicap"),
        (
            {
                "birth_date": "1962-03-15",
                "sex": "F",
                "contributory_years": "10",
                "visual_months": "200",
            },
            "visual_months",
        ),
        (
            {
                "birth_date": "1962-03-15",
                "sex": "F",
                "contributory_years": "10",
                "deosebite_months": "121",
            },
            "deosebite_months",
        ),
        (
            {"birth_date": "1962-03-15", "sex": "F", "contributory_months": "12"},
            "contributory_months",
        ),
    ],
)
def test_bad_retirement_input(client, params, parameter):
    assert error_of(client, "retirement", params)["parameter"] == parameter


def test_a_huge_query_string_names_its_largest_parameter(client):
    response = client.get(f"{API}/estimate?start_date=2025-09-01&points={'9' * 200_000}")
    assert response.status_code == 414
    assert response.get_json()["error"]["parameter"] == "points"


def test_percent_escapes_that_are_not_utf8_are_a_400(client):
    response = client.get(f"{API}/estimate?start_date=2025-09-01&points=%ff%fe")
    assert response.status_code == 400
    assert response.get_json()["error"]["parameter"] == "points"


def test_an_unexpected_failure_is_json_too(client, monkeypatch):
    from webapp.pension import api as pension_api

    def broken(params):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pension_api, "net_from_query", broken)
    response = client.get(f"{API}/net?gross=1&date=2025-01-01")
    assert response.status_code == 500
    assert response.get_json()["error"]["parameter"] is None


TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30
) | st.sampled_from(["", "0", "-1", "2025-09-01", "1938-01-01", "2013:3500", "II", "F", "1e9"])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    endpoint=st.sampled_from(
        [
            ("estimate", ESTIMATE_PARAMETERS),
            ("net", NET_PARAMETERS),
            ("retirement", RETIREMENT_PARAMETERS),
        ]
    ),
    data=st.data(),
)
def test_any_query_is_answered_200_or_400_never_500(client, endpoint, data):
    name, parameters = endpoint
    chosen = data.draw(st.dictionaries(st.sampled_from(parameters), st.lists(TEXT, max_size=3)))
    response = client.get(f"{API}/{name}?{urlencode(chosen, doseq=True)}")
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    body = response.get_json()
    if response.status_code == 400:
        assert body["error"]["parameter"] in parameters
