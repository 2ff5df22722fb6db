"""Several open requests for one CNP or email (F11): the counter sees them, closes the ones that
are not the applicant's without emailing their authors, and never approves a second account."""

import datetime as dt

import pytest

from tests.builders import (
    answers_for,
    as_staff,
    emails_to,
    error_summary,
    post_action,
    register_data,
    run_together,
    stored,
)
from webapp.account import service as account_requests
from webapp.counter import service as counter_actions
from webapp.counter.service import RELEASE_REASON, ActionRefused
from webapp.models import AccountRequest, AuditEvent, CitizenAccount, StaffMember


def add(app, index, **overrides) -> str:
    answers = answers_for(index) | {"office_code": "CJ"} | overrides
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        reference = account_requests.submit(session, answers, dt.datetime.now(dt.UTC)).reference
        session.close()
    return reference


def request_by(app, reference) -> AccountRequest:
    return stored(app, AccountRequest, AccountRequest.reference == reference)[0]


def registered(app, client, reference) -> None:
    post_action(client, reference, "inregistrare", expected_status=303, **register_data())


def release_forms(page) -> dict[str, object]:
    return {
        form.find("input", attrs={"name": "other"})["value"]: form
        for form in page.find_all("form", action=lambda a: a and a.endswith("/inchidere-dublura"))
    }


def test_the_request_page_lists_the_other_open_requests_with_the_same_cnp_or_email(app):
    real = add(app, 1)
    squatter = add(app, 2, cnp=answers_for(1)["cnp"])  # the pensioner's CNP, another address
    same_email = add(app, 3, email=answers_for(1)["email"])
    add(app, 4)  # nothing in common
    clerk, _ = as_staff(app)
    page = clerk.get_page(f"/ghiseu/cerere/{real}")
    table = page.find("caption", string="Alte cereri în lucru cu aceleași date").parent
    rows = {row.find("a").get_text(): row.find_all("td")[2].get_text() for row in table.tbody("tr")}
    assert rows == {squatter: "același CNP", same_email: "aceeași adresă de e-mail"}
    assert table.find("a", href=f"/ghiseu/cerere/{squatter}")
    # Closing them waits until the applicant's identity document has been seen.
    assert release_forms(page) == {}
    response = post_action(clerk, real, "inchidere-dublura", expected_status=200, other=squatter)
    assert "după ce ați înregistrat această cerere" in error_summary(response)
    assert request_by(app, squatter).status == "submitted"


def test_release_closes_the_other_request_without_emailing_its_author(app):
    real = add(app, 1)
    squatter = add(app, 2, cnp=answers_for(1)["cnp"])
    clerk, member = as_staff(app)
    registered(app, clerk, real)
    page = clerk.get_page(f"/ghiseu/cerere/{real}")
    assert set(release_forms(page)) == {squatter}
    response = post_action(clerk, real, "inchidere-dublura", expected_status=303, other=squatter)
    outcome = clerk.get_page(response.headers["Location"])
    assert "Cererea cu aceleași date a fost închisă" in outcome.find(role="status").get_text()
    assert "Alte cereri în lucru" not in outcome.get_text(" ")

    closed = request_by(app, squatter)
    assert closed.status == "rejected" and closed.decided_by_id == member.id
    assert closed.rejection_reason == RELEASE_REASON
    assert "CNP" not in RELEASE_REASON and real not in RELEASE_REASON
    # Only the email its author got at submission: nothing about the closing.
    assert [e.template for e in emails_to(app, answers_for(2)["email"])] == ["submitted"]
    (event,) = stored(app, AuditEvent, AuditEvent.action == "release")
    assert event.request_id == closed.id and event.staff_id == member.id
    assert event.details == {"kept": real, "same": "CNP"}
    # The applicant's own request goes on.
    assert request_by(app, real).status == "registered"


def test_release_refuses_a_request_without_the_same_data_or_at_another_county(app):
    real = add(app, 1)
    unrelated = add(app, 2)
    squatter = add(app, 3, cnp=answers_for(1)["cnp"])
    clerk, _ = as_staff(app)
    registered(app, clerk, real)
    response = post_action(clerk, real, "inchidere-dublura", expected_status=200, other=unrelated)
    assert "nu are CNP-ul sau adresa de e-mail" in error_summary(response)
    elsewhere, _ = as_staff(app, email="ion@cjpiasi.ro", county="IS")
    response = post_action(
        elsewhere, real, "inchidere-dublura", expected_status=200, other=squatter
    )
    assert "după ce ați înregistrat această cerere" in error_summary(response)
    assert request_by(app, unrelated).status == request_by(app, squatter).status == "submitted"


def test_approval_is_refused_when_the_cnp_already_has_an_account(app):
    first = add(app, 1)
    second = add(app, 2, cnp=answers_for(1)["cnp"])
    registrar, _ = as_staff(app)
    approver, _ = as_staff(app, email="coleg@cjpcluj.ro")
    registered(app, registrar, first)
    registered(app, registrar, second)
    post_action(approver, first, "aprobare", expected_status=303)
    response = post_action(approver, second, "aprobare", expected_status=200)
    summary = error_summary(response)
    assert f"Pentru acest CNP există deja un cont online, din cererea {first}" in summary
    assert request_by(app, second).status == "registered"
    assert len(stored(app, CitizenAccount)) == 1


def test_approval_is_refused_when_the_email_already_has_an_account(app):
    first = add(app, 1)
    second = add(app, 2, email=answers_for(1)["email"])
    registrar, _ = as_staff(app)
    approver, _ = as_staff(app, email="coleg@cjpcluj.ro")
    registered(app, registrar, first)
    registered(app, registrar, second)
    post_action(approver, first, "aprobare", expected_status=303)
    response = post_action(approver, second, "aprobare", expected_status=200)
    assert "Există deja un cont cu această adresă de e-mail" in error_summary(response)
    assert request_by(app, second).status == "registered"


def test_the_unique_address_of_accounts_is_the_backstop_of_a_race(app, monkeypatch):
    """Two approvals for one address at once: both pass the check before either has inserted
    the account; the second insert fails on the unique index and is refused cleanly."""
    first = add(app, 1)
    second = add(app, 2, email=answers_for(1)["email"])
    registrar, _ = as_staff(app)
    _, approver = as_staff(app, email="coleg@cjpcluj.ro")
    registered(app, registrar, first)
    registered(app, registrar, second)
    monkeypatch.setattr(counter_actions, "address_in_use", lambda *args: False)
    now = dt.datetime.now(dt.UTC)
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        member = session.get(StaffMember, approver.id)
        load = session.query(AccountRequest).filter_by
        counter_actions.approve(
            session, load(reference=first).one(), member, remote_addr=None, now=now
        )
        with pytest.raises(ActionRefused, match="Există deja un cont cu această adresă"):
            counter_actions.approve(
                session, load(reference=second).one(), member, remote_addr=None, now=now
            )
        session.close()
    assert request_by(app, second).status == "registered"
    assert len(stored(app, CitizenAccount)) == 1
    assert len(stored(app, AuditEvent, AuditEvent.action == "approve")) == 1


def test_two_clerks_approving_two_requests_of_one_cnp_at_once_make_one_account(app):
    references = [add(app, 1), add(app, 2, cnp=answers_for(1)["cnp"])]
    registrar, _ = as_staff(app)
    for reference in references:
        registered(app, registrar, reference)
    approvers = [as_staff(app, email=f"coleg{n}@cjpcluj.ro")[1] for n in range(2)]

    def approve(index):
        with app.test_request_context():
            session = app.extensions["db_sessionmaker"]()
            try:
                request = session.query(AccountRequest).filter_by(reference=references[index])
                member = session.get(StaffMember, approvers[index].id)
                counter_actions.approve(
                    session, request.one(), member, remote_addr=None, now=dt.datetime.now(dt.UTC)
                )
                return "approved"
            except ActionRefused as refused:
                return str(refused)
            finally:
                session.close()

    results, errors = run_together(2, approve)
    assert errors == []
    refusals = [result for result in results if result != "approved"]
    assert len(results) == 2 and len(refusals) == 1
    assert refusals[0].startswith("Pentru acest CNP există deja un cont online")
    assert len(stored(app, CitizenAccount)) == 1
    assert sorted(r.status for r in stored(app, AccountRequest)) == ["approved", "registered"]
