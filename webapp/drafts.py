"""Answers typed so far, kept server-side under a random id held in the session cookie.

The raw text is kept exactly as typed, invalid or not, so that going back to a page or
re-rendering it with errors never loses anything. A submitted draft keeps only the reference it
was submitted under (see webapp.account.service.submit), so that a retry finds it.

Once a draft exists, the session cookie is persistent (keep_across_restarts): the pages promise
that answers are kept for DRAFT_MAX_AGE_DAYS, and a cookie that ended with the browser would
lose them the first time it is closed. The cookie's lifetime is PERMANENT_SESSION_LIFETIME, set
from the same number of days.

What is kept is bounded (F7): a value no longer than its field allows (cut there: the check page
shows every answer before anything is sent), a section of at most KEYS_MAXIMUM answers, and saves
counted per address (rule "draft-save" in webapp/rate_limits.py), so that one cookie replayed
cannot fill the table. The worker purges drafts older than DRAFT_MAX_AGE_DAYS
(webapp/retention.py).
"""

import secrets
from datetime import timedelta

from flask import g, session
from sqlalchemy import delete

from forms.base import UNDECLARED_MAXIMUM
from webapp import rate_limits
from webapp.db import db
from webapp.models import Draft, utcnow

NOT_SAVED = {"csrf_token", "action", "website"}
# A section written by the code rather than typed (the confirmed answers, a prefill) has no form
# to say how long each value may be: none is longer than the petition's text.
VALUE_MAXIMUM = 10_000
# The persons page reads up to 100 rows of each of its two lists (forms/account.py ROWS_READ).
KEYS_MAXIMUM = 2_000


def _key(journey: str) -> str:
    return f"draft:{journey}"


def current_id(journey: str) -> str | None:
    return session.get(_key(journey))


def _current(journey: str) -> Draft | None:
    draft_id = current_id(journey)
    return db().get(Draft, draft_id) if draft_id else None


def load(journey: str) -> dict:
    draft = _current(journey)
    return dict(draft.answers) if draft and not draft.submitted_reference else {}


def submitted_reference(journey: str) -> str | None:
    """The reference this browser's draft was submitted under, if it was."""
    draft = _current(journey)
    return draft.submitted_reference if draft else None


def forget(journey: str) -> None:
    """Stop using the draft in this browser; the row stays until the purge."""
    session.pop(_key(journey), None)


def keep_across_restarts() -> None:
    """The session cookie gets an expiry, so it outlives closing the browser."""
    session.permanent = True


def save_section(
    journey: str, section: str, raw_form, maxima: dict[str, int] | None = None
) -> None:
    """Keeps `raw_form` as the journey's `section`. `maxima` (forms.base.value_maxima of the page's
    form) bounds each typed value by its field; without it, VALUE_MAXIMUM bounds them all."""
    if not g.get("draft_save_counted"):
        # One save per request, however many sections it writes.
        rate_limits.count("draft-save")
        g.draft_save_counted = True
    values = bounded(
        {key: value for key, value in raw_form.items() if key not in NOT_SAVED}, maxima
    )
    draft = _current(journey)
    if draft is None or draft.submitted_reference:
        draft = Draft(id=secrets.token_urlsafe(32), journey=journey, answers={})
        db().add(draft)
        session[_key(journey)] = draft.id
    # Every save, so that a cookie set before this rule gets its expiry too.
    keep_across_restarts()
    # Reassign so SQLAlchemy sees the JSON change.
    draft.answers = {**draft.answers, section: values}
    db().commit()


def bounded(values: dict, maxima: dict[str, int] | None) -> dict:
    """`values` with each text cut to its maximum, and at most KEYS_MAXIMUM of them."""
    kept = {}
    for key, value in list(values.items())[:KEYS_MAXIMUM]:
        if isinstance(value, str):
            limit = VALUE_MAXIMUM if maxima is None else maxima.get(key, UNDECLARED_MAXIMUM)
            value = value[:limit]
        kept[key] = value
    return kept


def discard(journey: str) -> None:
    draft_id = session.pop(_key(journey), None)
    if draft_id:
        db().execute(delete(Draft).where(Draft.id == draft_id))
        db().commit()


def purge_older_than(days: int) -> int:
    from webapp.life_certificate.upload_service import delete_scans_of_drafts
    from webapp.petitions.service import delete_files_of_drafts

    old = Draft.updated_at < utcnow() - timedelta(days=days)
    # The attachments uploaded to a petition never sent go with their draft.
    delete_files_of_drafts(db(), old)
    delete_scans_of_drafts(db(), old)
    result = db().execute(delete(Draft).where(old))
    db().commit()
    return result.rowcount
