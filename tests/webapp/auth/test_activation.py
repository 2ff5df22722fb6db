"""The activation link: works once, within 72 hours; the password rule; the resend page."""

import datetime as dt
import threading

import time_machine
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.builders import GOOD_PASSWORD, approved, set_password
from tests.page_checks import soup
from webapp.models import CitizenAccount


def test_activation_sets_the_password_once(app, client_request):
    _, _, link = approved(app)
    response = set_password(client_request, link)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/autentificare")
    page = client_request.get_page(link)
    assert page.h1.get_text() == "Contul este deja activ"


def test_the_page_names_the_account_and_sign_in_then_fills_in_its_address(app, client_request):
    request, _, link = approved(app)
    page = client_request.get_page(link)
    assert f"Parola este pentru contul cu adresa de e-mail {request.email}." in " ".join(
        page.find("main").get_text().split()
    )
    set_password(client_request, link)
    page = client_request.get_page("/autentificare")
    assert page.select_one(".notice").get_text(" ", strip=True) == (
        "Parola a fost salvată. Autentificați-vă cu parola nouă."
    )
    assert page.find("input", id="email")["value"] == request.email
    # Once: from the session, not from an address anyone could send.
    again = client_request.get_page("/autentificare")
    assert not again.select(".notice") and not again.find("input", id="email").get("value")
    assert not client_request.get_page("/autentificare?parola=setata").select(".notice")


def test_activation_email_states_the_72_hours_and_the_end(app):
    from webapp.models import OutboxEmail

    moment = dt.datetime(2026, 11, 22, 12, 5, tzinfo=dt.UTC)
    approved(app, now=moment)
    session = app.extensions["db_sessionmaker"]()
    email = session.execute(
        select(OutboxEmail).where(OutboxEmail.template == "activation")
    ).scalar_one()
    session.close()
    assert "72 de ore" in email.text_body
    # 12:05 UTC on 22 Nov is 14:05 in Bucharest; 72 hours later is 25 Nov, 14:05.
    assert "25 noiembrie 2026" in email.text_body and "14:05" in email.text_body


def test_link_works_at_71h59_and_is_refused_at_72h01(app, client_request):
    start = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        _, _, link = approved(app, now=start)
    with time_machine.travel(start + dt.timedelta(hours=71, minutes=59), tick=False):
        page = client_request.get_page(link)
        assert page.h1.get_text() == "Alegeți parola contului"
    with time_machine.travel(start + dt.timedelta(hours=72, minutes=1), tick=False):
        response = client_request.get(link, expected_status=410)
        assert soup(response).h1.get_text() == "Legătura de activare a expirat"


def test_expired_link_offers_a_new_one_by_email(app, client_request):
    from webapp.models import OutboxEmail

    start = dt.datetime(2026, 11, 1, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        request, _, link = approved(app, now=start)
    page = soup(client_request.get(link, expected_status=410))
    form = page.find("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    response = client_request.post(form["action"], data=data, expected_status=303)
    assert response.headers["Location"].endswith("/cont/activare/retrimisa")
    session = app.extensions["db_sessionmaker"]()
    emails = (
        session.execute(select(OutboxEmail).where(OutboxEmail.recipient == request.email))
        .scalars()
        .all()
    )
    session.close()
    # Submitted, registered, the activation and the new one.
    assert [email.template for email in emails] == [
        "submitted",
        "registered",
        "activation",
        "activation_resent",
    ]


def test_tampered_link_is_a_404(app, client_request):
    _, _, link = approved(app)
    client_request.get(link[:-3] + "abc", expected_status=404)
    client_request.get("/cont/activare/nu-este-un-token", expected_status=404)


def test_password_rule_messages(app, client_request):
    _, _, link = approved(app)
    cases = {
        "scurt1A": "cel puțin 8 caractere",
        "faramajuscule1": "cel puțin o literă mare",
        "FaraCifreAici": "cel puțin o cifră",
        "Password1": "printre cele mai folosite",
        "Dragon2024": "printre cele mai folosite",
    }
    for password, message in cases.items():
        response = set_password(client_request, link, password)
        assert response.status_code == 200
        page = soup(response)
        assert page.title.get_text().startswith("Eroare:")
        assert message in page.find(id="password-error").get_text(), password


def test_password_cannot_be_the_email(app, client_request):
    request, _, link = approved(app)
    # "Persoana1@example.ro" meets the length, uppercase and digit rules, but is the email.
    response = set_password(client_request, link, request.email.capitalize())
    assert response.status_code == 200
    assert "adresa de e-mail" in soup(response).find(id="password-error").get_text()


def test_live_rule_check_returns_only_the_rules(app, client_request):
    _, _, link = approved(app)
    page = client_request.get_page(link)
    token = page.find("input", {"name": "csrf_token"})["value"]
    response = client_request.post(
        link,
        data={"csrf_token": token, "password": "abcdefgH"},
        headers={"HX-Request": "true", "X-Field-Live": "password"},
        expected_status=200,
    )
    assert response.headers["HX-Retarget"] == "#password-rules"
    items = [li.get_text() for li in soup(response).select("#password-rules li")]
    assert items == [
        "cel puțin 8 caractere: îndeplinit",
        "o literă mare: îndeplinit",
        "o cifră: neîndeplinit",
    ]


def test_show_password_without_javascript_shows_it_and_says_nothing_was_saved(app, client_request):
    _, account, link = approved(app)
    response = set_password(client_request, link, show_password="1")
    assert response.status_code == 200
    page = soup(response)
    field = page.find("input", id="password")
    assert field["type"] == "text" and field["value"] == GOOD_PASSWORD
    assert page.select_one(".notice").get_text(" ", strip=True) == (
        "Parola nu a fost salvată încă. Verificați-o, apoi apăsați „Salvați parola”."
    )
    assert page.find("button", {"name": "show_password"}).get_text() == "Ascunde parola"
    assert not page.title.get_text().startswith("Eroare")
    # Hiding it again keeps what was typed, and still saves nothing.
    page = soup(set_password(client_request, link, show_password="0"))
    field = page.find("input", id="password")
    assert field["type"] == "password" and field["value"] == GOOD_PASSWORD
    assert stored_hash(app, account) is None
    # Enter, or the main button, saves.
    assert set_password(client_request, link).status_code == 303
    assert stored_hash(app, account)


def test_enter_in_the_password_box_saves_rather_than_shows(app, client_request):
    _, _, link = approved(app)
    buttons = client_request.get_page(link).find("form").find_all("button")
    assert buttons[0].get("name") is None and buttons[0].get_text() == "Salvați parola"
    assert [b.get("name") for b in buttons].count("show_password") == 1


def test_the_rule_is_stated_once(app, client_request):
    _, _, link = approved(app)
    text = client_request.get_page(link).find("main").get_text(" ", strip=True)
    assert text.count("8 caractere") == 1
    assert text.count("adresa de e-mail, numele din ea") == 1


def test_the_live_rules_leave_the_title_alone(app, client_request):
    _, _, link = approved(app)
    page = client_request.get_page(link)
    token = page.find("input", {"name": "csrf_token"})["value"]
    response = client_request.post(
        link,
        data={"csrf_token": token, "password": "abc"},
        headers={"HX-Request": "true", "X-Field-Live": "password"},
        expected_status=200,
    )
    assert "<title>" not in response.get_data(as_text=True)


def test_the_name_in_the_email_is_refused(app, client_request):
    request, _, link = approved(app)
    name = request.email.split("@")[0]
    response = set_password(client_request, link, name.title() + "1958!")
    page = soup(response)
    assert "numele din ea" in page.find(id="password-error").get_text()
    assert page.title.get_text().startswith("Eroare: ")


def stored_hash(app, account):
    session = app.extensions["db_sessionmaker"]()
    try:
        return session.get(CitizenAccount, account.id).password_hash
    finally:
        session.close()


def test_twenty_concurrent_uses_set_exactly_one_password(app):
    _, account, link = approved(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    outcomes = []
    start = threading.Barrier(20)

    def use_link(index):
        import http.cookiejar
        import re
        import urllib.parse
        import urllib.request

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        html = opener.open(base + link).read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
        token = token or re.search(r'name="csrf_token" value="([^"]+)"', html)
        body = urllib.parse.urlencode(
            {"csrf_token": token.group(1), "password": f"Parola{index}Noua!"}
        ).encode()
        start.wait()
        try:
            response = opener.open(base + link, data=body)
            outcomes.append(response.status)
        except urllib.error.HTTPError as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=use_link, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    server.shutdown()
    assert outcomes.count(303) == 1, outcomes
    session = app.extensions["db_sessionmaker"]()
    stored = session.get(CitizenAccount, account.id)
    assert stored.password_hash is not None
    session.close()


class NoRedirect(__import__("urllib.request").request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
