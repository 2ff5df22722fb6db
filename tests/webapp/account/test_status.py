"""The status page: reference + last 4 CNP digits; one generic message otherwise; rate-limited
per address and per reference."""

import datetime as dt

import pytest
import time_machine

from domain import ro
from domain.account_requests import NO_PRINTER
from tests.builders import active_citizen, approved, rate_limited_app, submitted
from tests.page_checks import PageClient, soup


def ask(client_request, reference, cnp_end, **kwargs):
    token = client_request.csrf_token("/stare")
    return client_request.post(
        "/stare", data={"csrf_token": token, "reference": reference, "cnp_end": cnp_end}, **kwargs
    )


def test_timeline_of_an_approved_request(app, client_request):
    request, _, _ = approved(app)
    page = soup(ask(client_request, request.reference.lower().replace("-", ""), request.cnp[-4:]))
    steps = [li.get_text(" ", strip=True) for li in page.select(".timeline li")]
    assert steps[0].startswith("Cererea a fost trimisă online")
    assert steps[1].startswith("Cererea a fost înregistrată la Casa Județeană de Pensii Cluj")
    assert steps[2].startswith("Cererea a fost aprobată")
    text = page.get_text(" ")
    assert request.answers["last_name"] not in text and request.cnp not in text


def test_wrong_pairs_get_one_generic_message(app, client_request):
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        request = submitted(session, 4, dt.datetime.now(dt.UTC))
        session.close()
    wrong_digits = soup(ask(client_request, request.reference, "0000", expected_status=200))
    no_such = soup(ask(client_request, "CC-2026-999999", request.cnp[-4:], expected_status=200))
    for page in (wrong_digits, no_such):
        assert "Nu am găsit o cerere cu aceste date" in page.find(class_="error-summary").get_text()
        assert not page.select(".timeline")


def test_badly_typed_reference_gets_an_instruction(client_request):
    page = soup(ask(client_request, "ABC", "12", expected_status=200))
    assert "CC-2026-000123" in page.find(id="reference-error").get_text()
    assert "exact 4 cifre" in page.find(id="cnp_end-error").get_text()


def test_status_is_rate_limited(migrated):
    app = rate_limited_app(migrated, STATUS_RATE_LIMIT="3 per minute")
    client = PageClient(app.test_client())
    statuses = [ask(client, "CC-2026-000001", "1234").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_home_page_leads_to_the_status_page_and_sign_in(client_request):
    page = client_request.get_page("/")
    links = {a["href"] for a in page.find_all("a", href=True)}
    assert {"/stare", "/autentificare", "/cont/"} <= links


@pytest.fixture
def limited_app(app, migrated):
    # The per-address limit is set high: what is tested here is the per-reference one (F15),
    # with its real numbers (5 wrong attempts an hour, 20 a day, whatever the address).
    # (`app` is there for its teardown, which empties the shared test database.)
    return rate_limited_app(migrated, STATUS_RATE_LIMIT="1000 per minute")


def summary_of(response) -> str:
    page = soup(response)
    assert not page.select(".timeline")
    return page.find(class_="error-summary").get_text(" ", strip=True)


def from_address(client, reference, cnp_end, number):
    return summary_of(
        ask(client, reference, cnp_end, environ_base={"REMOTE_ADDR": f"198.51.100.{number}"})
    )


def test_wrong_attempts_are_limited_per_reference_whatever_the_address(limited_app):
    app = limited_app
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        request = submitted(session, 7, dt.datetime.now(dt.UTC))
        session.close()
    right = request.cnp[-4:]
    wrong = "0000" if right != "0000" else "1111"
    client = PageClient(app.test_client())
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, 30, tzinfo=dt.UTC), tick=False):
        for number in range(5):
            assert "Încercați din nou" not in from_address(client, request.reference, wrong, number)
            assert "Încercați din nou" not in from_address(client, "CC-2026-999999", "1234", number)
        # The sixth, even with the right digits and from a fresh address, is not looked at.
        blocked = from_address(client, request.reference, right, 50)
        blocked_missing = from_address(client, "CC-2026-999999", right, 51)
        assert "Nu am găsit o cerere cu aceste date" in blocked
        assert "Încercați din nou după ora 13:01" in blocked  # 12:00:30 UTC + 1 h, Bucharest
        # A reference that exists and one that does not get the very same answer.
        assert blocked == blocked_missing
        # Another reference is not affected.
        other = soup(ask(client, "CC-2026-000123", "1234"))
        assert "Încercați din nou" not in other.get_text(" ")
    with time_machine.travel(dt.datetime(2026, 11, 23, 11, 1, tzinfo=dt.UTC), tick=False):
        page = soup(ask(client, request.reference, right))
        assert page.select(".timeline"), "an hour later the right digits work again"


def test_at_most_twenty_wrong_attempts_a_day_per_reference(limited_app):
    client = PageClient(limited_app.test_client())
    start = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)
    for hour in range(4):
        with time_machine.travel(start + dt.timedelta(hours=hour, minutes=1), tick=False):
            for number in range(5):
                message = from_address(client, "CC-2026-000042", "1234", hour * 10 + number)
                assert "Încercați din nou" not in message
    with time_machine.travel(start + dt.timedelta(hours=5), tick=False):
        message = from_address(client, "CC-2026-000042", "1234", 99)
    # The day's window started at 08:01 Bucharest time, so it ends the next day.
    assert "Încercați din nou pe 24 noiembrie 2026, după ora 08:02" in message


def test_timeline_says_when_an_unregistered_request_expired(app, client_request):
    from webapp import retention

    session = app.extensions["db_sessionmaker"]()
    sent = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)
    with app.app_context():
        request = submitted(session, 7, sent)
    retention.expire_unregistered(
        session, dt.datetime.now(dt.UTC), retention.Periods.from_config(app.config)
    )
    session.commit()
    reference, cnp_end = request.reference, request.cnp[-4:]
    session.close()
    page = soup(ask(client_request, reference, cnp_end))
    steps = [li.get_text(" ", strip=True) for li in page.select(".timeline li")]
    assert steps[-1].startswith("Cererea a expirat")
    assert "Nu a fost înregistrată la o casă de pensii în 30 de zile" in steps[-1]


# --- what to do next (m12) ------------------------------------------------------------------


def next_step(client, reference, cnp_end) -> str:
    page = soup(ask(client, reference, cnp_end))
    assert page.find("h2", string="Ce urmează")
    return page.find(class_="next-step").get_text(" ", strip=True)


def submitted_at(app, index: int, when: dt.datetime):
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        return submitted(session, index, when)


@pytest.mark.parametrize(
    "typed", ["{year}-{number:06d}", "cc {year} {number}", "CC-{year}-{number}"]
)
def test_references_typed_the_way_people_copy_them_are_found(app, client_request, typed):
    request = submitted_at(app, 4, dt.datetime.now(dt.UTC))
    year, number = request.reference.split("-")[1:]
    page = soup(ask(client_request, typed.format(year=year, number=int(number)), request.cnp[-4:]))
    assert page.select(".timeline")
    assert page.find("h2", string=f"Stadiul cererii {request.reference}")


def test_a_request_waiting_for_the_counter_says_what_to_bring_and_by_when(app, client_request):
    sent = dt.datetime(2026, 11, 22, 12, 5, tzinfo=dt.UTC)
    request = submitted_at(app, 4, sent)
    with time_machine.travel(sent + dt.timedelta(days=1), tick=False):
        step = next_step(client_request, request.reference, request.cnp[-4:])
    assert (
        "Mergeți la ghișeul oricărei case de pensii cu cererea semnată și actul de identitate"
        in step
    )
    assert "până pe 22 decembrie 2026" in step
    assert NO_PRINTER in step


def test_a_registered_request_says_there_is_no_second_trip(app, client_request):
    request = add_registered(app)
    step = next_step(client_request, request.reference, request.cnp[-4:])
    assert "Nu trebuie să mai veniți la ghișeu" in step
    assert "Casa Județeană de Pensii Cluj" in step


def test_an_approved_request_says_when_the_activation_link_expires(app, client_request):
    moment = dt.datetime(2026, 11, 22, 12, 5, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        request, _, _ = approved(app, now=moment)
    with time_machine.travel(moment + dt.timedelta(hours=1), tick=False):
        step = next_step(client_request, request.reference, request.cnp[-4:])
    assert step.startswith("Verificați e-mailul")
    assert "expiră pe 25 noiembrie 2026, ora 14:05" in step
    with time_machine.travel(moment + dt.timedelta(hours=73), tick=False):
        late = next_step(client_request, request.reference, request.cnp[-4:])
    assert "a expirat pe 25 noiembrie 2026, ora 14:05" in late and "cereți una nouă" in late


def test_an_active_account_is_sent_to_sign_in(app, client_request):
    request = active_citizen(app, PageClient(app.test_client()))
    step = next_step(client_request, request.reference, request.cnp[-4:])
    assert step.startswith("Contul este activ") and "Am uitat parola" in step


def test_a_rejected_or_expired_request_suggests_a_new_one(app, client_request):
    from webapp import retention

    old = submitted_at(app, 5, dt.datetime.now(dt.UTC) - dt.timedelta(days=31))
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        retention.expire_unregistered(
            session, dt.datetime.now(dt.UTC), retention.Periods.from_config(app.config)
        )
        session.commit()
    assert "trimiteți o cerere nouă" in next_step(client_request, old.reference, old.cnp[-4:])

    from tests.builders import make_staff
    from webapp.counter import service as counter_actions

    with app.test_request_context(), app.extensions["db_sessionmaker"]() as session:
        refused = submitted(session, 8)
        counter_actions.reject(
            session,
            refused,
            make_staff(session),
            reason="Actul de identitate a expirat.",
            remote_addr=None,
            now=dt.datetime.now(dt.UTC),
        )
    step = next_step(client_request, refused.reference, refused.cnp[-4:])
    assert "trimiteți o cerere nouă, ținând seama de motiv" in step


def add_registered(app):
    from tests.builders import make_staff
    from webapp.counter import service as counter_actions

    with app.test_request_context(), app.extensions["db_sessionmaker"]() as session:
        request = submitted(session, 6)
        counter_actions.register(
            session,
            request,
            make_staff(session),
            registration_number="R-6",
            registered_on=ro.today(),
            checklist={"id_seen": True},
            remote_addr=None,
            now=dt.datetime.now(dt.UTC),
        )
        return request
