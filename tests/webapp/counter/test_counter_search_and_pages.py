"""The counter's CNP search is a POST, so that no CNP reaches a URL, an access log or a sign-in
link (F10); page numbers and dates that used to give a 500 (F14.2, F14.3)."""

import datetime as dt

import pytest
import time_machine

from tests.builders import add_request, answers_for, as_staff, find, page_token, stored
from tests.page_checks import soup
from webapp.models import AuditEvent


def test_a_get_with_a_cnp_only_shows_the_form(app):
    client, _ = as_staff(app)
    reference = add_request(app, 7)
    cnp = answers_for(7)["cnp"]
    page = client.get_page("/ghiseu/cautare", query_string={"q": cnp})
    assert page.find("form", action="/ghiseu/cautare")["method"] == "post"
    assert page.find("input", id="q")["value"] == ""
    assert not page.find("a", href=f"/ghiseu/cerere/{reference}")
    assert cnp not in page.decode()
    assert not stored(app, AuditEvent, AuditEvent.action == "search")
    # A reference in the URL does not search either: the form is the only way in.
    client.get("/ghiseu/cautare", query_string={"q": reference}, expected_status=200)


def test_the_cnp_search_is_a_post_and_needs_its_csrf_token(app):
    client, _ = as_staff(app)
    reference = add_request(app, 7)
    cnp = answers_for(7)["cnp"]
    page = soup(find(client, cnp, expected_status=200))
    assert page.find("a", href=f"/ghiseu/cerere/{reference}")
    client.post("/ghiseu/cautare", data={"q": cnp}, expected_status=400)
    # Every search form on the counter's pages posts.
    for url in ("/ghiseu/", "/ghiseu/cautare"):
        form = client.get_page(url).find("form", action="/ghiseu/cautare")
        assert form["method"] == "post" and form.find("input", attrs={"name": "csrf_token"})


def test_the_idle_sign_out_does_not_put_the_cnp_in_the_sign_in_link(app):
    cnp = answers_for(7)["cnp"]
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        client, _ = as_staff(app)
        token = page_token(client, "/ghiseu/cautare")
    with time_machine.travel(start + dt.timedelta(minutes=45), tick=False):
        response = client.client.post("/ghiseu/cautare", data={"csrf_token": token, "q": cnp})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "/autentificare" in location and cnp not in location
    assert not stored(app, AuditEvent, AuditEvent.action == "search")


@pytest.mark.parametrize("number", ["²", "١", "9" * 5000, "-1", "0", "2.5"])
def test_a_strange_page_number_shows_the_first_page(app, number):
    clerk, _ = as_staff(app)
    boss, _ = as_staff(app, email="sef@cjpcluj.ro", role="supervisor")
    add_request(app)
    page = clerk.get_page("/ghiseu/", query_string={"pagina": number})
    assert page.title.get_text().startswith("Cereri de cont online")
    boss.get("/ghiseu/jurnal", query_string={"pagina": number}, expected_status=200)


def test_the_last_day_of_the_calendar_is_a_valid_filter(app):
    boss, _ = as_staff(app, role="supervisor")
    boss.get(f"/ghiseu/cerere/{add_request(app)}", expected_status=200)
    page = boss.get_page(
        "/ghiseu/jurnal", query_string={"date_from": "31.12.9999", "date_to": "31.12.9999"}
    )
    assert "Nicio acțiune nu corespunde filtrelor." in page.get_text(" ")
    everything = boss.get_page("/ghiseu/jurnal", query_string={"date_to": "31.12.9999"})
    assert "Nicio acțiune" not in everything.get_text(" ")
