"""Approval writes the persons administered in its own transaction, verified only where the
clerk marked the document seen; a refused approval writes none."""

import datetime as dt

import pytest
from sqlalchemy import select

from tests.builders import (
    ADMINISTERED,
    add_request,
    answers_for,
    as_staff,
    make_staff,
    post_action,
    register_data,
    stored,
)
from webapp.account import service as account_requests
from webapp.counter import service as counter_actions
from webapp.counter.service import ActionRefused
from webapp.models import AccountRequest, AdministeredPerson, CitizenAccount


def test_approval_through_the_counter_writes_each_person_verified(app):
    clerk, _ = as_staff(app, email="ana@cjpcluj.ro", county="CJ")
    colleague, _ = as_staff(app, email="ion@cjpcluj.ro", county="CJ")
    reference = add_request(app, persons=ADMINISTERED[:3])
    post_action(
        clerk,
        reference,
        "inregistrare",
        expected_status=303,
        **register_data(persons_seen=["0", "1", "2"]),
    )
    assert stored(app, AdministeredPerson) == []
    post_action(colleague, reference, "aprobare", expected_status=303)
    (request,) = stored(app, AccountRequest, AccountRequest.reference == reference)
    (account,) = stored(app, CitizenAccount)
    rows = sorted(stored(app, AdministeredPerson), key=lambda row: row.number)
    assert [(r.account_id, r.number, r.kind, r.cnp, r.cui, r.name) for r in rows] == [
        (account.id, 1, "natural", "1800101123469", None, "Popescu Ștefan"),
        (account.id, 2, "natural", "1850505123453", None, "Țărănescu Vasile"),
        (account.id, 3, "legal", None, "18547290", "Asociația Pensionarilor Șoimii"),
    ]
    assert [r.basis for r in rows] == ["procura", "procura", "imputernicit"]
    assert rows[0].document == "Procură notarială nr. 1234 din 10.01.2024"
    assert all(r.verified_at == request.decided_at for r in rows)
    assert all(r.revoked_at is None for r in rows)


def test_only_the_persons_whose_document_was_seen_are_verified(app):
    session = app.extensions["db_sessionmaker"]()
    now = dt.datetime.now(dt.UTC)
    clerk = make_staff(session, email="ana@cjp.ro")
    other = make_staff(session, email="ion@cjp.ro")
    with app.test_request_context(base_url="http://localhost"):
        request = account_requests.submit(session, answers_for(1) | {"persons": ADMINISTERED}, now)
        counter_actions.register(
            session,
            request,
            clerk,
            registration_number="R-1",
            registered_on=now.date(),
            checklist={"persons": [{"seen": True}, {"seen": False}, {"seen": True}]},
            remote_addr=None,
            now=now,
        )
        counter_actions.approve(session, request, other, remote_addr=None, now=now)
    rows = session.scalars(select(AdministeredPerson).order_by(AdministeredPerson.number)).all()
    # The fourth has no checklist entry at all: not verified either.
    assert [row.verified_at is not None for row in rows] == [True, False, True, False]
    session.close()


def test_a_refused_approval_writes_no_person(app):
    session = app.extensions["db_sessionmaker"]()
    now = dt.datetime.now(dt.UTC)
    clerk = make_staff(session, email="ana@cjp.ro")
    with app.test_request_context(base_url="http://localhost"):
        request = account_requests.submit(session, answers_for(1) | {"persons": ADMINISTERED}, now)
        counter_actions.register(
            session,
            request,
            clerk,
            registration_number="R-1",
            registered_on=now.date(),
            checklist={"persons": [{"seen": True}] * 4},
            remote_addr=None,
            now=now,
        )
        # Another account already has the address: the approval rolls back whole.
        taken = account_requests.submit(session, answers_for(2), now)
        session.add(CitizenAccount(email=request.email, request_id=taken.id))
        session.commit()
        other = make_staff(session, email="ion@cjp.ro")
        with pytest.raises(ActionRefused):
            counter_actions.approve(session, request, other, remote_addr=None, now=now)
    assert session.scalars(select(AdministeredPerson)).all() == []
    session.close()
