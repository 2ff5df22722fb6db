"""`flask demo load` gives every demo person a career record, through the importer (issue 11)."""

import datetime as dt

from domain import ro
from webapp.career.queries import load_record
from webapp.cli import demo_cli
from webapp.demo import DEMO_REQUESTS
from webapp.demo_career import current_to


def records(app) -> dict:
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        cnps = {answers["cnp"] for answers in DEMO_REQUESTS}
        cnps |= {p["cnp"] for a in DEMO_REQUESTS for p in a["persons"] if p["kind"] == "natural"}
        found = {cnp: load_record(session, cnp) for cnp in cnps}
        session.close()
    return found


def test_each_demo_person_and_the_administered_one_has_a_realistic_record(app):
    result = app.test_cli_runner().invoke(demo_cli, ["load"])
    assert result.exit_code == 0, result.output
    assert "Cariere demonstrative: 4 persoane, 4 adăugate, 0 actualizate." in result.output
    found = records(app)
    assert all(record is not None and not record.empty for record in found.values())
    assert len(found) == 4
    elena = found["2650823120019"]
    assert elena.work_book[0].start == dt.date(1984, 9, 1)
    assert elena.monthly[0].month == dt.date(2001, 4, 1)
    assert elena.current_to == current_to(ro.today()) and elena.current_to.year >= 2026
    assert elena.monthly[-1].month == elena.current_to.replace(day=1)
    young = found["1950304123488"]
    assert all(month.pillar2 for month in young.monthly)
    assert young.assimilated[0].kind == "studii_universitare"
    maria = found["2580514123457"]
    assert {entry.group for entry in maria.work_book} == {"I", "II"}
    assert any(month.conditions == "deosebite" for month in maria.monthly)
    assert maria.decided
    # Incomes on the scale of the average wage, in the lei of their time: millions of old lei
    # in 2001, thousands of lei today.
    assert 2_000_000 < elena.monthly[0].gross_income < 4_000_000
    july_2005 = next(m for m in elena.monthly if m.month == dt.date(2005, 7, 1))
    assert 500 < july_2005.gross_income < 1000
    assert 5000 < elena.monthly[-1].gross_income < 15000


def test_a_second_demo_load_changes_no_record(app):
    assert app.test_cli_runner().invoke(demo_cli, ["load"]).exit_code == 0
    before = records(app)
    again = app.test_cli_runner().invoke(demo_cli, ["load"])
    assert "Cariere demonstrative: 4 persoane, 0 adăugate, 0 actualizate." in again.output
    assert records(app) == before


def test_demo_load_opens_two_citizen_accounts_that_sign_in_and_see_their_careers(
    app, client_request
):
    from tests.builders import sign_in

    result = app.test_cli_runner().invoke(demo_cli, ["load"])
    assert result.exit_code == 0, result.output
    shown = dict(
        line.removeprefix("Cont demonstrativ (cetățean): ").split(" / parola ")
        for line in result.output.splitlines()
        if line.startswith("Cont demonstrativ (cetățean): ")
    )
    assert set(shown) == {"maria.popescu@example.ro", "elena.ionescu@example.ro"}
    again = app.test_cli_runner().invoke(demo_cli, ["load"])
    assert shown["maria.popescu@example.ro"] not in again.output  # a fresh password each load
    password = again.output.split("maria.popescu@example.ro / parola ")[1].split()[0]
    sign_in(client_request, "maria.popescu@example.ro", password)
    page = client_request.get_page("/contul-meu/cariera/persoana/1")
    assert page.h1.get_text(strip=True) == "Cariera de asigurat: Popescu Ștefan"
