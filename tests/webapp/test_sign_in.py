"""Sign-in: citizens and staff, the growing delay, session rotation and idle expiry, reset."""

import datetime as dt

import time_machine

from tests.counter_fixtures import STAFF_PASSWORD, approved, make_staff
from tests.page_checks import soup
from tests.webapp.test_activation import GOOD_PASSWORD, set_password


def sign_in(client_request, email, password, **kwargs):
    token = client_request.csrf_token("/autentificare")
    return client_request.post(
        "/autentificare", data={"csrf_token": token, "email": email, "password": password}, **kwargs
    )


def active_citizen(app, client_request):
    request, _, link = approved(app)
    set_password(client_request, link)
    return request


def test_citizen_signs_in_and_sees_the_account(app, client_request):
    request = active_citizen(app, client_request)
    response = sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    assert response.headers["Location"] == "/contul-meu/"
    page = client_request.get_page("/contul-meu/")
    assert request.email in page.get_text()


def test_staff_signs_in_on_the_same_page_and_areas_refuse_each_other(app, client_request):
    session = app.extensions["db_sessionmaker"]()
    make_staff(session)
    session.close()
    response = sign_in(client_request, "functionar@cjp.ro", STAFF_PASSWORD, expected_status=303)
    assert response.headers["Location"].startswith("/ghiseu")
    client_request.get("/contul-meu/", expected_status=403)


def test_wrong_password_and_unknown_email_get_the_same_message(app, client_request):
    request = active_citizen(app, client_request)
    wrong = soup(sign_in(client_request, request.email, "Gresita123", expected_status=200))
    unknown = soup(sign_in(client_request, "nimeni@example.ro", "Gresita123", expected_status=200))
    message = "Adresa de e-mail sau parola nu sunt corecte."
    assert message in wrong.find(class_="error-summary").get_text()
    assert message in unknown.find(class_="error-summary").get_text()


def test_repeated_failures_lock_with_a_growing_delay_stated_to_the_user(app, client_request):
    request = active_citizen(app, client_request)
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            sign_in(client_request, request.email, "Gresita123")
        page = soup(sign_in(client_request, request.email, "Gresita123"))
        # 09:00 UTC is 11:00 in Bucharest; the first lock lasts a minute.
        assert "după ora 11:01" in page.find(class_="error-summary").get_text()
        # Even the right password is refused while locked.
        assert sign_in(client_request, request.email, GOOD_PASSWORD).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=1, seconds=5), tick=False):
        page = soup(sign_in(client_request, request.email, "Gresita123"))
        assert "după ora 11:03" in page.find(class_="error-summary").get_text()
    with time_machine.travel(start + dt.timedelta(minutes=4), tick=False):
        sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)


def test_sign_in_rotates_the_session(app, client_request):
    request = active_citizen(app, client_request)
    with client_request.client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    with client_request.client.session_transaction() as session:
        assert "planted" not in session


def test_idle_session_expires_after_30_minutes(app, client_request):
    request = active_citizen(app, client_request)
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        client_request.get("/contul-meu/", expected_status=200)
    with time_machine.travel(start + dt.timedelta(minutes=60), tick=False):
        response = client_request.get("/contul-meu/", expected_status=302)
        assert "/autentificare" in response.headers["Location"]
        page = client_request.get_page("/autentificare")
        assert "30 de minute fără activitate" in page.get_text()


def test_sign_out(app, client_request):
    request = active_citizen(app, client_request)
    sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    token = client_request.csrf_token("/contul-meu/")
    client_request.post("/iesire", data={"csrf_token": token}, expected_status=303)
    client_request.get("/contul-meu/", expected_status=302)


def test_next_is_never_an_open_redirect(app, client_request):
    request = active_citizen(app, client_request)
    token = client_request.csrf_token("/autentificare")
    response = client_request.post(
        "/autentificare?next=//evil.example/contul-meu",
        data={"csrf_token": token, "email": request.email, "password": GOOD_PASSWORD},
        expected_status=303,
    )
    assert response.headers["Location"] == "/contul-meu/"


def test_forgot_password_says_the_same_for_any_address_and_the_link_works_once(app, client_request):
    from sqlalchemy import select

    from webapp.outbox.model import OutboxEmail

    request = active_citizen(app, client_request)
    for email in (request.email, "nimeni@example.ro"):
        token = client_request.csrf_token("/parola-uitata")
        response = client_request.post(
            "/parola-uitata", data={"csrf_token": token, "email": email}, expected_status=303
        )
        assert response.headers["Location"] == "/parola-uitata/trimis"
    session = app.extensions["db_sessionmaker"]()
    emails = (
        session.execute(select(OutboxEmail).where(OutboxEmail.recipient == request.email))
        .scalars()
        .all()
    )
    reset = [e for e in emails if "/parola-noua/" in e.text_body]
    session.close()
    assert len(reset) == 1 and "o oră" in reset[0].text_body
    link = "/parola-noua/" + reset[0].text_body.split("/parola-noua/")[1].split()[0]
    assert set_password(client_request, link, "AltaParola2027").status_code == 303
    client_request.get(link, expected_status=410)
    sign_in(client_request, request.email, "AltaParola2027", expected_status=303)


def test_reset_link_expires_after_an_hour(app, client_request):
    from webapp.tokens import make_token

    active_citizen(app, client_request)
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with app.app_context(), time_machine.travel(start, tick=False):
        session = app.extensions["db_sessionmaker"]()
        from webapp.models import CitizenAccount

        stored = session.query(CitizenAccount).one()
        token = make_token("password-reset", stored.id, stored.password_hash)
        session.close()
    with time_machine.travel(start + dt.timedelta(minutes=59), tick=False):
        client_request.get(f"/parola-noua/{token}", expected_status=200)
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        client_request.get(f"/parola-noua/{token}", expected_status=410)
