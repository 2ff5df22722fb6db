"""What the petitioner hears when the counter acts on a petition: a notification in the account.

COUNTER's minimal version, until NOTIFY's (which also queues the email and honours the
preferences) replaces this file; its API is the one both call:
``announce(session, petition, action)``, inside the caller's transaction (the caller commits).
The text names the petition by its reference only: never its subject or text.
"""

from sqlalchemy.orm import Session

from domain import ro
from domain.reference.counties import county
from webapp.models import CitizenAccount, Petition
from webapp.notifications.service import notify

KIND = "petition"


def announce(session: Session, petition: Petition, action: str) -> None:
    account = session.get(CitizenAccount, petition.account_id)
    notify(session, account, KIND, _text(petition, action))


def _text(petition: Petition, action: str) -> str:
    reference = petition.reference
    if action == "registered":
        return f"Petiția {reference} a fost înregistrată."
    if action == "extended":
        return (
            f"Termenul de răspuns la petiția {reference} a fost prelungit până la "
            f"{ro.long_date(petition.due_on)}."
        )
    if action == "forwarded":
        return (
            f"Petiția {reference} a fost redirecționată la "
            f"{county(petition.county_code).house_name}."
        )
    if action == "answered":
        return f"Petiția {reference} a primit răspuns. Îl găsiți în cont."
    if action == "closed":
        return f"Petiția {reference} a fost închisă."
    raise ValueError(f"unknown petition action: {action}")
