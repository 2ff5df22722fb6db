"""The county counter (/ghiseu) and the staff command line, through the checking test client.

Staff are created with the real command and signed in by putting them in the Flask-Login session,
so these tests do not depend on the sign-in page.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from domain import ro
from tests import builders
from tests.builders import CLI_STAFF_PASSWORD as PASSWORD
from tests.builders import (
    add_request,
    answers_for,
    as_staff,
    create_staff,
    emails_to,
    error_summary,
    find,
    page_token,
    post_action,
    register_data,
    run_staff,
    sign_in_session,
    stored,
    submit_request,
)
from tests.page_checks import PageClient, soup
from webapp.auth.passwords import hash_password
from webapp.models import AccountRequest, AuditEvent, CitizenAccount, StaffMember

ROOT = Path(__file__).resolve().parents[3]
PERSON = {
    "kind": "natural",
    "last_name": "Țărănescu",
    "first_name": "Ion",
    "cnp": "1800101123469",
    "legal_basis": "procura",
    "document_number": "1234",
    "document_date": "2024-01-10",
}


# The command line ------------------------------------------------------------------------------


def test_cli_creates_a_clerk_and_a_supervisor(app):
    clerk = create_staff(app, "Ana.Pop@CJPCluj.ro", "CJ")
    assert clerk.email == "ana.pop@cjpcluj.ro"
    assert clerk.county_code == "CJ" and clerk.role == "clerk" and clerk.active
    assert clerk.password_hash.startswith("scrypt:") and PASSWORD not in clerk.password_hash
    boss = create_staff(app, "sef@cmbp.ro", "b", "supervisor")
    assert boss.county_code == "B" and boss.role == "supervisor"


def test_cli_output_is_romanian_and_never_shows_the_password(app):
    result = run_staff(app, "create", "ion@cjpiasi.ro", "--county", "IS", "--password-stdin")
    assert result.exit_code == 0
    assert "a fost creat" in result.output and "Iași" in result.output
    assert PASSWORD not in result.output


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("scurt1A", "cel puțin 8 caractere"),
        ("faramajuscule1", "cel puțin o literă mare"),
        ("FaraCifreDeloc", "cel puțin o cifră"),
        ("Password1", "printre cele mai folosite"),
        ("", "Parola lipsește"),
    ],
)
def test_cli_refuses_a_weak_password(app, password, message):
    args = ["create", "slab@cjpcluj.ro", "--county", "CJ", "--password-stdin"]
    result = run_staff(app, *args, password=password)
    assert result.exit_code != 0
    assert message in result.output and "Eroare:" in result.output
    assert not stored(app, StaffMember)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["create", "x@cjpcluj.ro", "--county", "XX", "--password-stdin"],
            "Codul de județ „XX” nu există",
        ),
        (["create", "x@cjpcluj.ro", "--county", "Cluj", "--password-stdin"], "nu există"),
        (["create", "nu-e-adresa", "--county", "CJ", "--password-stdin"], "nu este validă"),
        (
            ["create", "x@cjpcluj.ro", "--county", "CJ", "--role", "admin", "--password-stdin"],
            "Rolul „admin” nu există",
        ),
    ],
)
def test_cli_refuses_a_bad_county_email_or_role(app, args, message):
    result = run_staff(app, *args)
    assert result.exit_code != 0
    assert message in result.output
    assert not stored(app, StaffMember)


def test_cli_refuses_a_second_account_with_the_same_email(app):
    create_staff(app, "dublu@cjpcluj.ro")
    result = run_staff(app, "create", "DUBLU@cjpcluj.ro", "--county", "IS", "--password-stdin")
    assert result.exit_code != 0 and "Există deja" in result.output


def test_cli_refuses_the_email_of_a_citizen_account(app):
    add_request(app)
    session = app.extensions["db_sessionmaker"]()
    request = session.execute(select(AccountRequest)).scalar_one()
    session.add(CitizenAccount(email=request.email, request_id=request.id))
    session.commit()
    email = request.email
    session.close()
    result = run_staff(app, "create", email, "--county", "CJ", "--password-stdin")
    assert result.exit_code != 0 and "cont online al unui cetățean" in result.output


def test_cli_deactivates_and_the_session_no_longer_works(app):
    client, member = as_staff(app)
    client.get("/ghiseu/", expected_status=200)
    result = run_staff(app, "deactivate", member.email)
    assert result.exit_code == 0 and "dezactivat" in result.output
    assert not stored(app, StaffMember, StaffMember.id == member.id)[0].active
    response = client.get("/ghiseu/", expected_status=302)
    assert "/autentificare" in response.headers["Location"]
    unknown = run_staff(app, "deactivate", "nimeni@cjpcluj.ro")
    assert unknown.exit_code != 0 and "Nu există" in unknown.output


# Finding a request -----------------------------------------------------------------------------


def test_find_by_reference_as_typed_or_as_a_scanner_types_it(app):
    client, _ = as_staff(app)
    reference = add_request(app)
    year, number = reference.split("-")[1:]
    typed = [
        reference,
        reference.lower(),
        f"cc{year}{number}",
        f"  CC {year} {number} ",
        f"CC/{year}/{number}",
        f"{reference}\n",
    ]
    for text in typed:
        response = find(client, text, expected_status=303)
        assert response.headers["Location"] == f"/ghiseu/cerere/{reference}", text
    # A link typed by hand in lowercase works too.
    client.get(f"/ghiseu/cerere/{reference.lower()}", expected_status=200)


def test_unknown_or_malformed_reference_says_what_to_do(app):
    client, _ = as_staff(app)
    response = find(client, "CC-2026-999999", expected_status=200)
    assert "Nu există nicio cerere cu numărul de referință CC-2026-999999" in error_summary(
        response
    )
    assert soup(response).title.get_text().startswith("Eroare: ")
    assert soup(response).find("input", id="q")["value"] == "CC-2026-999999"
    response = find(client, "ABC", expected_status=200)
    assert "CNP-ul de 13 cifre" in error_summary(response)


def test_find_by_cnp_lists_its_requests_and_is_audited(app):
    client, member = as_staff(app)
    reference = add_request(app, 7)
    cnp = answers_for(7)["cnp"]
    page = soup(find(client, f" {cnp} ", expected_status=200))
    assert page.find("a", href=f"/ghiseu/cerere/{reference}")
    # Exact: a CNP that differs in one digit finds nothing.
    other = cnp[:-1] + str((int(cnp[-1]) + 1) % 10)
    page = soup(find(client, other, expected_status=200))
    assert "Nu există nicio cerere cu acest CNP" in page.get_text(" ")
    searches = stored(app, AuditEvent, AuditEvent.action == "search")
    assert [(e.staff_id, e.details) for e in searches] == [
        (member.id, {"cnp": cnp, "results": 1}),
        (member.id, {"cnp": other, "results": 0}),
    ]


def test_queue_lists_own_county_first_and_filters_by_status(app):
    client, _ = as_staff(app, county="IS")
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    cluj = add_request(app, 1, "CJ", when=start)
    bucharest = add_request(app, 2, "B", when=start + dt.timedelta(hours=1))
    iasi_late = add_request(app, 3, "IS", when=start + dt.timedelta(hours=3))
    iasi_early = add_request(app, 4, "IS", when=start + dt.timedelta(hours=2))
    page = client.get_page("counter.queue")
    order = [a.get_text() for a in page.select("table a")]
    assert order == [iasi_early, iasi_late, cluj, bucharest]
    assert page.find("select", id="stare").find("option", selected=True)["value"] == "deschise"

    session = app.extensions["db_sessionmaker"]()
    session.execute(
        AccountRequest.__table__.update()
        .where(AccountRequest.reference == cluj)
        .values(status="rejected", rejection_reason="test")
    )
    session.commit()
    session.close()
    open_page = client.get_page("counter.queue", stare="deschise")
    assert cluj not in open_page.get_text(" ")
    rejected = client.get_page("counter.queue", stare="rejected")
    assert [a.get_text() for a in rejected.select("table a")] == [cluj]
    everything = client.get_page("counter.queue", stare="toate")
    assert len(everything.select("table tbody tr")) == 4
    response = client.get("counter.queue", stare="inventat", expected_status=200)
    assert "Alegeți starea din listă" in error_summary(response)


def test_queue_is_paginated(app):
    client, _ = as_staff(app)
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    for index in range(1, 28):
        add_request(app, index, when=start + dt.timedelta(minutes=index))
    first = client.get_page("/ghiseu/")
    assert len(first.select("table tbody tr")) == 25
    assert "Pagina 1 din 2" in first.get_text(" ")
    assert "27 de cereri" in first.get_text(" ")
    second = client.get_page(first.find("a", rel="next")["href"])
    assert len(second.select("table tbody tr")) == 2
    assert second.title.get_text().startswith("Cereri de cont online – pagina 2")


def test_queue_fragment_for_htmx(app):
    client, _ = as_staff(app)
    add_request(app)
    response = client.get("counter.queue", headers={"HX-Request": "true"}, expected_status=200)
    html = response.get_data(as_text=True)
    assert html.startswith("<title>Cereri de cont online")
    assert "staff-nav" not in html
    assert "HX-Request" in response.headers["Vary"]


# The request page and its actions ---------------------------------------------------------------


def test_request_page_shows_the_data_the_printout_and_the_checklist(app):
    citizen = PageClient(app.test_client())
    persons = builders.natural_person(0) | builders.legal_person(0)
    reference = submit_request(citizen, persons).headers["Location"].rsplit("/", 1)[1]
    client, _ = as_staff(app)
    page = client.get_page("counter.request_page", reference=reference)
    text = page.get_text(" ")
    assert page.h1.get_text() == f"Cererea {reference}"
    for expected in (
        "Țărănescu",
        builders.APPLICANT_CNP,
        "Carte de identitate",
        "Strada Avram Iancu",
        "ana.taranescu@example.ro",
        "Asociația Pensionarilor Șoimii",
        "Trimisă, neînregistrată",
    ):
        assert expected in text, expected
    assert len(page.find_all(class_="summary-card")) == 6
    links = {a["href"] for a in page.find_all("a", href=True)}
    assert {
        f"/ghiseu/cerere/{reference}.pdf",
        f"/ghiseu/cerere/{reference}.docx",
        f"/ghiseu/cerere/{reference}/tiparire",
    } <= links
    # The identity document is prefilled from the request; one box per administered person.
    assert page.find("input", id="id_type-0").has_attr("checked")
    assert page.find("input", id="id_series")["value"] == "CJ"
    assert page.find("input", id="id_number")["value"] == "123456"
    boxes = page.find_all("input", attrs={"name": "persons_seen"})
    assert len(boxes) == 2
    assert (
        "procura notarială, nr. 1234 din 10.01.2024"
        in page.find("label", attrs={"for": boxes[0]["id"]}).get_text()
    )
    assert page.find("input", id="registered_on")["value"] == ro.today().strftime("%d.%m.%Y")
    # Nothing to approve or re-send before registration.
    assert not page.find("form", action=f"/ghiseu/cerere/{reference}/aprobare")
    assert not page.find("form", action=f"/ghiseu/cerere/{reference}/retrimitere-activare")


def test_staff_reprint_the_request(app):
    client, _ = as_staff(app)
    reference = add_request(app, persons=[PERSON])
    counter = client.within("counter")
    pdf = counter.get(".download", reference=reference, extension="pdf", expected_status=200)
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert f'filename="cerere-cont-{reference}.pdf"' in pdf.headers["Content-Disposition"]
    docx = counter.get(".download", reference=reference, extension="docx", expected_status=200)
    assert docx.data.startswith(b"PK")
    html = counter.get(".print_view", reference=reference, expected_status=200)
    assert reference in html.get_data(as_text=True)
    assert f"/ghiseu/cerere/{reference}" in html.get_data(as_text=True)
    prints = stored(app, AuditEvent, AuditEvent.action == "print")
    assert sorted(event.details["format"] for event in prints) == ["docx", "html", "pdf"]


def test_registration_needs_the_documents_seen_and_a_number(app):
    client, _ = as_staff(app)
    reference = add_request(app, persons=[PERSON])
    response = post_action(
        client,
        reference,
        "inregistrare",
        expected_status=200,
        **register_data(id_seen=None, registration_number="", id_series="C1"),
    )
    summary = error_summary(response)
    assert "Confirmați că ați văzut actul de identitate" in summary
    assert "Bifați fiecare document justificativ" in summary
    assert "Introduceți numărul de înregistrare" in summary
    assert "Seria cărții de identitate are două litere" in summary
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    links = [a["href"] for a in page.select(".error-summary a")]
    assert {"#id_seen", "#persons_seen", "#registration_number", "#id_series"} <= set(links)
    assert page.find("input", id="persons_seen")
    # What was typed stays.
    assert page.find("input", id="id_series")["value"] == "C1"
    assert stored(app, AccountRequest)[0].status == "submitted"

    future = (ro.today() + dt.timedelta(days=2)).strftime("%d.%m.%Y")
    response = post_action(
        client,
        reference,
        "inregistrare",
        expected_status=200,
        **register_data(persons_seen="0", registered_on=future),
    )
    assert "Data înregistrării nu poate fi în viitor" in error_summary(response)


def test_register_then_approve_queues_the_activation_email(app):
    client, member = as_staff(app, county="IS")
    reference = add_request(app, persons=[PERSON])
    response = post_action(
        client,
        reference,
        "inregistrare",
        expected_status=303,
        **register_data(id_type="CIE", id_series="", id_number="AB12345", persons_seen="0"),
    )
    assert response.headers["Location"] == f"/ghiseu/cerere/{reference}?rezultat=inregistrata"
    page = client.get_page(response.headers["Location"])
    assert "Cererea a fost înregistrată" in page.find(role="status").get_text()
    assert "nr. 12345/2026" in page.get_text(
        " "
    ) and "Casa Județeană de Pensii Iași" in page.get_text(" ")
    request = stored(app, AccountRequest)[0]
    assert request.status == "registered"
    assert request.registered_county == "IS" and request.registered_by_id == member.id
    assert request.registration_number == "12345/2026"
    assert request.checklist["identity_document"] == {
        "type": "CIE",
        "series": "",
        "number": "AB12345",
        "seen": True,
    }
    assert request.checklist["persons"][0]["seen"] is True
    assert not page.find("form", action=f"/ghiseu/cerere/{reference}/inregistrare")

    # Four eyes: a colleague of the same county approves.
    colleague, _ = as_staff(app, email="coleg@cjpiasi.ro", county="IS")
    response = post_action(colleague, reference, "aprobare", expected_status=303)
    page = colleague.get_page(response.headers["Location"])
    banner = page.find(role="status").get_text()
    assert "Cererea a fost aprobată" in banner and "valabilă 72 de ore" in banner
    assert stored(app, AccountRequest)[0].status == "approved"
    account = stored(app, CitizenAccount)[0]
    assert account.email == request.email and account.password_hash is None
    # Approved, no password yet: the page offers a new activation email.
    assert page.find("form", action=f"/ghiseu/cerere/{reference}/retrimitere-activare")

    emails = emails_to(app, request.email)
    assert [email.template for email in emails] == ["submitted", "registered", "activation"]
    assert "/cont/activare/" in emails[2].text_body and reference in emails[2].text_body


def test_double_approval_is_refused_in_romanian(app):
    client, _ = as_staff(app)
    reference = add_request(app)
    post_action(client, reference, "inregistrare", expected_status=303, **register_data())
    one, _ = as_staff(app, email="unu@cjpcluj.ro")
    two, _ = as_staff(app, email="doi@cjpcluj.ro")
    first_token = page_token(one, f"/ghiseu/cerere/{reference}")
    second_token = page_token(two, f"/ghiseu/cerere/{reference}")
    # Two clerks with the page open: both press "Aprobați".
    first = one.post(f"/ghiseu/cerere/{reference}/aprobare", data={"csrf_token": first_token})
    second = two.post(
        f"/ghiseu/cerere/{reference}/aprobare",
        data={"csrf_token": second_token},
        expected_status=200,
    )
    assert first.status_code == 303
    assert "Doar o cerere înregistrată și nesoluționată poate fi aprobată." in error_summary(second)
    assert soup(second).title.get_text().startswith("Eroare: ")
    assert len(stored(app, CitizenAccount)) == 1
    assert [e.action for e in stored(app, AuditEvent, AuditEvent.action == "approve")] == [
        "approve"
    ]
    # Registering again is refused the same way.
    again = post_action(client, reference, "inregistrare", expected_status=200, **register_data())
    assert "Cererea a fost deja înregistrată sau soluționată." in error_summary(again)


def test_reject_needs_the_confirmation_ticked(app):
    """m11: "Respingeți cererea" sits under "Înregistrați": it needs a deliberate tick, JS off."""
    client, _ = as_staff(app)
    reference = add_request(app)
    page = client.get_page("counter.request_page", reference=reference)
    form = page.find("form", action=re.compile(r"/respingere$"))
    assert form.find("input", type="checkbox", id="confirmed")
    assert form.find("label", attrs={"for": "confirmed"}).get_text() == "Confirm că resping cererea"
    response = post_action(
        client, reference, "respingere", expected_status=200, reason="Lipsă act.", confirmed=""
    )
    assert "Bifați „Confirm că resping cererea”" in error_summary(response)
    assert stored(app, AccountRequest)[0].status == "submitted"
    assert "Lipsă act." in soup(response).find("textarea", id="reason").get_text()


def test_reject_needs_a_reason_and_the_citizen_gets_it_by_email(app):
    client, _ = as_staff(app)
    reference = add_request(app)
    response = post_action(client, reference, "respingere", expected_status=200, reason="   ")
    assert "Scrieți motivul respingerii" in error_summary(response)
    assert soup(response).find("textarea", id="reason")["aria-invalid"] == "true"
    assert stored(app, AccountRequest)[0].status == "submitted"

    reason = "Procura nu a fost prezentată în original. Reveniți cu procura."
    response = post_action(client, reference, "respingere", expected_status=303, reason=reason)
    page = client.get_page(response.headers["Location"])
    assert "Cererea a fost respinsă" in page.find(role="status").get_text()
    assert reason in page.get_text(" ")
    request = stored(app, AccountRequest)[0]
    assert request.status == "rejected" and request.rejection_reason == reason
    # A decided request offers no more actions.
    assert not page.select("main form")
    again = post_action(client, reference, "respingere", expected_status=200, reason="Din nou")
    assert "Cererea a fost deja soluționată." in error_summary(again)

    emails = emails_to(app, request.email)
    assert [email.template for email in emails] == ["submitted", "rejection"]
    assert reason in emails[1].text_body
    assert "/cont/" in emails[1].text_body  # where to make a new request


def test_resend_activation_only_while_the_account_has_no_password(app):
    registrar, _ = as_staff(app, email="registratura@cjpcluj.ro")
    client, _ = as_staff(app)
    reference = add_request(app)
    post_action(registrar, reference, "inregistrare", expected_status=303, **register_data())
    post_action(client, reference, "aprobare", expected_status=303)
    response = post_action(client, reference, "retrimitere-activare", expected_status=303)
    page = client.get_page(response.headers["Location"])
    assert "Am trimis din nou e-mailul de activare" in page.find(role="status").get_text()
    token = page_token(client, f"/ghiseu/cerere/{reference}")

    session = app.extensions["db_sessionmaker"]()
    account = session.execute(select(CitizenAccount)).scalar_one()
    account.password_hash = hash_password("Pensie2026!")
    session.commit()
    session.close()
    page = client.get_page(f"/ghiseu/cerere/{reference}")
    assert not page.find("form", action=f"/ghiseu/cerere/{reference}/retrimitere-activare")
    assert "activ" in page.get_text(" ")
    refused = client.post(
        f"/ghiseu/cerere/{reference}/retrimitere-activare",
        data={"csrf_token": token},
        expected_status=200,
    )
    assert "Contul este deja activ" in error_summary(refused)

    email = stored(app, AccountRequest)[0].email
    emails = emails_to(app, email)
    assert [e.template for e in emails] == [
        "submitted",
        "registered",
        "activation",
        "activation_resent",
    ]
    assert "/cont/activare/" in emails[3].text_body


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "0 cereri"),
        (1, "1 cerere"),
        (19, "19 cereri"),
        (20, "20 de cereri"),
        (101, "101 cereri"),
        (120, "120 de cereri"),
        (200, "200 de cereri"),
    ],
)
def test_counts_read_as_romanian(number, expected):
    assert ro.count(number, "cerere", "cereri") == expected


def test_unknown_reference_is_404(app):
    client, _ = as_staff(app)
    client.get("/ghiseu/cerere/CC-2026-999999", expected_status=404)
    client.get("/ghiseu/cerere/nimic", expected_status=404)
    client.get("/ghiseu/cerere/CC-2026-999999.pdf", expected_status=404)


# Who may see the counter -----------------------------------------------------------------------


def counter_urls(app, reference):
    """Every /ghiseu route with its methods, filled in with a real request."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] != "counter":
            continue
        values = {"reference": reference, "extension": "pdf"}
        url = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, url, rule.endpoint


def call(client, method, url, token):
    if method == "GET":
        return client.client.get(url)
    return client.client.post(url, data={"csrf_token": token})


def test_every_counter_route_sends_anonymous_people_to_sign_in(app):
    reference = add_request(app)
    client = PageClient(app.test_client())
    token = page_token(client, "/cont/cerere")
    routes = list(counter_urls(app, reference))
    assert len(routes) >= 10
    for method, url, _ in routes:
        response = call(client, method, url, token)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response.headers["Location"].startswith("/autentificare"), url
    assert not stored(app, AuditEvent)


def test_every_counter_route_refuses_citizens(app):
    reference = add_request(app)
    session = app.extensions["db_sessionmaker"]()
    request = session.execute(select(AccountRequest)).scalar_one()
    account = CitizenAccount(
        email=request.email, request_id=request.id, password_hash=hash_password("Pensie2026!")
    )
    session.add(account)
    session.commit()
    session.close()
    client = PageClient(app.test_client())
    sign_in_session(app, client, account)
    token = page_token(client, "/cont/cerere")
    for method, url, _ in counter_urls(app, reference):
        response = call(client, method, url, token)
        assert response.status_code == 403, (method, url, response.status_code)
        assert reference not in response.get_data(as_text=True), url
    assert not stored(app, AuditEvent)


def test_clerks_cannot_read_the_audit_log_and_supervisors_can(app):
    clerk, _ = as_staff(app)
    refused = clerk.get_page("/ghiseu/jurnal", expected_status=403)
    # m11: the clerk is told why, not given the general "only the person who sent it" text.
    text = refused.get_text(" ")
    assert "doar un supervizor al casei de pensii" in text and "cereți-i supervizorului" in text
    assert "persoanei care a trimis cererea" not in text
    assert not clerk.get_page("/ghiseu/").find("a", href="/ghiseu/jurnal")
    boss, _ = as_staff(app, email="sef@cjpcluj.ro", role="supervisor")
    boss.get("/ghiseu/jurnal", expected_status=200)
    assert boss.get_page("/ghiseu/").find("a", href="/ghiseu/jurnal")


def test_no_public_page_links_to_the_counter(app, client_request):
    for url in ("/", "/cont/"):
        page = client_request.get_page(url)
        assert not [a for a in page.find_all("a", href=True) if a["href"].startswith("/ghiseu")]


# The audit log --------------------------------------------------------------------------------


def test_every_staff_action_is_in_the_audit_log(app):
    clerk_client, clerk = as_staff(app, email="functionar@cjpcluj.ro", county="CJ")
    colleague_client, colleague = as_staff(app, email="coleg@cjpcluj.ro", county="CJ")
    boss_client, boss = as_staff(app, email="sef@cjpiasi.ro", county="IS", role="supervisor")
    approved_ref = add_request(app, 1, persons=[PERSON])
    rejected_ref = add_request(app, 2)
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)

    clerk_client.get(f"/ghiseu/cerere/{approved_ref}.pdf", expected_status=200)
    find(clerk_client, answers_for(1)["cnp"], expected_status=200)
    post_action(
        clerk_client,
        approved_ref,
        "inregistrare",
        expected_status=303,
        **register_data(persons_seen="0"),
    )
    post_action(colleague_client, approved_ref, "aprobare", expected_status=303)
    post_action(clerk_client, approved_ref, "retrimitere-activare", expected_status=303)
    post_action(boss_client, rejected_ref, "respingere", expected_status=303, reason="Act expirat.")
    after = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)

    events = stored(app, AuditEvent)
    by_action = {}
    for event in events:
        by_action.setdefault(event.action, []).append(event)
    assert set(by_action) == {
        "view",
        "print",
        "search",
        "register",
        "approve",
        "resend_activation",
        "reject",
    }
    request_ids = {r.reference: r.id for r in stored(app, AccountRequest)}
    for event in events:
        assert event.remote_addr == "127.0.0.1"
        at = event.at if event.at.tzinfo else event.at.replace(tzinfo=dt.UTC)
        assert before <= at <= after
        if event.action != "search":
            assert event.request_id in request_ids.values()
    for action in ("print", "search", "register", "resend_activation"):
        assert {e.staff_id for e in by_action[action]} == {clerk.id}, action
    assert {e.staff_id for e in by_action["approve"]} == {colleague.id}
    assert by_action["approve"][0].details == {}
    assert by_action["reject"][0].staff_id == boss.id
    assert by_action["reject"][0].request_id == request_ids[rejected_ref]
    assert by_action["reject"][0].details == {"reason": "Act expirat."}
    assert by_action["register"][0].details["registration_number"] == "12345/2026"

    # The supervisor reads all of it, newest first, with who, what, which request, when, where from.
    page = boss_client.get_page("/ghiseu/jurnal")
    rows = page.select("table tbody tr")
    assert len(rows) == len(stored(app, AuditEvent))  # opening the log is not itself an event
    first_cells = [cell.get_text(" ", strip=True) for cell in rows[0].find_all("td")]
    assert first_cells[1] == "sef@cjpiasi.ro"
    assert first_cells[2] == "A respins cererea"
    assert first_cells[3] == rejected_ref and first_cells[4] == "127.0.0.1"
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}, \d\d:\d\d", first_cells[0])
    text = page.get_text(" ")
    for label in (
        "A tipărit cererea",
        "A căutat după CNP",
        "A înregistrat cererea",
        "A aprobat cererea",
        "A retrimis e-mailul de activare",
        "A respins cererea",
        "motivul: Act expirat.",
    ):
        assert label in text, label


def test_audit_log_filters(app):
    clerk_client, _ = as_staff(app, email="functionar@cjpcluj.ro")
    boss_client, _ = as_staff(app, email="sef@cjpcluj.ro", role="supervisor")
    first = add_request(app, 1)
    second = add_request(app, 2)
    clerk_client.get(f"/ghiseu/cerere/{first}", expected_status=200)
    boss_client.get(f"/ghiseu/cerere/{second}", expected_status=200)
    post_action(clerk_client, first, "respingere", expected_status=303, reason="Lipsă act.")

    def rows(**filters):
        page = boss_client.get_page("/ghiseu/jurnal", query_string=filters)
        return [
            [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            for row in page.select("table tbody tr")
        ]

    assert {row[1] for row in rows(email="FUNCTIONAR")} == {"functionar@cjpcluj.ro"}
    assert [row[2] for row in rows(action="reject")] == ["A respins cererea"]
    assert {row[3] for row in rows(reference=second.lower().replace("-", ""))} == {second}
    today = ro.today().strftime("%d.%m.%Y")
    assert len(rows(date_from=today, date_to=today)) == len(stored(app, AuditEvent))
    assert rows(date_to="01.01.2020") == []
    response = boss_client.get(
        "/ghiseu/jurnal",
        query_string={"date_from": "05.05.2026", "date_to": "01.05.2026"},
        expected_status=200,
    )
    assert "„Până la data” trebuie să fie după „De la data”" in error_summary(response)
    response = boss_client.get(
        "/ghiseu/jurnal", query_string={"reference": "CC-1"}, expected_status=200
    )
    assert "Scrieți numărul de referință întreg" in error_summary(response)


def test_audit_log_is_paginated_newest_first(app):
    boss_client, boss = as_staff(app, role="supervisor")
    reference = add_request(app)
    session = app.extensions["db_sessionmaker"]()
    request_id = session.execute(select(AccountRequest.id)).scalar_one()
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    for minute in range(55):
        session.add(
            AuditEvent(
                staff_id=boss.id,
                action="view",
                request_id=request_id,
                remote_addr=f"10.0.0.{minute}",
                at=start + dt.timedelta(minutes=minute),
            )
        )
    session.commit()
    session.close()
    page = boss_client.get_page("/ghiseu/jurnal", query_string={"action": "view", "_external": "1"})
    rows = page.select("table tbody tr")
    next_link = page.find("a", rel="next")["href"]
    assert next_link.startswith("/ghiseu/jurnal?") and "action=view" in next_link
    assert "_external" not in next_link
    assert len(rows) == 50 and "10.0.0.54" in rows[0].get_text() and reference in rows[0].get_text()
    second = boss_client.get_page(page.find("a", rel="next")["href"])
    assert [row.find_all("td")[4].get_text() for row in second.select("table tbody tr")] == [
        f"10.0.0.{n}" for n in range(4, -1, -1)
    ]


def test_nothing_on_the_site_can_change_the_audit_log(app):
    counter_rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("counter.")]
    log_rules = [r for r in counter_rules if r.endpoint == "counter.audit_log"]
    assert log_rules and all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in log_rules)
    # The only writing routes of the counter are the actions and the search (a POST so that no
    # CNP is in a URL), which add events through the services and never change one; nowhere on
    # the site is there a PUT, PATCH or DELETE.
    writing = {r.endpoint for r in counter_rules if r.methods & {"POST", "PUT", "PATCH", "DELETE"}}
    assert writing == {
        "counter.search",
        "counter.register",
        "counter.approve",
        "counter.reject",
        "counter.release",
        "counter.correct_email",
        "counter.resend_activation",
    }
    for rule in app.url_map.iter_rules():
        assert not rule.methods & {"PUT", "PATCH", "DELETE"}, rule
        assert "audit" not in rule.rule and not (
            "jurnal" in rule.rule and rule.methods - {"GET", "HEAD", "OPTIONS"}
        ), rule
    # And no code updates or deletes an audit row.
    pattern = re.compile(
        r"(update|delete)\(\s*AuditEvent\b|AuditEvent\.__table__\.(update|delete)"
        r"|(update|delete\s+from)\s+\W?audit_events",
        re.IGNORECASE,
    )
    offenders = [
        path.relative_to(ROOT)
        for path in (ROOT / "webapp").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_posting_to_the_audit_log_is_not_allowed(app):
    boss_client, _ = as_staff(app, role="supervisor")
    token = page_token(boss_client, "/ghiseu/")
    boss_client.post("/ghiseu/jurnal", data={"csrf_token": token}, expected_status=405)
