"""The counter's look-up of a career record (/ghiseu/cariera): own county's citizens on the CNP,
anyone else with a reason; every look-up audited; the raw record shown (issue 11)."""

from sqlalchemy import select

from tests.builders import (
    CAREER_CNP,
    answers_for,
    as_staff,
    career_row,
    career_rows,
    error_summary,
    make_staff,
    page_token,
    signed_in,
    stored,
)
from tests.page_checks import soup
from webapp.account import service as account_requests
from webapp.career import importer
from webapp.counter import service as counter_actions
from webapp.models import AccountRequest, AuditEvent, StaffMember

OTHER_CNP = "1750611120023"


def import_records(app, rows):
    session = app.extensions["db_sessionmaker"]()
    importer.import_rows_of(session, rows)
    session.close()


def submitted_request(app, cnp: str, county: str) -> AccountRequest:
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        found = account_requests.submit(
            session, answers_for(3) | {"cnp": cnp, "office_code": county}, _now()
        )
        session.close()
    return found


def registered_request(app, cnp: str, county: str) -> None:
    """An account request with this CNP, registered at that county's counter."""
    found = submitted_request(app, cnp, county)
    session = app.extensions["db_sessionmaker"]()
    found = session.get(AccountRequest, found.id)
    clerk = session.execute(
        select(StaffMember).where(StaffMember.county_code == county)
    ).scalars().first() or make_staff(
        session, email=f"inreg.{county.lower()}@cjp.ro", county=county
    )
    # The registration queues the citizen's receipt: its templates need the app.
    with app.app_context():
        counter_actions.register(
            session,
            found,
            clerk,
            registration_number="R-1",
            registered_on=_now().date(),
            checklist={"id_seen": True},
            remote_addr="127.0.0.1",
            now=_now(),
        )
    session.close()


def _now():
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def look_up(client, cnp, reason="", expected_status=200):
    token = page_token(client, "counter_career.lookup_form")
    return client.post(
        "counter_career.lookup",
        data={"csrf_token": token, "cnp": cnp, "reason": reason},
        expected_status=expected_status,
    )


def viewed(app):
    return stored(app, AuditEvent, AuditEvent.action == "career_viewed")


def test_a_citizen_of_another_county_needs_a_reason(app):
    client, _ = as_staff(app, county="CJ")
    import_records(app, career_rows())
    registered_request(app, CAREER_CNP, "IS")
    response = look_up(client, CAREER_CNP)
    assert error_summary(response) == (
        "A apărut o problemă Persoana cu acest CNP nu are o cerere de cont înregistrată la casa de pensii a "
        "județului dumneavoastră. Scrieți motivul consultării (de exemplu numărul petiției sau "
        "al dosarului): se păstrează în jurnalul acțiunilor."
    )
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: Cariera unei persoane")
    assert "Fabrica de Confecții Cluj" not in page.get_text()
    assert page.find("input", id="cnp")["value"] == CAREER_CNP
    assert viewed(app) == []


def test_with_a_reason_any_cnp_is_shown_and_audited(app):
    client, member = as_staff(app, county="CJ")
    import_records(app, career_rows())
    page = soup(look_up(client, CAREER_CNP, reason="Petiția nr. 1234/2026"))
    assert page.h1.get_text() == f"Cariera persoanei cu CNP-ul {CAREER_CNP}"
    [event] = viewed(app)
    assert event.staff_id == member.id
    assert event.details == {"cnp": CAREER_CNP, "reason": "Petiția nr. 1234/2026"}
    # The CNP went in the body, never in a URL.
    assert page.main.find("form")["method"] == "post"


def test_a_citizen_registered_in_the_clerks_county_needs_no_reason(app):
    client, _ = as_staff(app, county="CJ")
    import_records(app, career_rows())
    registered_request(app, CAREER_CNP, "CJ")
    page = soup(look_up(client, CAREER_CNP))
    assert not page.find(class_="error-summary")
    assert "Date actualizate la 31.10.2026." in page.get_text()
    [event] = viewed(app)
    assert event.details == {"cnp": CAREER_CNP, "county": "CJ"}


def test_a_request_submitted_but_not_registered_is_not_the_countys_citizen(app):
    client, _ = as_staff(app, county="CJ")
    submitted_request(app, CAREER_CNP, "CJ")
    response = look_up(client, CAREER_CNP)
    assert "nu are o cerere de cont înregistrată" in error_summary(response)
    assert viewed(app) == []


def test_the_page_shows_the_raw_record_months_grouped_by_year(app):
    client, _ = as_staff(app)
    rows = [
        *career_rows(),
        career_row("luna", luna="2024-03", zile="21", venit_brut="5200", conditii="deosebite"),
        career_row("luna", luna="2023-12", zile="20", venit_brut="4800.25", pilon2="da"),
    ]
    import_records(app, rows)
    page = soup(look_up(client, CAREER_CNP, reason="Dosar 77"))
    text = page.get_text(" ")
    assert [h3.get_text() for h3 in page.find_all("h3")] == ["2001", "2023", "2024"]
    year_2024 = page.find("h3", id="anul-2024").find_next("table")
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in year_2024.tbody.find_all("tr")]
    assert cells == [
        ["februarie 2024", "Tricotaje Someșul SRL", "12345674", "29", "5.120,50", "Normale", "nu"],
        ["martie 2024", "Tricotaje Someșul SRL", "12345674", "21", "5.200,00", "Deosebite", "nu"],
    ]
    assert year_2024.tfoot.get_text(" ").split() == ["Total", "2024", "50", "10.320,50"]
    assert "01.09.1984 – 30.06.1995" in text and "Fabrica de Confecții Cluj" in text
    assert "II" in [td.get_text() for td in page.find_all("td")]
    assert "Studii universitare" in text and "Adeverința 123/1984" in text
    assert "1,12345" in text and "Decizia 45/2002" in text


def test_a_cnp_with_no_record_says_so_and_is_still_audited(app):
    client, _ = as_staff(app)
    page = soup(look_up(client, OTHER_CNP, reason="Verificare"))
    assert "Nu avem date de carieră importate pentru acest CNP." in page.get_text()
    assert len(viewed(app)) == 1


def test_bad_input_is_named_and_the_reason_has_a_limit(app):
    client, _ = as_staff(app)
    assert "CNP-ul nu este valid" in error_summary(look_up(client, "2650823120018", "x"))
    too_long = error_summary(look_up(client, CAREER_CNP, "x" * 301))
    assert "Motivul consultării" in too_long and "300" in too_long
    assert viewed(app) == []


def test_only_staff_see_the_look_up(app, client_request):
    client_request.get("counter_career.lookup_form", expected_status=302)
    client_request.post("counter_career.lookup", data={"cnp": CAREER_CNP}, expected_status=400)
    session = app.extensions["db_sessionmaker"]()
    clerk = make_staff(session)
    session.close()
    page = signed_in(app, clerk).get_page("/ghiseu/")
    assert page.find("a", href="/ghiseu/cariera/")
