"""Revoking a person administered at the counter: on the request's page, with a required reason,
by staff of the county that registered the request; audited, the holder notified in the account
and by an email with no personal data beyond names; two revocations at once give one."""

import datetime as dt

from tests.builders import (
    add_request,
    as_staff,
    emails_to,
    error_summary,
    holder_of_persons,
    page_token,
    run_together,
    stored,
)
from tests.page_checks import soup
from webapp.counter import persons as counter_persons
from webapp.models import AccountRequest, AdministeredPerson, AuditEvent, Notification

REASON = "Procura nr. 1234 a fost revocată la notar (adresa din 20.11.2026)."


def revoke_url(reference, number):
    return f"/ghiseu/cerere/{reference}/persoane/{number}/revocare"


def post_revoke(client, reference, number, reason, expected_status=None):
    token = page_token(client, f"/ghiseu/cerere/{reference}")
    return client.post(
        revoke_url(reference, number),
        data={"csrf_token": token, f"p{number}-reason": reason},
        expected_status=expected_status,
    )


def person(app, account_id, number) -> AdministeredPerson:
    (row,) = stored(
        app,
        AdministeredPerson,
        AdministeredPerson.account_id == account_id,
        AdministeredPerson.number == number,
    )
    return row


def test_the_request_page_lists_the_persons_with_a_revoke_form_for_each_in_force(app):
    _, request, _ = holder_of_persons(app, revoked=(4,))
    clerk, _ = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    page = clerk.get_page(f"/ghiseu/cerere/{request.reference}")
    forms = {form["action"] for form in page.find_all("form", action=True)}
    # 1 and 3 are verified and in force; 2 was never verified; 4 is revoked.
    revoke_forms = {a for a in forms if "/persoane/" in a}
    assert revoke_forms == {revoke_url(request.reference, 1), revoke_url(request.reference, 3)}
    text = page.select_one("#persoana-2").get_text(" ", strip=True)
    assert "neverificată" in text
    text = page.select_one("#persoana-4").get_text(" ", strip=True)
    assert "revocată la" in text and "Procura a fost revocată la notar." in text


def test_a_revocation_is_audited_notified_and_emailed_and_ends_access(app):
    holder, request, account = holder_of_persons(app)
    holder.get("/contul-meu/cariera/persoana/1", expected_status=200)
    clerk, member = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    response = post_revoke(clerk, request.reference, 1, REASON, expected_status=303)
    assert response.headers["Location"].endswith("rezultat=persoana#persoana-1")
    page = clerk.get_page(response.headers["Location"])
    assert "Împuternicirea a fost revocată" in page.select_one(".notice").get_text()

    row = person(app, account.id, 1)
    assert row.revoked_at is not None and row.revoked_by_id == member.id
    assert row.revoke_reason == REASON
    (event,) = stored(app, AuditEvent, AuditEvent.action == "person_revoked")
    assert event.staff_id == member.id and event.request_id == request.id
    assert event.details == {"person": "Popescu Ștefan", "number": 1, "reason": REASON}
    (note,) = stored(app, Notification, Notification.kind == "person_revoked")
    assert note.account_id == account.id and "Popescu Ștefan" in note.text
    (email,) = [
        e for e in emails_to(app, request.email) if e.template == "notification_person_revoked"
    ]
    assert "revocat" in email.subject
    body = email.text_body + email.html_body
    assert "/contul-meu/persoane/" in email.text_body
    # Not even the name (as every notification email): no CNP, document or reason either.
    for secret in ("Popescu Ștefan", "1800101123469", request.cnp, "1234", "notar"):
        assert secret not in body and secret not in email.subject

    holder.get("/contul-meu/cariera/persoana/1", expected_status=404)
    listed = holder.get_page("persons.index").get_text(" ", strip=True)
    assert "Revocată la" in listed and REASON in listed
    # The audit log names the action in Romanian.
    boss, _ = as_staff(app, email="sef@cjpcluj.ro", county="CJ", role="supervisor")
    log = boss.get_page("/ghiseu/jurnal").get_text(" ", strip=True)
    assert "A revocat dreptul de a acționa pentru o persoană administrată" in log


def test_the_reason_is_required_and_the_page_says_so(app):
    _, request, account = holder_of_persons(app)
    clerk, _ = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    response = post_revoke(clerk, request.reference, 1, "  ", expected_status=200)
    assert "Scrieți motivul revocării" in error_summary(response)
    page = soup(response)
    assert page.select_one("#p1-reason")["aria-invalid"] == "true"
    assert page.title.get_text().startswith("Eroare: ")
    assert person(app, account.id, 1).revoked_at is None
    assert stored(app, AuditEvent, AuditEvent.action == "person_revoked") == []


def test_only_staff_of_the_registering_county_may_revoke(app):
    _, request, account = holder_of_persons(app)
    other, member = as_staff(app, email="ion@cjpiasi.ro", county="IS")
    page = other.get_page(f"/ghiseu/cerere/{request.reference}")
    assert not [f for f in page.find_all("form", action=True) if "/persoane/" in f["action"]]
    assert "Revocarea o face un coleg de acolo" in page.select_one("#persoane").find_next("p").text
    response = post_revoke(other, request.reference, 1, REASON, expected_status=200)
    assert "Revocarea o face un coleg de acolo" in error_summary(response)
    assert person(app, account.id, 1).revoked_at is None
    # The service refuses it too, not only the page.
    session = app.extensions["db_sessionmaker"]()
    found = session.get(AccountRequest, request.id)
    with app.test_request_context(base_url="http://localhost"):
        try:
            counter_persons.revoke(
                session, found, 1, member, reason=REASON, remote_addr=None, now=_now()
            )
        except counter_persons.RevokeRefused:
            pass
        else:  # pragma: no cover - the failure this test is for
            raise AssertionError("another county's clerk revoked a person")
    session.close()


def test_an_unverified_or_unknown_person_is_404(app):
    _, request, _ = holder_of_persons(app)
    clerk, _ = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    for number in (2, 9):
        post_revoke(clerk, request.reference, number, REASON, expected_status=404)


def test_a_second_revocation_is_refused(app):
    _, request, _ = holder_of_persons(app)
    clerk, _ = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    token = page_token(clerk, f"/ghiseu/cerere/{request.reference}")
    post_revoke(clerk, request.reference, 1, REASON, expected_status=303)
    # A second tab still showing the form.
    response = clerk.post(
        revoke_url(request.reference, 1),
        data={"csrf_token": token, "p1-reason": "Altă motivare"},
        expected_status=200,
    )
    assert "a fost deja revocată" in error_summary(response)
    assert len(stored(app, AuditEvent, AuditEvent.action == "person_revoked")) == 1


def test_concurrent_revocations_give_exactly_one(app):
    _, request, account = holder_of_persons(app)
    sessionmaker = app.extensions["db_sessionmaker"]

    def work(index):
        session = sessionmaker()
        try:
            found = session.get(AccountRequest, request.id)
            with app.test_request_context(base_url="http://localhost"):
                return counter_persons.revoke(
                    session,
                    found,
                    1,
                    found.decided_by,
                    reason=f"Motivul {index}",
                    remote_addr=None,
                    now=_now(),
                ).revoke_reason
        finally:
            session.close()

    results, errors = run_together(8, work)
    assert len(results) == 1
    assert all(isinstance(e, counter_persons.RevokeRefused) for e in errors), errors
    assert len(errors) == 7
    assert person(app, account.id, 1).revoke_reason == results[0]
    assert len(stored(app, AuditEvent, AuditEvent.action == "person_revoked")) == 1
    assert len(stored(app, Notification, Notification.kind == "person_revoked")) == 1


def _now():
    return dt.datetime.now(dt.UTC)


def test_an_unverified_person_is_404_even_with_no_reason(app):
    _, request, _ = holder_of_persons(app)
    clerk, _ = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    post_revoke(clerk, request.reference, 2, "", expected_status=404)


def test_a_request_without_an_account_has_no_persons_to_revoke(app):
    clerk, _ = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    reference = add_request(app)
    page = clerk.get_page(f"/ghiseu/cerere/{reference}")
    assert page.select_one("#persoane") is None
    post_revoke(clerk, reference, 1, REASON, expected_status=404)


def test_the_revocation_email_cannot_be_turned_off():
    from domain.notifications import SECURITY_KINDS, email_wanted

    assert "person_revoked" in SECURITY_KINDS
    assert email_wanted("person_revoked", {"person_revoked"})
