"""/contul-meu/cariera: the holder's record at a glance and year by year, the estimate link, the
page without a record, and the persons administered (verified ones only; anything else a 404)."""

import datetime as dt
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.builders import (
    approved,
    career_months,
    career_record,
    give_persons,
    legal_person_row,
    make_staff,
    natural_person_row,
    sign_in_session,
)
from webapp.auth.passwords import hash_password
from webapp.models import AccountRequest, CitizenAccount

PERSON_CNP = "1800101123469"  # natural_person_row's: a man born 1 January 1980
UNSEEN_CNP = "2900101123454"
PASSWORD_HASH = hash_password("Pensie2026!")


def session_of(app):
    return app.extensions["db_sessionmaker"]()


def holder(app, client_request, index=1, persons=(), seen=()):
    """An approved, signed-in account; `persons` stored on its request, `seen` the indexes
    whose documents the counter checked."""
    request, account, _ = approved(app, index)
    give_persons(app, request.id, persons, seen)
    session = session_of(app)
    session.get(CitizenAccount, account.id).password_hash = PASSWORD_HASH
    session.commit()
    session.close()
    sign_in_session(app, client_request, account)
    return request


def natural(cnp_value, first_name="Ion"):
    return {"kind": "natural", **natural_person_row(cnp=cnp_value, first_name=first_name)}


def legal():
    return {"kind": "legal", **legal_person_row()}


def add_career(app, cnp_value, **parts):
    session = session_of(app)
    career_record(session, cnp_value, **parts)
    session.close()


def test_summary_chart_years_and_the_estimate_link(app, client_request):
    request = holder(app, client_request)
    add_career(
        app,
        request.cnp,
        months=career_months((2019, 1), (2021, 12)) + career_months((2023, 1), (2026, 10)),
        work_book=[
            (
                "Fabrica de Confecții",
                dt.date(1981, 9, 1),
                dt.date(1990, 12, 31),
                "croitoreasă",
                2600,
                "net",
            ),
            ("SC Textila SA", dt.date(1991, 1, 1), dt.date(2001, 3, 31), "maistru", 150000),
        ],
        decided=[(1995, "1.1", "Decizia 12/2020")],
    )
    page = client_request.get_page("career.mine")
    text = page.get_text(" ", strip=True)
    assert "Date actualizate la 31.10.2026" in text
    summary = {
        row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
        for row in page.select(".summary-row")
    }
    assert summary["Stagiu de cotizare"].startswith("26 de ani")
    assert summary["Vârsta standard de pensionare"].startswith(
        "61 de ani și 1 lună, la 14.06.2019 (art. 47, anexa nr. 5)"
    )
    assert summary["Stagiu complet cerut"].startswith(
        "31 de ani și 1 lună; mai sunt necesari 4 ani"
    )
    assert summary["Puncte până acum"].split(",")[0].isdigit()
    svg = page.find("svg")
    assert svg["role"] == "img" and svg["aria-describedby"] == "years"
    assert svg.find("title").get_text().startswith("Punctajul pe ani, 1981–2026")
    rows = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in page.select("#years tbody tr")
    }
    assert rows["2022"] == ["nicio contribuție declarată"]
    assert rows["1995"][2].startswith("1,10000 (Decizia 12/2020)")
    assert rows["1996"][2] == "de stabilit"
    assert "salariul mediu anual din anexa nr. 7" in rows["1985"][3]
    assert "art. 143" in rows["1985"][3]
    assert "CSMB" in rows["2025"][3] and "art. 85 alin. (7)" in rows["2025"][3]
    assert "INS" in rows["2020"][3] and "art. 142 alin. (1)" in rows["2020"][3]
    assert page.find(id="corectura").get_text().count("ghișeul") == 1
    link = page.find("a", string=lambda s: s and "Estimați pensia din cariera mea" in s)
    address = urlsplit(link["href"])
    assert address.path == "/pensie/calcul"
    query = parse_qsl(address.query)
    assert ("sex", "F") in query and ("birth_date", "14.05.1958") in query
    assert ("income", "2025 5000") in query and ("points", "1.10000") in query
    assert not any(value.startswith("1996") for name, value in query if name == "income")
    result = client_request.get_page(link["href"])
    assert not result.select(".error-summary")
    lines = result.select_one(".lines").get_text(" ", strip=True)
    # The calculator applies the same rules: the page's 1985 points are its 1985 line's.
    assert rows["1985"][2] in lines and "Punctaj anual 1985" in lines


def test_page_is_htmx_free_and_linked_from_the_account(app, client_request):
    request = holder(app, client_request)
    add_career(app, request.cnp, months=career_months((2024, 1), (2024, 12)))
    account = client_request.get_page("my_account.index")
    assert account.find("a", href="/contul-meu/cariera/")
    assert "vor fi disponibile" not in account.find("a", href="/contul-meu/cariera/").parent.text
    body = client_request.get("/contul-meu/cariera/").get_data(as_text=True)
    assert "hx-" not in body and "<script" not in body.split("</main>")[0].split("<main")[1]


def test_no_record_says_so_and_what_to_do(app, client_request):
    holder(app, client_request)
    page = client_request.get_page("career.mine")
    text = page.get_text(" ", strip=True)
    assert "Nu avem încă datele de carieră pentru dumneavoastră" in text
    assert "adeverință de stagiu" in text
    assert not page.find("svg") and not page.find(id="years")


def test_a_verified_administered_person_has_the_same_page(app, client_request):
    holder(
        app,
        client_request,
        persons=[natural(PERSON_CNP), natural(UNSEEN_CNP, "Maria"), legal()],
        seen={0, 2},
    )
    add_career(app, PERSON_CNP, months=career_months((2020, 1), (2025, 12)))
    own = client_request.get_page("career.mine")
    links = [a["href"] for a in own.select("h2 + ul a")]
    assert links == ["/contul-meu/cariera/persoana/1"]
    page = client_request.get_page("career.person", number=1)
    assert page.h1.get_text(strip=True) == "Cariera de asigurat: Țărănescu Ion"
    link = page.find("a", string=lambda s: s and "Estimați pensia" in s)
    query = parse_qsl(urlsplit(link["href"]).query)
    assert ("birth_date", "01.01.1980") in query and ("sex", "M") in query
    assert "Stagiu de cotizare" in page.get_text()


@pytest.mark.parametrize("number", [2, 3, 4, 0, 99])
def test_unverified_legal_or_unknown_persons_are_404(app, client_request, number):
    holder(
        app,
        client_request,
        persons=[natural(PERSON_CNP), natural(UNSEEN_CNP, "Maria"), legal()],
        seen={0, 2},
    )
    add_career(app, UNSEEN_CNP, months=career_months((2020, 1), (2020, 12)))
    client_request.get(f"/contul-meu/cariera/persoana/{number}", expected_status=404)


def test_another_accounts_person_is_404(app, client_request):
    holder(app, client_request, index=1)
    # A second account administers someone; the first account cannot reach them.
    request, _, _ = approved(app, 2)
    give_persons(app, request.id, [natural(PERSON_CNP)], {0})
    client_request.get("/contul-meu/cariera/persoana/1", expected_status=404)


def test_a_request_no_longer_approved_shows_no_administered_person(app, client_request):
    request = holder(app, client_request, persons=[natural(PERSON_CNP)], seen={0})
    session = session_of(app)
    stored = session.get(AccountRequest, request.id)
    stored.status = "registered"
    session.commit()
    session.close()
    client_request.get("/contul-meu/cariera/persoana/1", expected_status=404)


def test_signed_out_and_staff_cannot_open_it(app, client_request):
    client_request.get("/contul-meu/cariera/", expected_status=302)
    session = session_of(app)
    member = make_staff(session, email="ghiseu.cariera@cjp.ro")
    session.commit()
    session.close()
    sign_in_session(app, client_request, member)
    client_request.get("/contul-meu/cariera/", expected_status=403)
