"""What a petition's citizen is told when something happens to it: a notification in the account
and an email through the outbox, in the caller's transaction (the caller commits).

A minimal version written on the citizen side (issue 12, CITIZEN) so that a sent petition
already notifies; NOTIFY owns this module and replaces it (preferences, every action's wording).
Emails never carry the petition's subject, text or any personal data: only its number and where
to read it.
"""

from sqlalchemy.orm import Session

from domain import petition_terms
from webapp.links import public_url
from webapp.models import CitizenAccount, Petition
from webapp.notifications.service import notify
from webapp.outbox.queue import queue_email

TEXTS = {
    "registered": "Petiția {reference} a fost înregistrată; {due}.",
    "extended": "Termenul de răspuns la petiția {reference} a fost prelungit; {due}.",
    "forwarded": "Petiția {reference} a fost trimisă altei case de pensii, care vă va răspunde.",
    "answered": "Ați primit răspunsul la petiția {reference}. Îl găsiți în cont, la Petiții.",
    "closed": "Petiția {reference} a fost închisă. Motivul este în cont, la Petiții.",
}


def announce(session: Session, petition: Petition, action: str) -> None:
    account = session.get(CitizenAccount, petition.account_id)
    text = TEXTS[action].format(
        reference=petition.reference, due=petition_terms.in_words(petition.due_on)
    )
    notify(session, account, f"petition_{action}", text)
    queue_email(
        session,
        to=account.email,
        template="petition_event",
        reference=petition.reference,
        message=text,
        link=public_url("petitions.index"),
    )
