"""Sign-in: citizens and staff (with the second factor), one hash per attempt, session rotation,
`next`, and a new password by email (a background job)."""

import datetime as dt

import pytest
import time_machine
from sqlalchemy import select

from tests.builders import (
    GOOD_PASSWORD,
    STAFF_PASSWORD,
    active_citizen,
    approved,
    ask_for_reset,
    make_staff,
    reset_emails,
    run_jobs,
    set_password,
    sign_in,
    sign_in_staff_through_pages,
)
from tests.page_checks import soup
from webapp.models import BackgroundJob, StaffMember


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
    response = sign_in_staff_through_pages(app, client_request, "functionar@cjp.ro")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/ghiseu")
    client_request.get("/contul-meu/", expected_status=403)


def test_wrong_password_and_unknown_email_get_the_same_message(app, client_request):
    request = active_citizen(app, client_request)
    wrong = soup(sign_in(client_request, request.email, "Gresita123", expected_status=200))
    unknown = soup(sign_in(client_request, "nimeni@example.ro", "Gresita123", expected_status=200))
    message = "Adresa de e-mail sau parola nu sunt corecte."
    assert message in wrong.find(class_="error-summary").get_text()
    assert message in unknown.find(class_="error-summary").get_text()


def test_one_password_hash_per_attempt_whatever_the_email(app, client_request, monkeypatch):
    """F3: a staff email used to cost two hashes, so staff were recognisable by response time."""
    from webapp.auth import passwords

    request = active_citizen(app, client_request)  # approved by functionar@cjp.ro, staff
    not_activated = approved(app, index=2)[0].email
    calls = []
    original = passwords.check_password_hash
    monkeypatch.setattr(
        passwords, "check_password_hash", lambda *a: calls.append(1) or original(*a)
    )
    for email in ("nimeni@example.ro", request.email, not_activated, "functionar@cjp.ro"):
        calls.clear()
        sign_in(client_request, email, "Gresita123", expected_status=200)
        assert len(calls) == 1, email


def test_sign_in_page_keeps_the_typed_email_and_counts_no_invalid_form(app, client_request):
    from webapp.models import SignInFailure

    request = active_citizen(app, client_request)
    for _ in range(8):
        page = soup(sign_in(client_request, request.email, "", expected_status=200))
        assert page.find("input", {"name": "email"})["value"] == request.email
    session = app.extensions["db_sessionmaker"]()
    assert session.execute(select(SignInFailure)).first() is None
    session.close()
    sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)


def test_sign_in_rotates_the_session(app, client_request):
    request = active_citizen(app, client_request)
    with client_request.client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client_request, request.email, GOOD_PASSWORD, expected_status=303)
    with client_request.client.session_transaction() as session:
        assert "planted" not in session


def test_next_is_never_an_open_redirect(app, client_request):
    request = active_citizen(app, client_request)
    token = client_request.csrf_token("/autentificare")
    response = client_request.post(
        "/autentificare?next=//evil.example/contul-meu",
        data={"csrf_token": token, "email": request.email, "password": GOOD_PASSWORD},
        expected_status=303,
    )
    assert response.headers["Location"] == "/contul-meu/"


def test_next_with_control_characters_goes_to_the_default_page(app, client_request):
    """F14.5: a line break in `next` reached the Location header and gave a 500."""
    request = active_citizen(app, client_request)
    token = client_request.csrf_token("/autentificare")
    response = client_request.post(
        "/autentificare?next=/contul-meu/%0D%0ASet-Cookie:%20x=1",
        data={"csrf_token": token, "email": request.email, "password": GOOD_PASSWORD},
        expected_status=303,
    )
    assert response.headers["Location"] == "/contul-meu/"
    assert "Set-Cookie" not in response.headers.get("Location", "")


def test_forgot_password_says_the_same_for_any_address_and_the_link_works_once(app, client_request):
    request = active_citizen(app, client_request)
    for email in (request.email, "nimeni@example.ro"):
        response = ask_for_reset(client_request, email, expected_status=303)
        assert response.headers["Location"] == "/parola-uitata/trimis"
    # F20: the answer does no lookup and renders no email; both are background jobs.
    assert reset_emails(app, request.email) == []
    session = app.extensions["db_sessionmaker"]()
    queued = session.execute(select(BackgroundJob)).scalars().all()
    assert [(job.kind, job.payload) for job in queued] == [
        ("password_reset", {"email": request.email}),
        ("password_reset", {"email": "nimeni@example.ro"}),
    ]
    session.close()
    run_jobs(app)
    reset = reset_emails(app, request.email)
    assert len(reset) == 1 and "o oră" in reset[0].text_body
    assert reset_emails(app, "nimeni@example.ro") == []
    assert "http://localhost/parola-noua/" in reset[0].text_body
    link = "/parola-noua/" + reset[0].text_body.split("/parola-noua/")[1].split()[0]
    assert set_password(client_request, link, "AltaParola2027").status_code == 303
    client_request.get(link, expected_status=410)
    sign_in(client_request, request.email, "AltaParola2027", expected_status=303)


def test_forgot_password_job_ignores_staff_and_accounts_without_a_password(app, client_request):
    session = app.extensions["db_sessionmaker"]()
    make_staff(session)
    session.close()
    not_activated = approved(app, index=2)[0].email
    for email in ("functionar@cjp.ro", not_activated):
        ask_for_reset(client_request, email, expected_status=303)
    run_jobs(app)
    assert reset_emails(app, "functionar@cjp.ro") == reset_emails(app, not_activated) == []


def test_reset_link_expires_after_an_hour(app, client_request):
    from webapp.auth.tokens import make_token

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


# The second factor for staff (F3) ------------------------------------------------------------


def staff_password_step(client_request, email="functionar@cjp.ro", password=STAFF_PASSWORD):
    return sign_in(client_request, email, password, expected_status=303)


def test_the_password_step_alone_does_not_sign_staff_in(app, client_request):
    session = app.extensions["db_sessionmaker"]()
    make_staff(session)
    session.close()
    step = staff_password_step(client_request)
    assert step.headers["Location"] == "/autentificare/cod"
    assert (
        client_request.get("/ghiseu/", expected_status=302)
        .headers["Location"]
        .startswith("/autentificare")
    )
    page = client_request.get_page("/autentificare/cod")
    code = page.find("input", {"name": "code"})
    assert code["autocomplete"] == "one-time-code" and code["inputmode"] == "numeric"
    assert page.find("label", {"for": code["id"]})


def test_a_wrong_or_replayed_code_is_refused(app, client_request):
    import pyotp

    from tests.builders import STAFF_TOTP_SECRET
    from tests.page_checks import PageClient

    session = app.extensions["db_sessionmaker"]()
    make_staff(session)
    session.close()
    moment = dt.datetime(2026, 11, 22, 9, 0, 10, tzinfo=dt.UTC)
    code = pyotp.TOTP(STAFF_TOTP_SECRET).at(moment)
    with time_machine.travel(moment, tick=False):
        staff_password_step(client_request)
        token = client_request.csrf_token("/autentificare/cod")
        wrong = "000000" if code != "000000" else "111111"
        page = soup(
            client_request.post(
                "/autentificare/cod",
                data={"csrf_token": token, "code": wrong},
                expected_status=200,
            )
        )
        assert "nu este corect" in page.find(class_="error-summary").get_text()
        done = client_request.post(
            "/autentificare/cod", data={"csrf_token": token, "code": code}, expected_status=303
        )
        assert done.headers["Location"].startswith("/ghiseu")
        # Someone who saw the code (over the shoulder, a phishing page) types it again at once.
        other = PageClient(app.test_client())
        staff_password_step(other)
        token = other.csrf_token("/autentificare/cod")
        again = other.post("/autentificare/cod", data={"csrf_token": token, "code": code})
        assert again.status_code == 200 and "deja folosit" in again.get_data(as_text=True)
        other.get("/ghiseu/", expected_status=302)


def test_the_code_must_follow_the_password_within_5_minutes(app, client_request):
    import pyotp

    from tests.builders import STAFF_TOTP_SECRET

    session = app.extensions["db_sessionmaker"]()
    make_staff(session)
    session.close()
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        staff_password_step(client_request)
        token = client_request.csrf_token("/autentificare/cod")
    late = start + dt.timedelta(minutes=5, seconds=30)
    with time_machine.travel(late, tick=False):
        code = pyotp.TOTP(STAFF_TOTP_SECRET).at(late)
        response = client_request.post(
            "/autentificare/cod", data={"csrf_token": token, "code": code}, expected_status=303
        )
        assert response.headers["Location"] == "/autentificare"
        assert "în 5 minute" in client_request.get_page("/autentificare").get_text()
        client_request.get("/ghiseu/", expected_status=302)


def test_staff_without_a_second_factor_cannot_sign_in(app, client_request):
    session = app.extensions["db_sessionmaker"]()
    member = make_staff(session)
    member.totp_secret = None
    session.commit()
    session.close()
    page = soup(sign_in(client_request, "functionar@cjp.ro", STAFF_PASSWORD, expected_status=200))
    assert (
        "Cereți unui administrator să vă înroleze" in page.find(class_="error-summary").get_text()
    )
    client_request.get("/autentificare/cod", expected_status=303)
    client_request.get("/ghiseu/", expected_status=302)


def test_a_recovery_code_works_once(app, client_request):
    from tests.page_checks import PageClient
    from webapp.auth import second_factor

    session = app.extensions["db_sessionmaker"]()
    member = make_staff(session)
    _, codes = second_factor.enrol(member)
    session.commit()
    assert codes[0] not in str(session.get(StaffMember, member.id).recovery_codes)
    session.close()
    for client, expected in ((client_request, 303), (PageClient(app.test_client()), 200)):
        staff_password_step(client)
        token = client.csrf_token("/autentificare/cod")
        response = client.post(
            "/autentificare/cod", data={"csrf_token": token, "code": codes[0].lower()}
        )
        assert response.status_code == expected
    session = app.extensions["db_sessionmaker"]()
    assert len(session.get(StaffMember, member.id).recovery_codes) == 9
    session.close()


def test_wrong_codes_are_slowed_down_like_passwords(app, client_request):
    session = app.extensions["db_sessionmaker"]()
    make_staff(session)
    session.close()
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        staff_password_step(client_request)
        token = client_request.csrf_token("/autentificare/cod")
        statuses = [
            client_request.post(
                "/autentificare/cod", data={"csrf_token": token, "code": "12345" + str(i)}
            ).status_code
            for i in range(6)
        ]
        assert statuses == [200] * 5 + [429]
        page = soup(
            client_request.post("/autentificare/cod", data={"csrf_token": token, "code": "1"})
        )
        assert "după ora 11:01" in page.find(class_="error-summary").get_text()


def test_demo_staff_are_enrolled_and_demo_load_refuses_production(app, monkeypatch):
    from webapp.cli import demo_cli
    from webapp.demo import DEMO_STAFF

    result = app.test_cli_runner().invoke(demo_cli, ["load"])
    assert result.exit_code == 0, result.output
    assert result.output.count("otpauth://totp/") == len(DEMO_STAFF)
    session = app.extensions["db_sessionmaker"]()
    assert all(m.totp_secret for m in session.execute(select(StaffMember)).scalars())
    session.close()
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    refused = app.test_cli_runner().invoke(demo_cli, ["load"])
    assert refused.exit_code == 1 and "nu se încarcă în producție" in refused.output


def test_staff_cli_enrols_with_a_uri_a_qr_code_and_recovery_codes(app):
    from webapp.auth.cli import staff_cli

    runner = app.test_cli_runner()
    short = runner.invoke(
        staff_cli,
        ["create", "ana@cjpcluj.ro", "--county", "CJ", "--password-stdin"],
        input="Cluj2026Ab\n",
    )
    assert short.exit_code == 1 and "cel puțin 12 caractere" in short.output
    created = runner.invoke(
        staff_cli,
        ["create", "ana@cjpcluj.ro", "--county", "CJ", "--password-stdin"],
        input="Cluj-Napoca-2026\n",
    )
    assert created.exit_code == 0, created.output
    assert "otpauth://totp/Portal%20pensii:ana%40cjpcluj.ro?secret=" in created.output
    assert "█" in created.output
    session = app.extensions["db_sessionmaker"]()
    member = session.execute(select(StaffMember)).scalar_one()
    assert member.totp_secret and member.totp_secret in created.output
    assert len(member.recovery_codes) == 10
    old_secret = member.totp_secret
    session.close()
    again = runner.invoke(staff_cli, ["enrol-totp", "ana@cjpcluj.ro"])
    assert again.exit_code == 0 and "otpauth://" in again.output
    session = app.extensions["db_sessionmaker"]()
    assert session.execute(select(StaffMember)).scalar_one().totp_secret != old_secret
    session.close()


@pytest.mark.parametrize("typed", ["²²²²²²", "ţ1-2345"])
def test_a_code_with_other_characters_than_ascii_is_wrong_not_an_error(app, client_request, typed):
    # hmac.compare_digest raises on non-ASCII text; "²" passes str.isdigit().
    session = app.extensions["db_sessionmaker"]()
    make_staff(session)
    session.close()
    staff_password_step(client_request)
    token = client_request.csrf_token("/autentificare/cod")
    answer = client_request.post(
        "/autentificare/cod", data={"csrf_token": token, "code": typed}, expected_status=200
    )
    assert "nu este corect" in soup(answer).find(class_="error-summary").get_text()
