"""Building blocks for tests of the counter, activation and sign-in: a submitted request,
staff members, and the approval that creates the account and queues its activation email."""

import datetime as dt
import re

from sqlalchemy import select

from tests.webapp.test_database import answers_for
from webapp import account_requests, counter_actions
from webapp.models import StaffMember
from webapp.passwords import hash_password

STAFF_PASSWORD = "Ghiseu2026!x"
LINK = re.compile(r"https?://[^\s<>\"]+/cont/activare/[\w.\-]+")


def make_staff(session, email="functionar@cjp.ro", county="CJ", role="clerk") -> StaffMember:
    member = StaffMember(
        email=email, password_hash=hash_password(STAFF_PASSWORD), county_code=county, role=role
    )
    session.add(member)
    session.commit()
    return member


def submitted(session, index=1, now=None):
    now = now or dt.datetime.now(dt.UTC)
    return account_requests.submit(session, answers_for(index), now)


def approved(app, index=1, now=None):
    """A request registered and approved at the counter; returns (request, account, link)."""
    from webapp.outbox.model import OutboxEmail

    now = now or dt.datetime.now(dt.UTC)
    with app.test_request_context(base_url="http://localhost"):
        session = app.extensions["db_sessionmaker"]()
        clerk = session.execute(select(StaffMember)).scalars().first() or make_staff(session)
        request = submitted(session, index, now)
        counter_actions.register(
            session,
            request,
            clerk,
            registration_number=f"R-{index}",
            registered_on=now.date(),
            checklist={"id_seen": True},
            remote_addr="127.0.0.1",
            now=now,
        )
        account = counter_actions.approve(session, request, clerk, remote_addr="127.0.0.1", now=now)
        email = (
            session.execute(
                select(OutboxEmail)
                .where(OutboxEmail.recipient == request.email)
                .order_by(OutboxEmail.id.desc())
            )
            .scalars()
            .first()
        )
        link = LINK.search(email.text_body).group(0)
        session.close()
    return request, account, link.removeprefix("http://localhost")
