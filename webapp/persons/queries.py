"""Reads for the persons page: the account's persons whose document the counter saw, in force
or revoked (an unverified one is never shown: the counter did not accept it)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import AdministeredPerson, CitizenAccount


def listed(session: Session, account: CitizenAccount) -> list[AdministeredPerson]:
    if account.request is None or account.request.status != "approved":
        return []
    return session.scalars(
        select(AdministeredPerson)
        .where(
            AdministeredPerson.account_id == account.id,
            AdministeredPerson.verified_at.is_not(None),
        )
        .order_by(AdministeredPerson.number)
    ).all()
