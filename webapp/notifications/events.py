"""The one way an event reaches a citizen: `publish(session, account, kind, **context)` adds the
notification to the account's list and queues its email (templates/emails/notification_<kind>),
unless the person turned that kind's email off (security kinds cannot be: domain.notifications).
Both are added to the caller's session: the caller commits them with the change they announce,
or rolls all of it back.

The email says what happened and where to look, never the content: no petition text, no
answer, no CNP, no figures, and not even the name (a report's email never had it; the issue
allows the name, none of these needs it). Its link is built from PUBLIC_BASE_URL (webapp/links.py).
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.routing import BuildError

from domain import ro
from domain.notifications import KINDS, email_wanted
from domain.reference.counties import county
from webapp.links import public_url
from webapp.models import CitizenAccount, Notification, NotificationPreference, utcnow
from webapp.notifications.service import notify
from webapp.outbox.queue import queue_email


@dataclass(frozen=True)
class Published:
    notification: Notification
    emailed: bool


def _due(context: dict) -> str:
    due_on = context.get("due_on")
    return ro.long_date(due_on) if isinstance(due_on, date) else ""


def _text(kind: str, context: dict) -> str:
    reference = context.get("reference", "")
    if kind == "account_activated":
        return "Contul a fost activat: ați ales parola și vă puteți autentifica."
    if kind == "password_changed":
        return (
            "Parola contului a fost schimbată. Dacă nu ați schimbat-o dumneavoastră, alegeți una "
            "nouă prin „Am uitat parola” și anunțați casa de pensii."
        )
    if kind == "report_ready":
        title = context["title"]
        return (
            f"Raportul {context['number']} ({title[0].lower()}{title[1:]}) este gata. Îl puteți "
            f"descărca din pagina Rapoarte până la {ro.long_date(context['expires_at'])}."
        )
    if kind == "petition_registered":
        return f"Petiția {reference} a fost înregistrată: răspuns până la {_due(context)}."
    if kind == "petition_extended":
        return (
            f"Termenul de răspuns la petiția {reference} a fost prelungit: răspuns până la "
            f"{_due(context)}."
        )
    if kind == "petition_forwarded":
        return (
            f"Petiția {reference} a fost trimisă la {context['house']}, care vă răspunde până la "
            f"{_due(context)}."
        )
    if kind == "petition_answered":
        attached = " Răspunsul are documente atașate." if context.get("files") else ""
        return f"Ați primit răspunsul la petiția {reference}.{attached}"
    if kind == "petition_closed":
        return f"Petiția {reference} a fost închisă."
    if kind == "life_certificate_window":
        return (
            "A început perioada în care trimiteți certificatul de viață: îl trimiteți până la "
            f"{ro.long_date(context['closes'])}."
        )
    if kind == "new_document":
        return f"Un document nou în cont: {context['title']}."
    if kind == "person_revoked":
        return (
            f"Casa de pensii a revocat dreptul de a acționa pentru {context['person']}. Motivul "
            "este în pagina Persoanele administrate."
        )
    raise ValueError(f"Unknown notification kind {kind!r}")


# Where each kind points: (endpoint, values) tried in order; the notifications list otherwise.
def _targets(kind: str, context: dict) -> list[tuple[str, dict]]:
    if kind == "report_ready":
        return [("reports.index", {})]
    if kind.startswith("petition_") or (kind == "new_document" and "reference" in context):
        reference = context.get("reference")
        return [("petitions.show", {"reference": reference}), ("petitions.index", {})]
    if kind == "life_certificate_window":
        return [("life_certificate.start", {})]
    if kind in ("account_activated", "password_changed"):
        return [("my_account.index", {})]
    if kind == "person_revoked":
        return [("persons.index", {})]
    return []


def target(kind: str, context: dict) -> tuple[str, dict]:
    """The first endpoint of the kind that the app has, with its values."""
    adapter = current_app.url_map.bind("localhost")
    for endpoint, values in [*_targets(kind, context), ("notifications.index", {})]:
        try:
            adapter.build(endpoint, values)
        except BuildError:
            continue
        return endpoint, values
    raise LookupError("no notifications.index endpoint")


def turned_off(session: Session, account_id: int) -> set[str]:
    return set(
        session.scalars(
            select(NotificationPreference.kind).where(
                NotificationPreference.account_id == account_id,
                NotificationPreference.email.is_(False),
            )
        )
    )


def publish(
    session: Session,
    account: CitizenAccount,
    kind: str,
    *,
    now: datetime | None = None,
    once_key: str | None = None,
    **context,
) -> Published | None:
    """Adds the notification and, unless turned off, its email; returns None if `once_key`
    was already notified to this account (the event happened before)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    if once_key is not None:
        seen = session.scalars(
            select(Notification.id).where(
                Notification.account_id == account.id, Notification.once_key == once_key
            )
        ).first()
        if seen is not None:
            return None
    endpoint, values = target(kind, context)
    notification = notify(session, account, kind, _text(kind, context), now=now or utcnow())
    notification.path = current_app.url_map.bind("localhost").build(endpoint, values)
    notification.once_key = once_key
    emailed = email_wanted(kind, turned_off(session, account.id))
    if emailed:
        queue_email(
            session,
            to=account.email,
            template=f"notification_{kind}",
            link=public_url(endpoint, **values),
            preferences=public_url("notifications.preferences"),
            **context,
        )
    return Published(notification, emailed)


def house_name(county_code: str) -> str:
    return county(county_code).house_name


def new_document(
    session: Session,
    account: CitizenAccount,
    *,
    title: str,
    now: datetime | None = None,
    **context,
) -> Published | None:
    """A document put in the account (an answer's PDF, later a decision): `title` names what it
    is ("răspunsul la petiția PT-2026-000123"), never what it says."""
    return publish(session, account, "new_document", now=now, title=title, **context)
