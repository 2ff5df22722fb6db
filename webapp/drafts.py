"""Answers typed so far, kept server-side under a random id held in the session cookie.

The raw text is kept exactly as typed, invalid or not, so that going back to a page or
re-rendering it with errors never loses anything.
"""

import secrets
from datetime import timedelta

from flask import session
from sqlalchemy import delete

from webapp.database import db
from webapp.models import Draft, utcnow

NOT_SAVED = {"csrf_token", "action", "website"}


def _key(journey: str) -> str:
    return f"draft:{journey}"


def load(journey: str) -> dict:
    draft_id = session.get(_key(journey))
    if not draft_id:
        return {}
    draft = db().get(Draft, draft_id)
    return dict(draft.answers) if draft else {}


def save_section(journey: str, section: str, raw_form) -> None:
    values = {key: value for key, value in raw_form.items() if key not in NOT_SAVED}
    draft_id = session.get(_key(journey))
    draft = db().get(Draft, draft_id) if draft_id else None
    if draft is None:
        draft = Draft(id=secrets.token_urlsafe(32), journey=journey, answers={})
        db().add(draft)
        session[_key(journey)] = draft.id
    # Reassign so SQLAlchemy sees the JSON change.
    draft.answers = {**draft.answers, section: values}
    db().commit()


def discard(journey: str) -> None:
    draft_id = session.pop(_key(journey), None)
    if draft_id:
        db().execute(delete(Draft).where(Draft.id == draft_id))
        db().commit()


def purge_older_than(days: int) -> int:
    result = db().execute(delete(Draft).where(Draft.updated_at < utcnow() - timedelta(days=days)))
    db().commit()
    return result.rowcount
