"""The API's OpenAPI description is served, names exactly the accepted parameters, and the real
answers conform to it (schemathesis: status codes, content types, response schemas, no 5xx)."""

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from domain.pension import ESTIMATE_PARAMETERS, NET_PARAMETERS, RETIREMENT_PARAMETERS
from webapp import create_app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The API touches no database; an in-memory one keeps this app apart from the other tests'.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", create_app({"ENV_NAME": "testing", "DATABASE_URL": "sqlite://"})
)


def test_description_is_served_as_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/api/v1/pension/estimate",
        "/api/v1/pension/net",
        "/api/v1/pension/retirement",
    }


@pytest.mark.parametrize(
    "path, accepted",
    [
        ("/api/v1/pension/estimate", ESTIMATE_PARAMETERS),
        ("/api/v1/pension/net", NET_PARAMETERS),
        ("/api/v1/pension/retirement", RETIREMENT_PARAMETERS),
    ],
)
def test_description_names_exactly_the_accepted_parameters(client, path, accepted):
    operation = client.get("/api/v1/openapi.json").get_json()["paths"][path]["get"]
    assert [parameter["name"] for parameter in operation["parameters"]] == list(accepted)


@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_answers_conform_to_the_description(case):
    case.call_and_validate(checks=CHECKS)


DAYS = st.dates(dt.date(1938, 1, 1), dt.date(2010, 12, 31)).map(dt.date.isoformat)
AMOUNTS = st.decimals(0, 100_000, places=2).map(str)


@given(data=st.data())
@settings(max_examples=50, deadline=None)
def test_realistic_answers_conform_to_the_description(data):
    """Fuzzing mostly meets the rules' limits (dates without rule data): these reach the 200s."""
    path, query = data.draw(
        st.one_of(
            st.fixed_dictionaries(
                {
                    "gross": AMOUNTS,
                    "date": st.dates(dt.date(2023, 1, 1), dt.date(2030, 12, 31)).map(str),
                }
            ).map(lambda q: ("/api/v1/pension/net", q)),
            st.fixed_dictionaries(
                {"birth_date": DAYS, "sex": st.sampled_from("FM")},
                optional={"children": st.integers(0, 6)},
            ).map(lambda q: ("/api/v1/pension/retirement", q)),
            st.fixed_dictionaries(
                {
                    "start_date": st.dates(dt.date(2024, 9, 1), dt.date(2030, 12, 31)).map(str),
                    "contributory_years": st.integers(0, 45),
                    "points": st.decimals(0, 60, places=5).map(str),
                },
                optional={
                    "income": st.lists(
                        st.builds("{}:{}".format, st.integers(2012, 2024), AMOUNTS), max_size=3
                    ),
                    "birth_date": DAYS,
                    "sex": st.sampled_from("FM"),
                    "invalidity_grade": st.sampled_from(["I", "II", "III"]),
                    "potential_months": st.integers(0, 120),
                    "assimilated_months": st.integers(0, 60),
                },
            ).map(lambda q: ("/api/v1/pension/estimate", q)),
        )
    )
    case = schema[path]["GET"].Case(query=query)
    response = case.call_and_validate(checks=CHECKS)
    assert response.status_code in (200, 400)
