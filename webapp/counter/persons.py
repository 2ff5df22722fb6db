"""The persons an account administers, at the counter: written when the request is approved
(record_at_approval, called by webapp.counter.service.approve in its transaction), listed on the
request's page, and revoked by staff of the county that registered the request (where the
justifying documents were seen).

A revocation is one conditional UPDATE (only a verified person not yet revoked, only by staff of
the right county), so two clerks revoking at once give one revocation; the audit event, the
holder's notification and the email are written in the same transaction.
"""

import datetime as dt

from flask import Blueprint, abort, request, url_for
from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from domain.administered_persons import entries
from domain.reference.counties import county
from forms.persons import RevokePersonForm
from webapp.audit import record
from webapp.auth.users import staff_required
from webapp.db import db
from webapp.htmx import see_other
from webapp.models import (
    AccountRequest,
    AdministeredPerson,
    CitizenAccount,
    StaffMember,
)
from webapp.notifications.events import publish

bp = Blueprint("counter_persons", __name__, url_prefix="/ghiseu")

NOTIFICATION_KIND = "person_revoked"
REVOKED = "persoana"  # the ?rezultat= of the request page after a revocation


class RevokeRefused(Exception):
    """The revocation is not allowed now or to this staff member; the message says why."""


def record_at_approval(
    session: Session, request: AccountRequest, account: CitizenAccount, now: dt.datetime
) -> list[AdministeredPerson]:
    """Every person of the request, in the caller's transaction; verified only those whose
    document the clerk marked seen at registration."""
    rows = [
        AdministeredPerson(
            account_id=account.id,
            number=entry.number,
            kind=entry.kind,
            cnp=entry.cnp,
            cui=entry.cui,
            name=entry.name[:200],
            basis=entry.basis[:30],
            document=entry.document[:300],
            verified_at=now if entry.verified else None,
        )
        for entry in entries(request.answers, request.checklist)
    ]
    session.add_all(rows)
    return rows


def of_request(session: Session, request: AccountRequest) -> list[AdministeredPerson]:
    account = request.account
    if account is None:
        return []
    return session.scalars(
        select(AdministeredPerson)
        .where(AdministeredPerson.account_id == account.id)
        .order_by(AdministeredPerson.number)
    ).all()


def revoke_refusal(request: AccountRequest, staff: StaffMember) -> str | None:
    """Why this staff member may not revoke the request's persons, or None if they may."""
    if request.registered_county != staff.county_code:
        house = county(request.registered_county).house_name if request.registered_county else ""
        return (
            f"Cererea a fost înregistrată la {house}. Revocarea o face un coleg de acolo, "
            "unde s-au văzut documentele."
        )
    return None


def revoke(
    session: Session,
    request: AccountRequest,
    number: int,
    staff: StaffMember,
    *,
    reason: str,
    remote_addr: str | None,
    now: dt.datetime,
) -> AdministeredPerson:
    account = request.account
    person = (
        session.scalars(
            select(AdministeredPerson).where(
                AdministeredPerson.account_id == account.id, AdministeredPerson.number == number
            )
        ).first()
        if account is not None
        else None
    )
    if person is None or person.verified_at is None:
        raise LookupError(number)
    refusal = revoke_refusal(request, staff)
    if refusal is not None:
        raise RevokeRefused(refusal)
    own_county = exists().where(
        CitizenAccount.id == AdministeredPerson.account_id,
        AccountRequest.id == CitizenAccount.request_id,
        AccountRequest.registered_county == staff.county_code,
    )
    changed = session.execute(
        update(AdministeredPerson)
        .where(
            AdministeredPerson.id == person.id,
            AdministeredPerson.verified_at.is_not(None),
            AdministeredPerson.revoked_at.is_(None),
            own_county,
        )
        .values(revoked_at=now, revoked_by_id=staff.id, revoke_reason=reason)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        session.rollback()
        raise RevokeRefused(f"Împuternicirea pentru {person.name} a fost deja revocată.")
    session.refresh(person)
    record(
        session,
        staff,
        "person_revoked",
        request,
        remote_addr,
        person=person.name,
        number=number,
        reason=reason,
    )
    # The name of the person is in the account's notification; the email says only where to look.
    publish(session, account, NOTIFICATION_KIND, now=now, person=person.name)
    session.commit()
    return person


@bp.post("/cerere/<reference>/persoane/<int:number>/revocare")
@staff_required
def revoke_view(reference: str, number: int):
    # The request page is the counter's view (webapp.counter.views); imported here, not at the
    # top, because that module imports this one for the page's list of persons.
    from flask_login import current_user

    from webapp.counter import views

    found = views._request_or_404(reference)
    person = next((p for p in of_request(db(), found) if p.number == number), None)
    if person is None or person.verified_at is None:
        abort(404)
    form = RevokePersonForm(prefix=f"p{number}")
    if person.revoked_at is not None:
        # A second tab, or a colleague was quicker: the form is gone from the page.
        form.list_errors = [f"Împuternicirea pentru {person.name} a fost deja revocată."]
        return views._request_view(found, form=form)
    if not form.validate():
        return views._request_view(found, form=form, revoke_forms={number: form})
    try:
        revoke(
            db(),
            found,
            number,
            current_user.member,
            reason=form.reason.data,
            remote_addr=request.remote_addr,
            now=dt.datetime.now(dt.UTC),
        )
    except LookupError:
        abort(404)
    except RevokeRefused as refused:
        db().refresh(found)
        form.list_errors = [str(refused)]
        return views._request_view(found, form=form)
    return see_other(
        url_for("counter.request_page", reference=found.reference, rezultat=REVOKED)
        + f"#persoana-{number}"
    )
