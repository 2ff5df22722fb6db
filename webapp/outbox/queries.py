"""What the development page reads from the outbox."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import OutboxEmail


def newest(session: Session, limit: int) -> list[OutboxEmail]:
    return list(
        session.scalars(select(OutboxEmail).order_by(OutboxEmail.id.desc()).limit(limit)).all()
    )
