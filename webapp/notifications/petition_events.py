"""What the citizen is told when their petition moves: `announce(session, petition, action)`,
called by the citizen's sending (registered) and the counter's actions (extended, forwarded,
answered, closed) in their own transaction, before they commit.

The notification and the email give the petition's number and, where it changed, the answer
deadline in force (petition.due_on) or the county house that has it now; never its subject, its
text, the answer or the name of the person it is for. The email points to the account.
"""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.models import CitizenAccount, Petition, PetitionFile
from webapp.notifications.events import Published, house_name, new_document, publish

ACTIONS = ("registered", "extended", "forwarded", "answered", "closed")


def announce(
    session: Session, petition: Petition, action: str, *, now: datetime | None = None
) -> Published | None:
    if action not in ACTIONS:
        raise ValueError(f"Unknown petition action {action!r}; one of {ACTIONS}")
    account = session.get(CitizenAccount, petition.account_id)
    context: dict = {"reference": petition.reference}
    if action in ("registered", "extended", "forwarded"):
        context["due_on"] = petition.due_on
    if action == "forwarded":
        context["house"] = house_name(petition.county_code)
    files = 0
    if action == "answered":
        session.flush()  # the answer's files, added by the caller, are counted too
        files = session.scalar(
            select(func.count())
            .select_from(PetitionFile)
            .where(PetitionFile.petition_id == petition.id, PetitionFile.role == "answer")
        )
        context["files"] = files
    published = publish(session, account, f"petition_{action}", now=now, **context)
    if files:
        new_document(
            session,
            account,
            title=f"răspunsul la petiția {petition.reference}",
            now=now,
            reference=petition.reference,
        )
    return published
