"""M5: "Eroare: " starts the title whenever a page shows a problem, whatever kind, exactly once;
and never otherwise. tests/page_checks.py checks the rule on every page fetched; these cases are
the pages the review found without it, and the summary's own markup (M6, m13)."""

import datetime as dt

import time_machine

from tests.builders import GOOD_PASSWORD, active_citizen, sign_in
from tests.page_checks import soup

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def title(response) -> str:
    return soup(response).title.get_text()


def test_a_wrong_sign_in_is_an_error_in_the_title(app, client_request):
    assert title(client_request.get("/autentificare")) == "Autentificare – Portal pensii"
    response = sign_in(client_request, "nimeni@example.ro", "Gresita123", expected_status=200)
    assert title(response) == "Eroare: Autentificare – Portal pensii"


def test_an_empty_sign_in_lists_the_fields_under_the_new_heading(app, client_request):
    response = sign_in(client_request, "", "", expected_status=200)
    assert title(response) == "Eroare: Autentificare – Portal pensii"
    summary = soup(response).select_one(".error-summary")
    assert summary["role"] == "alert"
    assert summary["aria-labelledby"] == "error-summary-title"
    assert summary.find(id="error-summary-title").get_text() == "A apărut o problemă"
    items = [(li["data-field"], li.a["href"], li.get_text()) for li in summary.select("li")]
    assert items == [
        ("field-email", "#email", "Introduceți adresa de e-mail."),
        ("field-password", "#password", "Introduceți parola."),
    ]


def test_a_slowed_down_sign_in_is_an_error_in_the_title(app, client_request):
    request = active_citizen(app, client_request)
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            sign_in(client_request, request.email, "Gresita123", expected_status=200)
        response = sign_in(client_request, request.email, "Gresita123", expected_status=429)
    assert title(response) == "Eroare: Autentificare – Portal pensii"
    assert soup(response).select_one(".error-summary")["role"] == "alert"


def test_a_request_not_found_is_an_error_in_the_title(app, client_request):
    assert not title(client_request.get("/stare")).startswith("Eroare")
    token = client_request.csrf_token("/stare")
    response = client_request.post(
        "/stare",
        data={"csrf_token": token, "reference": "CC-2026-999999", "cnp_end": "1234"},
        expected_status=200,
    )
    assert title(response) == "Eroare: Verificați stadiul cererii – Portal pensii"


def test_an_htmx_fragment_says_eroare_from_its_problem_box(app, client_request):
    headers = {"HX-Request": "true"}
    token = client_request.csrf_token("/cont/cerere")
    response = client_request.post(
        "/cont/cerere", data={"csrf_token": token}, headers=headers, expected_status=200
    )
    html = response.get_data(as_text=True)
    assert html.startswith("<title>Eroare: ")
    assert html.count("Eroare: ") == 1 + html.count('<span class="visually-hidden">Eroare: ')


def test_the_idle_timeout_names_the_session_and_its_minutes(app, client_request):
    request = active_citizen(app, client_request)
    with time_machine.travel(START, tick=False):
        sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    with time_machine.travel(START + dt.timedelta(minutes=60), tick=False):
        client_request.get("/contul-meu/", expected_status=302)
        notice = client_request.get_page("/autentificare").select_one(".notice")
    assert notice.get_text(" ", strip=True) == (
        "Sesiunea s-a încheiat după 30 de minute fără activitate. Autentificați-vă din nou."
    )


def test_the_idle_minutes_come_from_the_configuration(app, client_request):
    app.config["SESSION_IDLE_MINUTES"] = 21
    request = active_citizen(app, client_request)
    with time_machine.travel(START, tick=False):
        sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    with time_machine.travel(START + dt.timedelta(minutes=22), tick=False):
        client_request.get("/contul-meu/", expected_status=302)
        text = client_request.get_page("/autentificare").select_one(".notice").get_text()
    assert "după 21 de minute fără activitate" in text


def test_show_password_on_sign_in_without_javascript_tries_nothing(app, client_request):
    request = active_citizen(app, client_request)
    token = client_request.csrf_token("/autentificare")
    data = {"csrf_token": token, "email": request.email, "password": GOOD_PASSWORD}
    response = client_request.post(
        "/autentificare", data={**data, "show_password": "1"}, expected_status=200
    )
    page = soup(response)
    field = page.find("input", id="password")
    assert field["type"] == "text" and field["value"] == GOOD_PASSWORD
    assert page.find("input", id="email")["value"] == request.email
    assert page.select_one(".notice").get_text(" ", strip=True) == (
        "Nu v-ați autentificat încă. Verificați parola, apoi apăsați „Autentificare”."
    )
    assert page.title.get_text() == "Autentificare – Portal pensii"
    hidden = soup(
        client_request.post(
            "/autentificare", data={**data, "show_password": "0"}, expected_status=200
        )
    )
    assert hidden.find("input", id="password")["type"] == "password"
    # The first button, which Enter presses, signs in.
    assert page.find("form").find("button").get("name") is None
    client_request.post("/autentificare", data=data, expected_status=303)
