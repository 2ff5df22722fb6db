"""Two clerks can never act twice on one petition: 20 answers at once give exactly one answer
(one status change, one history event, one audit event, one notification, one file), the others
are refused in Romanian; the same for 20 extensions at once."""

import datetime as dt

from sqlalchemy import func, select

from domain import ro
from domain.petition_terms import extended_deadline
from tests.builders import make_staff, pdf_bytes, petition, run_together
from webapp.counter import petitions_service as service
from webapp.counter.service import ActionRefused
from webapp.models import (
    AuditEvent,
    Notification,
    Petition,
    PetitionEvent,
    PetitionFile,
    StaffMember,
    StoredFile,
)

CLERKS = 20


def setup(app):
    session = app.extensions["db_sessionmaker"]()
    clerks = [
        make_staff(session, email=f"clerk{n}@cjpcluj.ro", county="CJ").id for n in range(CLERKS)
    ]
    reference = petition(session).reference
    session.close()
    return clerks, reference


def at_once(app, clerks, reference, act):
    def work(index):
        with app.test_request_context():
            session = app.extensions["db_sessionmaker"]()
            try:
                found = session.execute(
                    select(Petition).where(Petition.reference == reference)
                ).scalar_one()
                member = session.get(StaffMember, clerks[index])
                act(session, found, member, index)
                return "done"
            except ActionRefused as refused:
                return str(refused)
            finally:
                session.close()

    results, errors = run_together(CLERKS, work)
    assert errors == []
    return results


def count(app, model, *conditions) -> int:
    session = app.extensions["db_sessionmaker"]()
    try:
        return session.execute(
            select(func.count()).select_from(model).where(*conditions)
        ).scalar_one()
    finally:
        session.close()


def test_twenty_answers_at_once_give_exactly_one(app):
    clerks, reference = setup(app)
    document = pdf_bytes()

    def answer(session, found, member, index):
        service.answer(
            session,
            found,
            member,
            text=f"Răspunsul clerkului {index}.",
            document=("raspuns.pdf", document),
            remote_addr=None,
            now=dt.datetime.now(dt.UTC),
        )

    results = at_once(app, clerks, reference, answer)
    assert results.count("done") == 1, results
    assert set(results) - {"done"} == {"Petiția a primit deja răspuns."}
    session = app.extensions["db_sessionmaker"]()
    found = session.execute(select(Petition).where(Petition.reference == reference)).scalar_one()
    winner = session.get(StaffMember, found.answered_by_id)
    assert found.status == "answered"
    assert found.answer_text == f"Răspunsul clerkului {clerks.index(winner.id)}."
    session.close()
    assert count(app, PetitionEvent, PetitionEvent.action == "answered") == 1
    assert count(app, AuditEvent, AuditEvent.action == "petition_answer") == 1
    # One answer: its notification, and one for the document it brings (the answer's PDF).
    assert count(app, Notification, Notification.kind == "petition_answered") == 1
    assert count(app, Notification) == 2
    assert count(app, PetitionFile, PetitionFile.role == "answer") == 1
    assert count(app, StoredFile) == 1


def test_twenty_extensions_at_once_give_exactly_one(app):
    clerks, reference = setup(app)

    def extend(session, found, member, index):
        service.extend(
            session,
            found,
            member,
            days=1 + index % 15,
            reason=f"Motivul {index}.",
            remote_addr=None,
            now=dt.datetime.now(dt.UTC),
        )

    session = app.extensions["db_sessionmaker"]()
    registered_at = session.execute(
        select(Petition.registered_at).where(Petition.reference == reference)
    ).scalar_one()
    session.close()
    results = at_once(app, clerks, reference, extend)
    assert results.count("done") == 1, results
    assert all("o singură prelungire" in result for result in results if result != "done")
    session = app.extensions["db_sessionmaker"]()
    found = session.execute(select(Petition).where(Petition.reference == reference)).scalar_one()
    index = int(found.extension_reason.removeprefix("Motivul ").rstrip("."))
    registered_on = ro.local(registered_at).date()
    assert found.due_on == extended_deadline(registered_on, 1 + index % 15)
    session.close()
    assert count(app, PetitionEvent, PetitionEvent.action == "extended") == 1
    assert count(app, AuditEvent, AuditEvent.action == "petition_extend") == 1
