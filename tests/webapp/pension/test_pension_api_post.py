"""The API's longest documented query (1,000 monthly incomes) goes by POST with a JSON body, with
the same checks and answers as GET; anything too long or too many is a JSON error (F17)."""

from urllib.parse import urlencode

import pytest

from domain.pension import PensionInputError, estimate_from_query
from domain.pension.validation import MAX_INCOME_ENTRIES
from webapp.pension.api import MAX_GET_QUERY_BYTES

API = "/api/v1/pension"
BASE = {"start_date": "2025-09-01", "contributory_years": "36", "points": "30"}
# A working life of monthly incomes: 1,000 months from January 1940 on (about 16 KiB).
CAREER = [f"{1940 + month // 12}-{month % 12 + 1:02d}:3500" for month in range(MAX_INCOME_ENTRIES)]
QUERIES = [
    (
        "estimate",
        {**BASE, "income": ["2024:5000", "2025-01:6000"], "birth_date": "1962-03-15", "sex": "F"},
    ),
    ("net", {"gross": "4467", "date": "2024-10-01"}),
    ("retirement", {"birth_date": "1962-03-15", "sex": "F", "children": "2"}),
]


def post(client, endpoint, body, status=200, **kwargs):
    response = client.post(f"{API}/{endpoint}", json=body, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/json"
    return response


def error(response) -> dict:
    found = response.get_json()["error"]
    assert set(found) == {"parameter", "message"} and found["message"].strip()
    return found


@pytest.mark.parametrize("endpoint, params", QUERIES)
def test_a_post_answers_what_the_get_answers(client, endpoint, params):
    got = client.get(f"{API}/{endpoint}?{urlencode(params, doseq=True)}")
    assert got.status_code == 200, got.get_data(as_text=True)[:300]
    posted = post(client, endpoint, params)
    assert posted.get_json() == got.get_json()
    assert posted.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in posted.headers


def test_counts_may_be_json_numbers_and_null_is_absent(client):
    as_text = post(client, "estimate", BASE).get_json()
    as_numbers = {**BASE, "contributory_years": 36, "points": 30, "children": None}
    assert post(client, "estimate", as_numbers).get_json() == as_text


def months_with_rule_data() -> list[str]:
    """Every month, January 1938 to August 2025, whose income the rules can turn into points."""
    found = []
    for month in range(88 * 12 - 4):
        entry = f"{1938 + month // 12}-{month % 12 + 1:02d}:3500"
        try:
            estimate_from_query({"start_date": ["2025-09-01"], "income": [entry]})
        except PensionInputError:
            continue
        found.append(entry)
    return found


def test_the_longest_query_the_rules_compute_works_by_post(client):
    career = months_with_rule_data()
    assert len(career) > 800
    posted = post(client, "estimate", {**BASE, "points": "", "income": career})
    assert posted.get_json()["contributory_points"] != "0.00000"
    query = urlencode({**BASE, "points": "", "income": career}, doseq=True)
    assert client.get(f"{API}/estimate?{query}").status_code == 414


def test_the_documented_maximum_of_incomes_reaches_the_rules_by_post(client):
    # 1,000 months from 1940: some have no average wage in the rule data, and the rules say so
    # (a 400 about those months), as they would for a short query: the length is not refused.
    found = error(post(client, "estimate", {**BASE, "income": CAREER}, 400))
    assert found["parameter"] == "income" and "câștigul salarial mediu" in found["message"]


def test_the_same_query_by_get_is_a_json_414_that_says_to_post(client):
    query = urlencode({**BASE, "income": CAREER}, doseq=True)
    assert len(query) > MAX_GET_QUERY_BYTES
    response = client.get(f"{API}/estimate?{query}")
    assert response.status_code == 414 and response.mimetype == "application/json"
    found = error(response)
    assert found["parameter"] == "income" and "POST" in found["message"]


def test_a_query_at_the_documented_get_maximum_still_works(client):
    incomes, query = [], ""
    while True:
        longer = urlencode({**BASE, "income": [*incomes, "2013-01:3500"]}, doseq=True)
        if len(longer) > MAX_GET_QUERY_BYTES:
            break
        incomes, query = [*incomes, "2013-01:3500"], longer
    # Every entry the same month is refused by the rules (400), not by the length (414).
    assert client.get(f"{API}/estimate?{query}").status_code == 400
    months = [f"{2000 + m // 12}-{m % 12 + 1:02d}:3500" for m in range(len(incomes))]
    query = urlencode({**BASE, "income": months}, doseq=True)
    assert len(query) <= MAX_GET_QUERY_BYTES + len(incomes)
    # A request line within gunicorn's default 4094 bytes.
    assert len(f"GET {API}/estimate?{query[:MAX_GET_QUERY_BYTES]} HTTP/1.1") < 4094


@pytest.mark.parametrize(
    "income",
    [
        [*CAREER, "2024-01:1"],
        [";".join(["2013-01:1"] * 5000)],
        [f"2013-{m:02d}:1" for m in range(1, 13)] * 417,
    ],
)
def test_too_many_incomes_by_post_are_a_400_naming_income(client, income):
    assert error(post(client, "estimate", {**BASE, "income": income}, 400))["parameter"] == "income"


def test_a_body_over_64_kib_is_a_json_413(client):
    body = {**BASE, "income": ["2013-01:1" * 10] * 1000}
    response = client.post(f"{API}/estimate", json=body)
    assert response.status_code == 413 and response.mimetype == "application/json"
    assert "64 KiB" in error(response)["message"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": "start_date=2025-09-01", "content_type": "application/x-www-form-urlencoded"},
        {"data": "{not json", "content_type": "application/json"},
        {"json": ["start_date", "2025-09-01"]},
        {"json": "2025-09-01"},
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_400(client, kwargs):
    response = client.post(f"{API}/estimate", **kwargs)
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert error(response)["parameter"] is None


@pytest.mark.parametrize(
    "body, parameter",
    [
        ({**BASE, "start_dat": "2025-09-01"}, "start_dat"),
        ({**BASE, "children": True}, "children"),
        ({**BASE, "points": {"value": "30"}}, "points"),
        ({**BASE, "income": ["2024:5000", None]}, "income"),
        ({**BASE, "start_date": "2025-13-01"}, "start_date"),
    ],
)
def test_bad_members_are_a_400_naming_them(client, body, parameter):
    assert error(post(client, "estimate", body, 400))["parameter"] == parameter


def test_the_description_documents_the_post_body_with_the_same_parameters(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in paths.values():
        names = [parameter["name"] for parameter in path["get"]["parameters"]]
        body = path["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert sorted(body["properties"]) == sorted(names)
        assert body["additionalProperties"] is False
        assert {"200", "400", "413"} <= set(path["post"]["responses"])
        assert "414" in path["get"]["responses"]
