"""Signed-in sessions end on the server (F4): sign-out, the idle limit, the absolute lifetime
and a password change all stop every copy of the cookie."""

import datetime as dt

import time_machine
from sqlalchemy import select, update

from tests.builders import GOOD_PASSWORD, active_citizen, sign_in
from tests.page_checks import PageClient
from webapp.models import AuthSession

START = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


def copy_of(app, client_request) -> PageClient:
    """Another browser holding a copy of the cookie (stolen, or left on a shared computer)."""
    thief = PageClient(app.test_client())
    cookie = client_request.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    thief.client.set_cookie(cookie.key, cookie.value)
    return thief


def sessions(app) -> list[AuthSession]:
    session = app.extensions["db_sessionmaker"]()
    rows = session.execute(select(AuthSession)).scalars().all()
    session.close()
    return rows


def test_signing_out_ends_the_session_for_a_copied_cookie_too(app, client_request):
    request = active_citizen(app, client_request)
    sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    thief = copy_of(app, client_request)
    thief.get("/contul-meu/", expected_status=200)
    token = client_request.csrf_token("/contul-meu/")
    client_request.post("/iesire", data={"csrf_token": token}, expected_status=303)
    client_request.get("/contul-meu/", expected_status=302)
    thief.get("/contul-meu/", expected_status=302)
    [row] = sessions(app)
    assert row.ended_at is not None and len(row.id) == 64


def test_the_cookie_holds_a_token_and_the_table_only_its_hash(app, client_request):
    import hashlib

    request = active_citizen(app, client_request)
    sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    with client_request.client.session_transaction() as flask_session:
        token = flask_session["_user_id"].partition(".")[0]
    [row] = sessions(app)
    assert row.id == hashlib.sha256(token.encode()).hexdigest() and token not in row.id


def test_idle_session_expires_after_30_minutes(app, client_request):
    request = active_citizen(app, client_request)
    with time_machine.travel(START, tick=False):
        sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    with time_machine.travel(START + dt.timedelta(minutes=29), tick=False):
        client_request.get("/contul-meu/", expected_status=200)
    with time_machine.travel(START + dt.timedelta(minutes=60), tick=False):
        response = client_request.get("/contul-meu/", expected_status=302)
        assert "/autentificare" in response.headers["Location"]
        page = client_request.get_page("/autentificare")
        assert "30 de minute fără activitate" in page.get_text()


def test_the_idle_limit_is_judged_by_the_server_not_the_cookie(app, client_request):
    """A copied cookie used every 29 minutes used to live for ever: the cookie said when it was
    last used. Now the row says so."""
    request = active_citizen(app, client_request)
    sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    session = app.extensions["db_sessionmaker"]()
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)
    session.execute(update(AuthSession).values(last_seen_at=long_ago))
    session.commit()
    session.close()
    client_request.get("/contul-meu/", expected_status=302)
    assert sessions(app)[0].ended_at is not None


def test_a_session_ends_12_hours_after_sign_in_however_active(app, client_request):
    request = active_citizen(app, client_request)
    with time_machine.travel(START, tick=False):
        sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False):
            client_request.get("/contul-meu/", expected_status=200)
    with time_machine.travel(START + dt.timedelta(hours=12, minutes=1), tick=False):
        client_request.get("/contul-meu/", expected_status=302)
        assert "cel mult 12 ore" in client_request.get_page("/autentificare").get_text()


def test_a_new_password_signs_out_every_other_session(app, client_request):
    from webapp.auth.tokens import make_token
    from webapp.models import CitizenAccount

    request = active_citizen(app, client_request)
    sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        account = session.execute(select(CitizenAccount)).scalar_one()
        link = f"/parola-noua/{make_token('password-reset', account.id, account.password_hash)}"
        session.close()
    other = PageClient(app.test_client())
    token = other.csrf_token(link)
    other.post(link, data={"csrf_token": token, "password": "AltaParola2027"}, expected_status=303)
    client_request.get("/contul-meu/", expected_status=302)
    assert all(row.ended_at is not None for row in sessions(app))
