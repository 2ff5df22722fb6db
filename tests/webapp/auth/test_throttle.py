"""Slowing down guessing without a lockout weapon (F5, usability review B3): per (email, address)
pair, a per-account daily budget that spares the owner's own browser and address, keyed hashes
instead of what was typed, and 429 pages that keep the form and state the hour."""

import datetime as dt

import pytest
import time_machine
from sqlalchemy import select

from tests.builders import GOOD_PASSWORD, active_citizen, make_staff, sign_in_staff_through_pages
from tests.page_checks import PageClient, soup
from webapp import create_app
from webapp.auth import throttle
from webapp.db import Base
from webapp.models import SignInFailure

START = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


def client_at(app, address: str) -> PageClient:
    client = PageClient(app.test_client())
    client.client.environ_base["REMOTE_ADDR"] = address
    return client


def attempt(client, email, password, **kwargs):
    token = client.csrf_token("/autentificare")
    return client.post(
        "/autentificare", data={"csrf_token": token, "email": email, "password": password}, **kwargs
    )


def problem(response) -> str:
    return soup(response).find(class_="error-summary").get_text(" ", strip=True)


def test_a_pair_slows_down_with_a_growing_delay_stated_to_the_user(app, client_request):
    request = active_citizen(app, client_request)
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            attempt(client_request, request.email, "Gresita123", expected_status=200)
        response = attempt(client_request, request.email, "Gresita123", expected_status=429)
        # 09:00 UTC is 11:00 in Bucharest; the first wait lasts a minute.
        assert "după ora 11:01" in problem(response)
        assert soup(response).find("input", {"name": "email"})["value"] == request.email
        # Even the right password waits, from this pair.
        attempt(client_request, request.email, GOOD_PASSWORD, expected_status=429)
    with time_machine.travel(START + dt.timedelta(minutes=1, seconds=5), tick=False):
        response = attempt(client_request, request.email, "Gresita123", expected_status=429)
        assert "după ora 11:03" in problem(response)
    with time_machine.travel(START + dt.timedelta(minutes=4), tick=False):
        attempt(client_request, request.email, GOOD_PASSWORD, expected_status=303)


def test_no_one_can_lock_a_named_account_from_elsewhere(app, client_request):
    request = active_citizen(app, client_request)
    attacker = client_at(app, "203.0.113.9")
    with time_machine.travel(START, tick=False):
        for _ in range(10):
            attempt(attacker, request.email, "Gresita123")
        attempt(attacker, request.email, "Gresita123", expected_status=429)
        owner = client_at(app, "198.51.100.7")
        attempt(owner, request.email, GOOD_PASSWORD, expected_status=303)


def test_others_failures_behind_a_shared_address_never_lock_a_clerk_out(app, client_request):
    session = app.extensions["db_sessionmaker"]()
    make_staff(session)
    session.close()
    with time_machine.travel(START, tick=False):
        # Citizens behind the county office's NAT (or a mobile CGNAT) mistype their own emails.
        for index in range(12):
            public = client_at(app, "127.0.0.1")
            attempt(public, f"cetatean{index}@example.ro", "Gresita123", expected_status=200)
        response = sign_in_staff_through_pages(app, client_request, "functionar@cjp.ro")
        assert response.status_code == 303 and response.headers["Location"].startswith("/ghiseu")


def test_the_account_budget_bounds_guessing_but_spares_the_owners_browser_and_address(
    app, client_request, monkeypatch
):
    monkeypatch.setattr(throttle, "ACCOUNT_DAILY_FAILURES", 8)
    request = active_citizen(app, client_request)
    owner = client_at(app, "198.51.100.7")
    attempt(owner, request.email, GOOD_PASSWORD, expected_status=303)  # a known browser and pair
    with time_machine.travel(START, tick=False):
        # A botnet: a few guesses from each of many addresses, never slowed down per pair.
        for index in range(8):
            attempt(client_at(app, f"203.0.113.{index}"), request.email, "Gresita123")
        stranger = client_at(app, "203.0.113.200")
        response = attempt(stranger, request.email, GOOD_PASSWORD, expected_status=429)
        assert "23 noiembrie 2026, ora 11:00" in problem(response)
        # The owner's own browser, even from a new address (a phone on mobile data) …
        owner.client.environ_base["REMOTE_ADDR"] = "192.0.2.44"
        attempt(owner, request.email, GOOD_PASSWORD, expected_status=303)
        # … and the owner's usual address, even from a new browser.
        attempt(client_at(app, "198.51.100.7"), request.email, GOOD_PASSWORD, expected_status=303)
    with time_machine.travel(START + dt.timedelta(hours=24, minutes=1), tick=False):
        attempt(stranger, request.email, GOOD_PASSWORD, expected_status=303)


def test_a_new_password_by_email_lifts_the_account_budget(app, client_request, monkeypatch):
    from tests.builders import ask_for_reset, reset_emails, run_jobs

    monkeypatch.setattr(throttle, "ACCOUNT_DAILY_FAILURES", 3)
    request = active_citizen(app, client_request)
    for index in range(3):
        attempt(client_at(app, f"203.0.113.{index}"), request.email, "Gresita123")
    new_browser = client_at(app, "192.0.2.1")
    attempt(new_browser, request.email, GOOD_PASSWORD, expected_status=429)
    ask_for_reset(new_browser, request.email, expected_status=303)
    run_jobs(app)
    body = reset_emails(app, request.email)[0].text_body
    link = "/parola-noua/" + body.split("/parola-noua/")[1].split()[0]
    token = new_browser.csrf_token(link)
    new_browser.post(link, data={"csrf_token": token, "password": "AltaParola2027"})
    attempt(new_browser, request.email, "AltaParola2027", expected_status=303)


def test_what_was_typed_is_stored_only_as_a_keyed_hash(app, client_request):
    typed = "Parola-Mea-Secreta-2026"  # a password typed into the email box
    attempt(client_request, typed, "x", expected_status=200)
    session = app.extensions["db_sessionmaker"]()
    keys = session.execute(select(SignInFailure.key)).scalars().all()
    session.close()
    assert keys and all(len(key) == 64 and typed.lower() not in key for key in keys)
    assert all(not key.startswith(("account:", "address:")) for key in keys)


# Flask-Limiter's per-address limit -------------------------------------------------------------


@pytest.fixture
def limited_app(migrated):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "SIGN_IN_RATE_LIMIT": "2 per minute",
            "RESEND_RATE_LIMIT": "2 per hour",
        }
    )
    yield app
    with app.extensions["db_engine"].begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    app.extensions["db_engine"].dispose()


def test_the_address_limit_answers_a_romanian_page_that_keeps_the_form(limited_app):
    client = PageClient(limited_app.test_client())
    for _ in range(2):
        attempt(client, "ana@example.ro", "Gresita123", expected_status=200)
    response = attempt(client, "ana@example.ro", "Gresita123", expected_status=429)
    page = soup(response)
    assert page.find("input", {"name": "email"})["value"] == "ana@example.ro"
    assert "Încercați din nou după ora" in problem(response)


def test_invalid_forgot_password_forms_do_not_use_the_quota(limited_app):
    client = PageClient(limited_app.test_client())

    def ask(email, **kwargs):
        token = client.csrf_token("/parola-uitata")
        return client.post("/parola-uitata", data={"csrf_token": token, "email": email}, **kwargs)

    for _ in range(4):
        ask("nu-e-o-adresa", expected_status=200)
    ask("ana@example.ro", expected_status=303)
    ask("ana@example.ro", expected_status=303)
    response = ask("ion@example.ro", expected_status=429)
    assert soup(response).find("input", {"name": "email"})["value"] == "ion@example.ro"
    assert "Încercați din nou după ora" in problem(response)


def guesses_in_a_day(app, email, addresses) -> int:
    """An attacker retrying as soon as allowed for 24 hours, from the given addresses in turn."""
    session = app.extensions["db_sessionmaker"]()
    now, end, count = START, START + dt.timedelta(hours=24), 0
    with app.test_request_context():
        while now < end:
            waits = []
            for address in addresses:
                wait = throttle.waiting_until(session, "password", email, address, now)
                if wait is None:
                    throttle.record_failure(session, "password", email, address, now)
                    count += 1
                else:
                    waits.append(wait)
            if len(waits) == len(addresses):
                now = min(waits)
    session.close()
    return count


def test_the_stated_bounds_hold(app):
    """The numbers in webapp/auth/throttle.py's docstring: 34 per pair, 50 per account, per day."""
    assert guesses_in_a_day(app, "ana@example.ro", ["203.0.113.1"]) == 34
    many = [f"198.51.100.{i}" for i in range(200)]
    assert guesses_in_a_day(app, "ion@example.ro", many) == 50
