"""The estimate API answers the invalidity, survivor's and in-payment kinds with the same fields,
the same cited lines and a 400 naming the parameter for bad input."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest

from domain.pension import ESTIMATE_PARAMETERS, KIND_PARAMETERS

API = "/api/v1/pension/estimate"


def get(client, params, status=200):
    response = client.get(f"{API}?{urlencode(params)}")
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def lines_add_up(data):
    for section, total in (("puncte", "total_points"), ("brut", "gross"), ("net", "net")):
        values = [Decimal(line["value"]) for line in data["lines"] if line["section"] == section]
        assert sum(values, Decimal(0)) == Decimal(data[total])
    assert all(line["article"] for line in data["lines"])


def test_the_kind_parameters_are_appended_to_the_estimate_parameters():
    assert ESTIMATE_PARAMETERS[-len(KIND_PARAMETERS) :] == KIND_PARAMETERS
    assert ESTIMATE_PARAMETERS[0] == "start_date"


def test_invalidity_with_a_birth_date_is_not_refused_as_early(client):
    data = get(
        client,
        {
            "start_date": "2025-09-01",
            "points": "20",
            "contributory_years": "25",
            "kind": "invaliditate",
            "invalidity_grade": "I",
            "birth_date": "1975-03-01",
            "sex": "M",
        },
    )
    assert data["kind"] == "invaliditate"
    assert data["potential_points"] == "2.50000"
    assert data["companion_allowance"]["amount"] == "2025"
    assert data["companion_allowance"]["article"] == "art. 67 alin. (2)"
    lines_add_up(data)


def test_survivors_pension(client):
    data = get(
        client,
        {
            "start_date": "2025-09-01",
            "points": "30",
            "kind": "urmas",
            "orphans": "2",
            "spouse_marriage_months": "150",
            "spouse_birth_date": "1955-01-01",
            "spouse_sex": "F",
        },
    )
    assert data["kind"] == "urmas"
    assert data["total_points"] == "30.00000"
    assert data["survivors"]["survivors"] == 3
    assert data["survivors"]["spouse"]["article"] == "art. 75 alin. (2)"
    assert [share["count"] for share in data["survivors"]["shares"]] == [1, 2]
    lines_add_up(data)


def test_pension_in_payment_keeps_the_higher_amount(client):
    data = get(
        client,
        {
            "start_date": "2010-01-01",
            "points": "20",
            "kind": "in_plata",
            "amount_in_payment": "2000",
        },
    )
    assert data["gross"] == "2000"
    assert data["in_payment"]["kept_amount_in_payment"] is True
    assert any(line["article"] == "art. 144 alin. (6)" for line in data["lines"])
    lines_add_up(data)


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"kind": "pensie"}, "kind"),
        ({"kind": "urmas"}, "orphans"),
        ({"kind": "urmas", "orphans": "1", "death_work_accident": "poate"}, "death_work_accident"),
        ({"kind": "urmas", "orphans": "1", "spouse_sex": "X"}, "spouse_sex"),
        ({"kind": "in_plata", "contributory_years": "30"}, "contributory_years"),
        ({"kind": "varsta", "invalidity_grade": "II"}, "invalidity_grade"),
    ],
)
def test_bad_kind_inputs_are_a_400_naming_the_parameter(client, params, parameter):
    data = get(client, {"start_date": "2025-09-01", "points": "20", **params}, 400)
    assert data["error"]["parameter"] == parameter
