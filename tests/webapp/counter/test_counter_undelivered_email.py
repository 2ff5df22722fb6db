"""An activation or rejection email the relay refused for good (F9): the counter's request page
says so, and the clerk corrects the address, which sends the email again."""

import datetime as dt

from sqlalchemy import update

from tests.builders import (
    add_request,
    as_staff,
    emails_to,
    error_summary,
    post_action,
    register_data,
    stored,
)
from webapp.auth.passwords import hash_password
from webapp.models import AccountRequest, AuditEvent, CitizenAccount, OutboxEmail

BOUNCE = "550 5.1.1 <persoana1@example.ro>: Recipient address rejected: User unknown"
NEW = "persoana1@exemplu.ro"


def approved_request(app):
    registrar, _ = as_staff(app)
    approver, member = as_staff(app, email="coleg@cjpcluj.ro")
    reference = add_request(app, 1)
    post_action(registrar, reference, "inregistrare", expected_status=303, **register_data())
    post_action(approver, reference, "aprobare", expected_status=303)
    return reference, approver, member


def fail_emails_to(app, address):
    session = app.extensions["db_sessionmaker"]()
    session.execute(
        update(OutboxEmail)
        .where(OutboxEmail.recipient == address)
        .values(failed_at=dt.datetime.now(dt.UTC), attempts=3, last_error=BOUNCE)
    )
    session.commit()
    session.close()


def email_form(page):
    return page.find("form", action=lambda a: a and a.endswith("/adresa-email"))


def test_no_notice_while_the_email_is_on_its_way(app):
    reference, approver, _ = approved_request(app)
    page = approver.get_page(f"/ghiseu/cerere/{reference}")
    assert "nu a putut fi livrat" not in page.get_text(" ") and email_form(page) is None
    response = post_action(approver, reference, "adresa-email", expected_status=200, email=NEW)
    assert "doar după ce un e-mail nu a putut fi livrat" in error_summary(response)
    assert stored(app, AccountRequest)[0].email == "persoana1@example.ro"


def test_a_failed_activation_email_is_shown_and_the_address_corrected(app):
    reference, approver, member = approved_request(app)
    old = stored(app, AccountRequest)[0].email
    fail_emails_to(app, old)
    page = approver.get_page(f"/ghiseu/cerere/{reference}")
    text = page.get_text(" ")
    assert f"E-mailul nu a putut fi livrat la adresa {old}." in text
    assert BOUNCE in text
    assert email_form(page) is not None

    response = post_action(approver, reference, "adresa-email", expected_status=200, email="nu")
    assert "Introduceți adresa de e-mail în formatul corect" in error_summary(response)
    response = post_action(approver, reference, "adresa-email", expected_status=200, email=old)
    assert "aceeași cu cea din cerere" in error_summary(response)

    response = post_action(
        approver, reference, "adresa-email", expected_status=303, email=" Persoana1@Exemplu.ro "
    )
    page = approver.get_page(response.headers["Location"])
    assert "Adresa de e-mail a fost corectată" in page.find(role="status").get_text()
    assert "nu a putut fi livrat" not in page.get_text(" ")
    request = stored(app, AccountRequest)[0]
    assert request.email == NEW and request.status == "approved"
    assert stored(app, CitizenAccount)[0].email == NEW
    (sent,) = emails_to(app, NEW)
    assert sent.template == "activation" and "/cont/activare/" in sent.text_body
    (event,) = stored(app, AuditEvent, AuditEvent.action == "correct_email")
    assert event.staff_id == member.id and event.details == {"old": old, "new": NEW}


def test_a_failed_rejection_email_goes_again_to_the_corrected_address(app):
    clerk, _ = as_staff(app)
    reference = add_request(app, 1)
    post_action(clerk, reference, "respingere", expected_status=303, reason="Act expirat.")
    fail_emails_to(app, "persoana1@example.ro")
    post_action(clerk, reference, "adresa-email", expected_status=303, email=NEW)
    (sent,) = emails_to(app, NEW)
    assert sent.template == "rejection" and "Act expirat." in sent.text_body


def test_the_correction_is_refused_to_another_county_and_for_an_active_account(app):
    reference, approver, _ = approved_request(app)
    fail_emails_to(app, "persoana1@example.ro")
    elsewhere, _ = as_staff(app, email="ion@cjpiasi.ro", county="IS")
    response = post_action(elsewhere, reference, "adresa-email", expected_status=200, email=NEW)
    assert "un coleg de la Casa Județeană de Pensii Cluj" in error_summary(response)

    session = app.extensions["db_sessionmaker"]()
    session.execute(update(CitizenAccount).values(password_hash=hash_password("Pensie2026!")))
    session.commit()
    session.close()
    response = post_action(approver, reference, "adresa-email", expected_status=200, email=NEW)
    assert "Contul este deja activ" in error_summary(response)
    assert stored(app, AccountRequest)[0].email == "persoana1@example.ro"
    assert not stored(app, AuditEvent, AuditEvent.action == "correct_email")


def test_the_correction_refuses_an_address_another_account_has(app):
    reference, approver, _ = approved_request(app)
    fail_emails_to(app, "persoana1@example.ro")
    response = post_action(
        approver, reference, "adresa-email", expected_status=200, email="coleg@cjpcluj.ro"
    )
    assert "Există deja un cont cu această adresă de e-mail" in error_summary(response)
