"""What staff do with a petition at the counter: take it, extend its term once, forward it to
another county house, answer it, close it.

Each action is one conditional UPDATE on the petition's status (domain.petitions.TRANSITIONS)
and county, so two clerks acting at once cannot both succeed and only staff of the county house
that has the petition now can act; then, in the same transaction, the event of the citizen's
history, the audit event (the petition's reference in its details) and, for what the citizen
must hear of, petition_events.announce().
"""

import datetime as dt

from sqlalchemy import func, update
from sqlalchemy.orm import Session

from domain import ro
from domain.petition_terms import extended_deadline, forward_deadline
from domain.petitions import TRANSITIONS
from domain.reference.counties import by_code, county
from webapp import files
from webapp.audit import record
from webapp.counter.service import ActionRefused
from webapp.models import Petition, PetitionEvent, PetitionFile, StaffMember
from webapp.notifications import petition_events

OTHER_COUNTY = "Petiția nu mai este la casa dumneavoastră de pensii."
SETTLED = {
    "answered": "Petiția a primit deja răspuns.",
    "closed": "Petiția a fost deja închisă.",
}


def trace(
    session: Session, staff: StaffMember, action: str, remote_addr: str | None, **details
) -> None:
    """Records that staff looked at petitions (the queue, one petition, a file)."""
    record(session, staff, action, None, remote_addr, **details)
    session.commit()


def assign(
    session: Session,
    petition: Petition,
    staff: StaffMember,
    *,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    _transition(session, petition, "assign", staff, now, assigned_to_id=staff.id)
    _event(session, petition, "assigned", staff, now)
    record(session, staff, "petition_assign", None, remote_addr, petition=petition.reference)
    session.commit()


def extend(
    session: Session,
    petition: Petition,
    staff: StaffMember,
    *,
    days: int,
    reason: str,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    """Once, before the deadline in force: the citizen must hear of it before it passes."""
    today = ro.local(now).date()
    if petition.extended_at is not None:
        raise ActionRefused(
            f"Termenul a fost deja prelungit o dată, pe {ro.short_date(petition.extended_at)}. "
            "Legea permite o singură prelungire."
        )
    if petition.due_on < today:
        raise ActionRefused(
            f"Termenul de răspuns a trecut pe {ro.short_date(petition.due_on)}. Prelungirea se "
            "face și se comunică petentului înainte de termen; acum trimiteți răspunsul."
        )
    old_due = petition.due_on
    # Art. 9: up to 15 days more than art. 8's 30, both counted from the registration day.
    new_due = extended_deadline(ro.local(petition.registered_at).date(), days)
    _transition(
        session,
        petition,
        "extend",
        staff,
        now,
        conditions=(
            Petition.extended_at.is_(None),
            Petition.due_on == old_due,
            Petition.due_on >= today,
        ),
        due_on=new_due,
        extended_at=now,
        extension_reason=reason,
        assigned_to_id=func.coalesce(Petition.assigned_to_id, staff.id),
    )
    _event(session, petition, "extended", staff, now, due_on=new_due.isoformat(), reason=reason)
    record(
        session,
        staff,
        "petition_extend",
        None,
        remote_addr,
        petition=petition.reference,
        old_due_on=old_due.isoformat(),
        due_on=new_due.isoformat(),
        reason=reason,
    )
    petition_events.announce(session, petition, "extended")
    session.commit()


def forward(
    session: Session,
    petition: Petition,
    staff: StaffMember,
    *,
    to_county: str,
    reason: str,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    """To the county house that is competent, within 5 days of registration (OG 27/2002 art.
    6(1)); that house's queue has it from now on, unassigned."""
    if to_county not in by_code():
        raise ActionRefused("Alegeți casa de pensii din listă.")
    if to_county == staff.county_code:
        raise ActionRefused(
            "Petiția este deja la casa dumneavoastră de pensii. Alegeți altă casă de pensii."
        )
    last_day = forward_deadline(ro.local(petition.registered_at).date())
    if ro.local(now).date() > last_day:
        raise ActionRefused(
            "Petiția se poate redirecționa doar în 5 zile de la înregistrare, adică până la "
            f"{ro.short_date(last_day)}. Acum răspundeți-i dumneavoastră."
        )
    from_county = petition.county_code
    _transition(
        session,
        petition,
        "forward",
        staff,
        now,
        county_code=to_county,
        forwarded_at=now,
        assigned_to_id=None,
    )
    _event(
        session,
        petition,
        "forwarded",
        staff,
        now,
        from_county=from_county,
        to_county=to_county,
        reason=reason,
    )
    record(
        session,
        staff,
        "petition_forward",
        None,
        remote_addr,
        petition=petition.reference,
        county=to_county,
        reason=reason,
    )
    petition_events.announce(session, petition, "forwarded")
    session.commit()


def answer(
    session: Session,
    petition: Petition,
    staff: StaffMember,
    *,
    text: str,
    document: tuple[str, bytes] | None,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    """The answer's text and, optionally, a PDF (already checked by content: files.sniff)."""
    _transition(
        session,
        petition,
        "answer",
        staff,
        now,
        answer_text=text,
        answered_at=now,
        answered_by_id=staff.id,
    )
    details = {}
    if document is not None:
        name, data = document
        stored = files.store(session, name, data)
        session.add(PetitionFile(petition_id=petition.id, file=stored, role="answer"))
        details["file"] = stored.name
    _event(session, petition, "answered", staff, now, **details)
    record(session, staff, "petition_answer", None, remote_addr, petition=petition.reference)
    petition_events.announce(session, petition, "answered")
    session.commit()


def close(
    session: Session,
    petition: Petition,
    staff: StaffMember,
    *,
    reason: str,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    _transition(session, petition, "close", staff, now, closed_reason=reason)
    _event(session, petition, "closed", staff, now, reason=reason)
    record(
        session,
        staff,
        "petition_close",
        None,
        remote_addr,
        petition=petition.reference,
        reason=reason,
    )
    petition_events.announce(session, petition, "closed")
    session.commit()


def _event(session, petition, action, staff, now, **details) -> None:
    session.add(
        PetitionEvent(
            petition_id=petition.id, at=now, action=action, staff_id=staff.id, details=details
        )
    )


def _transition(session, petition, action, staff, now, *, conditions=(), **values) -> None:
    """One conditional UPDATE: the status, and that the petition is at the staff member's county
    house, are checked in the same statement."""
    from_statuses, to_status = TRANSITIONS[action]
    result = session.execute(
        update(Petition)
        .where(
            Petition.id == petition.id,
            Petition.status.in_(from_statuses),
            Petition.county_code == staff.county_code,
            *conditions,
        )
        .values(status=to_status, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        session.refresh(petition)
        raise ActionRefused(_why_refused(petition, action, staff, now))
    session.refresh(petition)


def _why_refused(petition: Petition, action: str, staff: StaffMember, now: dt.datetime) -> str:
    """Why the UPDATE found nothing, from the petition as it is now."""
    if petition.county_code != staff.county_code:
        return f"{OTHER_COUNTY} A fost redirecționată la {county(petition.county_code).house_name}."
    if petition.status in SETTLED:
        return SETTLED[petition.status]
    if action == "assign":
        who = petition.assigned_to.email if petition.assigned_to else "un coleg"
        return f"Petiția este deja în lucru la {who}."
    if action == "extend" and petition.extended_at is not None:
        return "Termenul a fost deja prelungit o dată. Legea permite o singură prelungire."
    if action == "extend" and petition.due_on < ro.local(now).date():
        return "Termenul de răspuns a trecut: prelungirea se face înainte de termen."
    if action == "forward":
        return "Petiția a fost deja redirecționată sau are termenul prelungit: răspundeți-i."
    return "Petiția s-a schimbat între timp. Verificați-o și încercați din nou."
