"""The JSON API takes the issue 10 inputs of age reductions, handicap and shows working rules."""

from urllib.parse import urlencode

API = "/api/v1/pension"


def get(client, endpoint, params, status=200):
    response = client.get(f"{API}/{endpoint}?{urlencode(params, doseq=True)}")
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def test_group_i_months_give_a_pension_at_55_without_a_cut(client):
    params = {
        "start_date": "2025-03-01",
        "contributory_years": "35",
        "points": "30",
        "birth_date": "1970-03-01",
        "sex": "M",
        "special_months": "240",
    }
    body = get(client, "estimate", params)
    assert body["early_reduction_percent"] == "0"
    assert body["retirement"]["standard_date"] == "2025-03-01"
    assert body["retirement"]["reduced_by"] == "art48"
    assert body["working"]["effect"] == "cumul"


def test_the_handicap_parameter_reaches_the_net(client):
    body = get(client, "net", {"gross": "4467", "date": "2025-08-01", "handicap": "accentuat"})
    assert (body["health_contribution"], body["income_tax"], body["net"]) == ("147", "0", "4320")
    error = get(client, "net", {"gross": "4467", "date": "2025-08-01", "handicap": "x"}, 400)
    assert error["error"]["parameter"] == "handicap"


def test_the_estimate_takes_handicap_months(client):
    params = {
        "start_date": "2025-09-01",
        "contributory_years": "20",
        "points": "50",
        "birth_date": "1970-03-01",
        "sex": "M",
        "handicap": "grav",
        "handicap_months": "140",
    }
    body = get(client, "estimate", params)
    assert body["retirement"]["handicap_reduction"] == {"years": 15, "months": 0}
    assert body["income_tax"] == "0"
