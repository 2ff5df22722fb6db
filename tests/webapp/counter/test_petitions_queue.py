"""The petitions queue: the clerk's county only; open petitions by deadline, the overdue and the
near ones first and marked in words; the status and deadline filters; pages; the supervisors'
other counties and the overdue count per county."""

import datetime as dt

from domain import ro
from tests.builders import make_staff, petition, signed_in, stored
from tests.page_checks import soup
from webapp.models import AuditEvent


def clerk(app, county="CJ", role="clerk"):
    session = app.extensions["db_sessionmaker"]()
    member = make_staff(session, email=f"{role}.{county.lower()}@cjp.ro", county=county, role=role)
    session.close()
    return signed_in(app, member)


def add(app, due_in_days: int, **values) -> str:
    session = app.extensions["db_sessionmaker"]()
    made = petition(session, due_on=ro.today() + dt.timedelta(days=due_in_days), **values)
    reference = made.reference
    session.close()
    return reference


def table_rows(page):
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in page.find("table", id="petitii").tbody.find_all("tr")
    ]


def test_the_overdue_come_first_then_the_near_ones_each_marked_in_words(app):
    later = add(app, 20)
    near = add(app, 3)
    overdue = add(app, -2)
    today = add(app, 0)
    add(app, -10, county="SB")  # another county's: not in this queue
    answered = add(app, -30, status="answered")  # settled: not in the open list
    client = clerk(app)
    page = client.get_page("/ghiseu/petitii/")
    rows = table_rows(page)
    assert [row[0] for row in rows] == [overdue, today, near, later]
    assert rows[0][4].startswith("Termen depășit")
    assert "(depășit de 2 zile)" in rows[0][4]
    assert rows[1][4].startswith("Termen apropiat") and rows[1][4].endswith("(azi)")
    assert rows[2][4].startswith("Termen apropiat") and "(în 3 zile)" in rows[2][4]
    assert "Termen" not in rows[3][4]
    assert answered not in page.text
    assert (
        "Nerezolvate (înregistrate, în lucru, prelungite, redirecționate): 4 petiții." in page.text
    )
    assert stored(app, AuditEvent, AuditEvent.action == "petition_queue")[0].details == {
        "county": "CJ",
        "filter": "deschise",
        "due": "",
        "page": 1,
    }


def test_the_filters_by_status_and_by_deadline(app):
    overdue = add(app, -1)
    near = add(app, 5)
    later = add(app, 6, status="in_progress")
    answered = add(app, -3, status="answered")
    client = clerk(app)

    def references(query):
        page = client.get_page(f"/ghiseu/petitii/?{query}")
        table = page.find("table", id="petitii")
        return [row[0] for row in table_rows(page)] if table else []

    assert references("termen=depasit") == [overdue]
    assert references("termen=apropiat") == [near]
    assert references("termen=ulterior") == [later]
    assert references("stare=in_progress") == [later]
    assert references("stare=answered") == [answered]
    # All: the open ones first, by deadline; an answered petition is never marked overdue.
    assert references("stare=toate") == [overdue, near, later, answered]
    page = client.get_page("/ghiseu/petitii/?stare=answered")
    assert "Termen depășit" not in page.find("table", id="petitii").text


def test_an_unknown_filter_shows_the_default_list_with_an_error(app):
    add(app, 1)
    client = clerk(app)
    response = client.get("/ghiseu/petitii/?stare=orice&termen=ieri")
    page = soup(response)
    assert "Alegeți starea din listă." in page.find(class_="error-summary").text
    assert len(table_rows(page)) == 1


def test_the_queue_is_paginated(app):
    for days in range(27):
        add(app, days)
    client = clerk(app)
    first = client.get_page("/ghiseu/petitii/")
    assert len(table_rows(first)) == 25
    link = first.find("a", rel="next")["href"]
    assert "pagina=2" in link
    second = client.get_page(link)
    assert len(table_rows(second)) == 2
    assert second.title.text.startswith("Petiții – pagina 2")


def test_an_empty_queue_says_so(app):
    page = clerk(app).get_page("/ghiseu/petitii/")
    assert "Nu este nicio petiție în această listă." in page.text
    assert page.find("table", id="pe-judete") is None  # clerks do not get the counties' table


def test_a_clerk_cannot_choose_another_county(app):
    sibiu = add(app, 1, county="SB")
    page = clerk(app).get_page("/ghiseu/petitii/?judet=SB")
    assert sibiu not in page.text
    assert page.find("select", id="judet") is None


def test_supervisors_see_any_county_and_the_overdue_count_per_county(app):
    add(app, -1, county="SB")
    add(app, -5, county="SB")
    add(app, 2, county="SB")
    add(app, -1, county="CJ")
    add(app, -1, county="CJ", status="closed")
    sibiu = add(app, 3, county="SB")
    client = clerk(app, county="B", role="supervisor")
    page = client.get_page("/ghiseu/petitii/")
    counts = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in page.find("table", id="pe-judete").tbody.find_all("tr")
    }
    assert len(counts) == 42
    assert counts["Casa Județeană de Pensii Sibiu"] == ["4", "2"]
    assert counts["Casa Județeană de Pensii Cluj"] == ["1", "1"]
    assert counts["Casa Județeană de Pensii Alba"] == ["0", "0"]
    # Sibiu's queue, listed without links: the petitions' text stays with Sibiu's staff.
    other = client.get_page("/ghiseu/petitii/?judet=SB")
    assert other.title.text.startswith("Petiții – Casa Județeană de Pensii Sibiu")
    rows = table_rows(other)
    assert len(rows) == 4 and sibiu in [row[0] for row in rows]
    assert other.find("table", id="petitii").find("a") is None
    assert other.find("a", rel="next") is None
