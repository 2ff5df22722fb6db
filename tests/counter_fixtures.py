"""Building blocks for tests of the counter, activation and sign-in: a submitted request,
staff members (enrolled for the second factor with a known secret), signed-in clients, and the
approval that creates the account and queues its activation email."""

import datetime as dt
import re

import pyotp
from sqlalchemy import select

from tests.webapp.test_database import answers_for
from webapp.account import service as account_requests
from webapp.auth import sessions as auth_sessions
from webapp.auth.passwords import hash_password
from webapp.auth.users import CitizenUser, StaffUser
from webapp.counter import service as counter_actions
from webapp.models import CitizenAccount, StaffMember

STAFF_PASSWORD = "Ghiseu2026!x"
# Every staff member made here is enrolled with this secret, so tests can type a valid code.
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
LINK = re.compile(r"https?://[^\s<>\"]+/cont/activare/[\w.\-]+")


def make_staff(session, email="functionar@cjp.ro", county="CJ", role="clerk") -> StaffMember:
    member = StaffMember(
        email=email,
        password_hash=hash_password(STAFF_PASSWORD),
        county_code=county,
        role=role,
        totp_secret=STAFF_TOTP_SECRET,
    )
    session.add(member)
    session.commit()
    return member


def enrol_known_secret(session, member: StaffMember) -> StaffMember:
    """Gives a staff member made another way (e.g. by the CLI) the known TOTP secret."""
    member = session.get(StaffMember, member.id)
    member.totp_secret = STAFF_TOTP_SECRET
    member.totp_last_step = None
    session.commit()
    return member


def totp_code(session, member_id: int, secret: str = STAFF_TOTP_SECRET) -> str:
    """A valid code the member has not used yet: the current step's, or the next one's when the
    current one was already used (codes are single-use and tests sign in quickly)."""
    member = session.get(StaffMember, member_id, populate_existing=True)
    totp = pyotp.TOTP(secret)
    current = totp.timecode(dt.datetime.now(dt.UTC))
    last = member.totp_last_step if member.totp_last_step is not None else -1
    return totp.generate_otp(max(current, last + 1))


def sign_in_session(app, client, person) -> None:
    """Signs a StaffMember or CitizenAccount in on a Flask test client (or PageClient) without
    the sign-in pages: records the server-side session and puts its token in the cookie."""
    flask_client = getattr(client, "client", client)
    kind = "staff" if isinstance(person, StaffMember) else "citizen"
    session = app.extensions["db_sessionmaker"]()
    person = session.get(StaffMember if kind == "staff" else CitizenAccount, person.id)
    token = auth_sessions.start(session, kind, person.id, dt.datetime.now(dt.UTC))
    session.commit()
    user = StaffUser(person, token) if kind == "staff" else CitizenUser(person, token)
    session.close()
    with flask_client.session_transaction() as sess:
        sess["_user_id"] = user.id
        sess["_fresh"] = True


def sign_in_staff_through_pages(app, client, email, password=STAFF_PASSWORD, next_url=None):
    """Signs a staff member in the way a person does: the password page, then the code page.
    `client` is a PageClient; returns the response to the code step."""
    page = "/autentificare" + (f"?next={next_url}" if next_url else "")
    token = client.get_page(page).find("input", {"name": "csrf_token"})["value"]
    step = client.post(
        page, data={"csrf_token": token, "email": email, "password": password}, expected_status=303
    )
    assert step.headers["Location"].startswith("/autentificare/cod"), step.headers["Location"]
    token = client.get_page("/autentificare/cod").find("input", {"name": "csrf_token"})["value"]
    session = app.extensions["db_sessionmaker"]()
    member = session.execute(
        select(StaffMember).where(StaffMember.email == email.strip().lower())
    ).scalar_one()
    code = totp_code(session, member.id)
    session.close()
    return client.post("/autentificare/cod", data={"csrf_token": token, "code": code})


def submitted(session, index=1, now=None):
    now = now or dt.datetime.now(dt.UTC)
    return account_requests.submit(session, answers_for(index), now)


def approved(app, index=1, now=None):
    """A request registered and approved at the counter; returns (request, account, link)."""
    from webapp.models import OutboxEmail

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
        # Four eyes: a second person at the registering county decides.
        approver = _second_clerk(session, clerk)
        account = counter_actions.approve(
            session, request, approver, remote_addr="127.0.0.1", now=now
        )
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


def _second_clerk(session, clerk: StaffMember) -> StaffMember:
    others = select(StaffMember).where(
        StaffMember.county_code == clerk.county_code, StaffMember.id != clerk.id
    )
    return session.execute(others).scalars().first() or make_staff(
        session, email=f"aprobator.{clerk.county_code.lower()}@cjp.ro", county=clerk.county_code
    )
