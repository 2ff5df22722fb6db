"""A person is reachable only while verified and not revoked, and only from the account that
administers them: every URL that acts for a person answers 404 otherwise (the career page, the
reports page for a person, a report's download) and the reports form does not offer them."""

import datetime as dt

import pytest
from werkzeug.exceptions import NotFound

from tests.builders import (
    ADMINISTERED,
    career_record_for_reports,
    career_rows_for_reports,
    holder_of_persons,
    run_jobs,
    stored,
)
from webapp.career import access
from webapp.counter.persons import revoke
from webapp.models import AccountRequest, CareerReport, CitizenAccount

# 1 Ștefan (verified), 2 Vasile (document not seen), 3 a legal person, 4 Maria (revoked).
NOT_REACHABLE = {
    "unverified": 2,
    "legal person": 3,
    "revoked": 4,
    "zero": 0,
    "past the list": 5,
    "far out": 99,
}
PERSON_URLS = ("/contul-meu/cariera/persoana/{n}", "/contul-meu/rapoarte/?persoana={n}")


@pytest.mark.parametrize("url", PERSON_URLS)
@pytest.mark.parametrize("case", NOT_REACHABLE)
def test_a_person_not_in_force_is_404_at_every_url(app, url, case):
    client, _, _ = holder_of_persons(app, revoked=(4,))
    client.get(url.format(n=NOT_REACHABLE[case]), expected_status=404)
    client.get(url.format(n=1), expected_status=200)


@pytest.mark.parametrize("url", PERSON_URLS)
def test_another_citizens_person_is_404(app, url):
    holder_of_persons(app, index=2)
    stranger, _, _ = holder_of_persons(app, index=1, persons=[], seen=())
    for number in (1, 3):
        stranger.get(url.format(n=number), expected_status=404)


def test_a_malformed_person_is_404(app):
    client, _, _ = holder_of_persons(app)
    client.get("/contul-meu/rapoarte/?persoana=unu", expected_status=404)
    client.get("/contul-meu/rapoarte/?persoana=", expected_status=404)


def test_a_request_no_longer_approved_reaches_nobody(app):
    client, request, _ = holder_of_persons(app)
    session = app.extensions["db_sessionmaker"]()
    session.get(AccountRequest, request.id).status = "registered"
    session.commit()
    session.close()
    for url in PERSON_URLS:
        client.get(url.format(n=1), expected_status=404)


def reports_form_people(client) -> list[str]:
    page = client.get_page("reports.index")
    return [label.get_text(" ", strip=True) for label in page.select("label[for^=person-]")]


def ask(client, person: str, expected_status=303):
    token = client.csrf_token("reports.index")
    return client.post(
        "reports.ask",
        data={"csrf_token": token, "kind": "puncte_anuale", "person": person},
        expected_status=expected_status,
    )


def test_the_reports_form_offers_only_persons_in_force(app):
    client, request, _ = holder_of_persons(app, revoked=(4,))
    assert reports_form_people(client) == [
        f"Pentru dumneavoastră ({request.full_name})",
        "Pentru Popescu Ștefan",
    ]
    # A tampered choice past the offered ones (where Vasile or Maria would be) is refused.
    ask(client, "2", expected_status=400)
    assert stored(app, CareerReport) == []


def listed_reports(client) -> str:
    return client.get_page("reports.index").select_one("#lista-rapoarte").get_text(" ")


def test_a_revoked_persons_reports_leave_the_list_and_cannot_be_downloaded(app):
    client, request, _ = holder_of_persons(app)
    session = app.extensions["db_sessionmaker"]()
    career_rows_for_reports(session, career_record_for_reports(ADMINISTERED[0]["cnp"]))
    session.close()
    ask(client, "1")
    run_jobs(app)
    (report,) = stored(app, CareerReport)
    assert report.status == "ready"
    url = f"/contul-meu/rapoarte/{report.id}.pdf"
    client.get(url, expected_status=200)
    assert report.number in listed_reports(client)

    session = app.extensions["db_sessionmaker"]()
    found = session.get(AccountRequest, request.id)
    with app.test_request_context(base_url="http://localhost"):
        revoke(
            session,
            found,
            1,
            found.decided_by,
            reason="Procura a expirat.",
            remote_addr=None,
            now=dt.datetime.now(dt.UTC),
        )
    session.close()
    client.get(url, expected_status=404)
    client.get(f"/contul-meu/rapoarte/{report.id}.csv", expected_status=404)
    assert report.number not in listed_reports(client)
    client.get("/contul-meu/cariera/persoana/1", expected_status=404)


def test_a_report_asked_before_the_revocation_is_not_made_after_it(app):
    client, request, _ = holder_of_persons(app)
    ask(client, "1")
    session = app.extensions["db_sessionmaker"]()
    found = session.get(AccountRequest, request.id)
    with app.test_request_context(base_url="http://localhost"):
        revoke(
            session,
            found,
            1,
            found.decided_by,
            reason="Tutela a încetat.",
            remote_addr=None,
            now=dt.datetime.now(dt.UTC),
        )
    session.close()
    run_jobs(app)
    (report,) = stored(app, CareerReport)
    assert report.status == "failed" and report.pdf is None


def test_petitions_ask_the_same_rule_for_any_kind_of_person(app):
    # in_force_person is what a petition in a person's name checks: a legal person may petition.
    _, _, account = holder_of_persons(app, revoked=(4,))
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        holder = session.get(CitizenAccount, account.id)
        assert access.in_force_person(holder, 1, session).name == "Popescu Ștefan"
        assert access.in_force_person(holder, 3, session).kind == "legal"
        for number in (2, 4, 0, 5):
            with pytest.raises(NotFound):
                access.in_force_person(holder, number, session)
        session.close()
