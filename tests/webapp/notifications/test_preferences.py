"""The email preferences (/contul-meu/notificari/preferinte): every kind but the security ones
can be turned off; the security emails are shown, cannot be chosen, and are sent anyway."""

import datetime as dt

from domain.notifications import OPTIONAL_KINDS, SECURITY_KINDS
from tests.builders import active_account, sign_in_session
from tests.page_checks import PageClient
from webapp.models import Notification, NotificationPreference, OutboxEmail
from webapp.notifications import events


def client_for(app):
    account = active_account(app)
    client = PageClient(app.test_client())
    sign_in_session(app, client, account)
    return client, account


def boxes(page):
    return {
        box["value"]: box.has_attr("checked") for box in page.find_all("input", {"name": "emailed"})
    }


def save(client, *kinds, expected_status=303):
    token = client.csrf_token("notifications.preferences")
    return client.post(
        "notifications.preferences",
        data={"csrf_token": token, "emailed": list(kinds)},
        expected_status=expected_status,
    )


def publish_each(app, account_id):
    """Publishes every kind once; returns the templates of the emails queued."""
    with app.test_request_context():
        session = app.extensions["db_sessionmaker"]()
        from webapp.models import CitizenAccount

        account = session.get(CitizenAccount, account_id)
        context = {
            "report_ready": {
                "number": "RC-2026-000001",
                "title": "Punctajul pe ani",
                "expires_at": dt.datetime(2027, 3, 1, tzinfo=dt.UTC),
            },
            "petition_forwarded": {
                "reference": "PT-2026-000001",
                "house": "Casa",
                "due_on": dt.date(2027, 1, 11),
            },
            "life_certificate_window": {"closes": dt.date(2027, 3, 31)},
            "new_document": {"title": "decizia"},
            "person_revoked": {"person": "Popescu Ștefan"},
        }
        for kind in (*SECURITY_KINDS, *OPTIONAL_KINDS):
            events.publish(
                session,
                account,
                kind,
                **context.get(
                    kind, {"reference": "PT-2026-000001", "due_on": dt.date(2027, 1, 11)}
                ),
            )
        session.commit()
        emails = session.query(OutboxEmail).filter_by(recipient=account.email)
        # The approval's activation email is not a notification.
        templates = {e.template for e in emails if e.template.startswith("notification_")}
        notified = {n.kind for n in session.query(Notification).filter_by(account_id=account.id)}
        session.close()
    return templates, notified


def test_every_kind_is_on_until_turned_off(app):
    client, _ = client_for(app)
    page = client.get_page("notifications.preferences")
    assert boxes(page) == dict.fromkeys(OPTIONAL_KINDS, True)


def test_security_emails_are_shown_ticked_disabled_and_explained(app):
    client, _ = client_for(app)
    page = client.get_page("notifications.preferences")
    disabled = page.find_all("input", disabled=True)
    assert len(disabled) == len(SECURITY_KINDS)
    assert all(box.has_attr("checked") and not box.has_attr("name") for box in disabled)
    labels = [page.find("label", {"for": box["id"]}).get_text(" ", strip=True) for box in disabled]
    assert any("Parola a fost schimbată" in label for label in labels)
    assert any("Contul a fost activat" in label for label in labels)
    assert "nu pot fi oprite" in page.get_text()


def test_turned_off_kinds_keep_their_notification_but_lose_their_email(app):
    client, account = client_for(app)
    kept = ["report_ready", "petition_answered"]
    save(client, *kept)
    page = client.get_page("notifications.preferences")
    assert "Am salvat" in page.get_text()
    assert boxes(page) == {kind: kind in kept for kind in OPTIONAL_KINDS}
    templates, notified = publish_each(app, account.id)
    assert templates == {f"notification_{kind}" for kind in (*kept, *SECURITY_KINDS)}
    assert notified == set(OPTIONAL_KINDS) | SECURITY_KINDS


def test_security_emails_go_even_with_a_stored_row_saying_off(app):
    _, account = client_for(app)
    session = app.extensions["db_sessionmaker"]()
    for kind in SECURITY_KINDS:
        session.add(NotificationPreference(account_id=account.id, kind=kind, email=False))
    session.commit()
    session.close()
    templates, _ = publish_each(app, account.id)
    assert {f"notification_{kind}" for kind in SECURITY_KINDS} <= templates


def test_a_security_or_unknown_kind_posted_is_refused_and_nothing_saved(app):
    client, account = client_for(app)
    for tampered in ("password_changed", "orice"):
        response = save(client, "report_ready", tampered, expected_status=400)
        assert "Alegeți doar dintre notificările din listă" in response.get_data(as_text=True)
    from tests.builders import stored

    assert (
        stored(app, NotificationPreference, NotificationPreference.account_id == account.id) == []
    )


def test_turning_everything_off_is_allowed(app):
    client, account = client_for(app)
    save(client)
    templates, _ = publish_each(app, account.id)
    assert templates == {f"notification_{kind}" for kind in SECURITY_KINDS}
