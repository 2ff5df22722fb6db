"""Events reach the account through notifications.events.publish: the notification and its
email in the caller's transaction. Activation and a new password announce themselves; the
petitions' actions through petition_events.announce, whose emails carry the number and the
deadline, never the petition's text, subject or whom it is for."""

import datetime as dt

import pytest
from sqlalchemy import select

from tests.builders import (
    PETITION_TEXT,
    active_account,
    add_petition,
    approved,
    pdf_bytes,
    set_password,
    stored,
)
from tests.page_checks import PageClient
from webapp import files
from webapp.auth import service as auth_service
from webapp.models import (
    AccountRequest,
    CitizenAccount,
    Notification,
    OutboxEmail,
    PetitionFile,
)
from webapp.notifications import events, petition_events


def notifications_of(app, account_id, kind=None):
    rows = stored(app, Notification, Notification.account_id == account_id)
    return [n for n in rows if kind is None or n.kind == kind]


def notification_emails(app, address, kind=None):
    rows = stored(app, OutboxEmail, OutboxEmail.recipient == address)
    prefix = f"notification_{kind}" if kind else "notification_"
    return [e for e in rows if e.template.startswith(prefix)]


def test_activating_the_account_is_notified_and_emailed_once(app):
    request, account, link = approved(app)
    client = PageClient(app.test_client())
    set_password(client, link)
    (notification,) = notifications_of(app, account.id, "account_activated")
    assert notification.read_at is None and notification.path == "/contul-meu/"
    (email,) = notification_emails(app, request.email, "account_activated")
    assert email.subject == "Contul dumneavoastră a fost activat"
    assert "http://localhost/contul-meu/" in email.text_body
    assert "se trimite întotdeauna" in email.text_body
    # A second, simultaneous use of the link finds the password set: nothing announced.
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        row = session.get(CitizenAccount, account.id)
        assert not auth_service.activate(session, row, "Altceva2026!", dt.datetime.now(dt.UTC))
        session.close()
    assert len(notifications_of(app, account.id, "account_activated")) == 1


def test_a_new_password_is_notified_and_emailed_and_a_stale_one_is_not(app):
    account = active_account(app)
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        row = session.get(CitizenAccount, account.id)
        stale_hash = row.password_hash
        assert auth_service.reset_password(
            session, row, "Noua-Parola-2026", dt.datetime.now(dt.UTC)
        )
        row = session.get(CitizenAccount, account.id)
        row.password_hash = stale_hash  # a reset link made for a password changed since
        session.expunge(row)
        assert not auth_service.reset_password(
            session, row, "Alta-Parola-2026", dt.datetime.now(dt.UTC)
        )
        session.close()
    assert len(notifications_of(app, account.id, "password_changed")) == 1
    (email,) = notification_emails(app, account.email, "password_changed")
    assert email.subject == "Parola contului a fost schimbată"
    assert "Am uitat parola" in email.text_body


def announce(app, account, action, *, answer_pdf=False, **petition):
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        row = add_petition(session, account, **petition)
        if answer_pdf:
            stored_file = files.store(session, "raspuns.pdf", pdf_bytes())
            session.flush()
            session.add(PetitionFile(petition_id=row.id, file_id=stored_file.id, role="answer"))
        result = petition_events.announce(session, row, action)
        session.commit()
        petition_id = row.id
        session.close()
    return result, petition_id


EXPECTED = {
    "registered": ("Petiția PT-2026-000001 a fost înregistrată", "11 ianuarie 2027"),
    "extended": (
        "Termenul de răspuns la petiția PT-2026-000001 a fost prelungit",
        "11 ianuarie 2027",
    ),
    "forwarded": ("Petiția PT-2026-000001 a fost trimisă altei case de pensii", "11 ianuarie 2027"),
    "answered": ("Ați primit răspunsul la petiția PT-2026-000001", None),
    "closed": ("Petiția PT-2026-000001 a fost închisă", None),
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_each_petition_action_notifies_and_emails_without_the_petition_s_content(app, action):
    account = active_account(app)
    request = stored(app, AccountRequest, AccountRequest.id == account.request_id)[0]
    county = "B" if action == "forwarded" else "CJ"
    announce(app, account, action, county_code=county)
    (notification,) = notifications_of(app, account.id)
    assert notification.kind == f"petition_{action}"
    assert "PT-2026-000001" in notification.text
    subject, due = EXPECTED[action]
    if due:
        assert f"până la {due}" in notification.text
    (email,) = notification_emails(app, account.email)
    assert email.template == f"notification_petition_{action}"
    assert email.subject == subject
    if due:
        assert due in email.text_body and due in email.html_body
    if action == "forwarded":
        assert "București" in email.text_body and "București" in notification.text
    # Where to look (the petition's page), from the configured public address; the preferences
    # link for an optional kind.
    assert notification.path == "/contul-meu/petitii/PT-2026-000001"
    assert "http://localhost/contul-meu/petitii/PT-2026-000001" in email.text_body
    assert "http://localhost/contul-meu/notificari/preferinte" in email.text_body
    personal = [
        PETITION_TEXT,
        "Corectarea stagiului",
        "Țărănescu",
        "Ana-Maria",
        request.cnp,
        "2580514000019",
        request.answers["first_name"],
        request.answers["last_name"],
        request.answers["street"],
    ]
    for body in (email.subject, email.text_body, email.html_body, notification.text):
        for value in personal:
            assert value not in body, (value, body)


def test_an_answer_with_files_is_also_a_new_document_and_one_without_is_not(app):
    account = active_account(app)
    announce(app, account, "answered", answer_pdf=True)
    kinds = sorted(n.kind for n in notifications_of(app, account.id))
    assert kinds == ["new_document", "petition_answered"]
    answered = notifications_of(app, account.id, "petition_answered")[0]
    assert "documente atașate" in answered.text
    (document,) = notification_emails(app, account.email, "new_document")
    assert "răspunsul la petiția PT-2026-000001" in document.text_body
    other = active_account(app, index=2)
    announce(app, other, "answered", number=2, reference="PT-2026-000002")
    assert [n.kind for n in notifications_of(app, other.id)] == ["petition_answered"]


def test_publish_belongs_to_the_caller_s_transaction(app):
    account = active_account(app)
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        row = add_petition(session, account)
        petition_events.announce(session, row, "registered")
        session.rollback()
        session.close()
    assert notifications_of(app, account.id) == []
    assert notification_emails(app, account.email) == []


def test_a_once_key_is_notified_once(app):
    account = active_account(app)
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        row = session.get(CitizenAccount, account.id)
        first = events.publish(session, row, "new_document", title="decizia", once_key="d-1")
        session.commit()
        again = events.publish(session, row, "new_document", title="decizia", once_key="d-1")
        session.commit()
        session.close()
    assert first.emailed and again is None
    assert len(notifications_of(app, account.id)) == 1
    assert len(notification_emails(app, account.email)) == 1


def test_unknown_kinds_and_actions_are_refused(app):
    account = active_account(app)
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        row = session.get(CitizenAccount, account.id)
        with pytest.raises(ValueError):
            events.publish(session, row, "orice")
        petition = add_petition(session, account)
        with pytest.raises(ValueError):
            petition_events.announce(session, petition, "assigned")
        session.rollback()
        session.close()


def test_notification_texts_fit_the_column(app):
    account = active_account(app)
    announce(app, account, "forwarded", county_code="B")
    (notification,) = notifications_of(app, account.id)
    assert len(notification.text) <= 300
    session = app.extensions["db_sessionmaker"]()
    assert session.scalar(select(Notification.path).where(Notification.id == notification.id))
    session.close()
