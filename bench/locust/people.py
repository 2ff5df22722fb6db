"""The people a load run signs in as, made in the cluster's database through the site's own
services before the run (the demo's passwords are random per `demo load`, so the harness makes
its own): clerks of one county enrolled with a known TOTP secret, citizens whose requests were
registered and approved at the counter (four eyes) and who have a known password, and a few
submitted requests whose reference and CNP digits the status page is asked about.

`make_people(database_url, clerks=…, citizens=…)` returns the JSON-able dict that the Locust
scenario (bench/locust/portal.py) reads from the file named by PORTAL_LOAD_PEOPLE."""

import datetime as dt
import random
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "bench" / "locust"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from answers import random_cnp  # noqa: E402
from sqlalchemy import select  # noqa: E402

from tests.sample_answers import as_stored, identity  # noqa: E402
from webapp.account import service as account_requests  # noqa: E402
from webapp.auth.passwords import hash_password  # noqa: E402
from webapp.counter import service as counter  # noqa: E402
from webapp.models import StaffMember  # noqa: E402

COUNTY = "CJ"


def stored_answers(rng: random.Random, index: int) -> dict:
    """An account request's answers as the service stores them."""
    cnp, birth, sex = random_cnp(rng)
    return as_stored(
        identity(
            last_name="Încărcare",
            first_name=f"Ștefania {index}",
            cnp=cnp,
            birth_date=f"{birth:%d.%m.%Y}",
            sex=sex,
            id_number=f"{100000 + index}",
            county_code=COUNTY,
            email=f"cetatean{index}.{secrets.token_hex(3)}@example.ro",
            office_code=COUNTY,
        )
    )


def make_people(database_url: str, *, clerks: int = 12, citizens: int = 30, seed: int = 1) -> dict:
    from webapp import create_app

    rng = random.Random(seed)
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": database_url})
    totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    staff_password = "Ghiseu-Incarcare-2026"
    citizen_password = "Pensie-Incarcare-2026"
    now = dt.datetime.now(dt.UTC)
    people = {"staff_password": staff_password, "totp_secret": totp_secret, "clerks": []}
    with app.test_request_context(base_url="http://localhost"):
        session = app.extensions["db_sessionmaker"]()
        tag = secrets.token_hex(3)
        members = []
        staff_hash = hash_password(staff_password)
        for number in range(max(clerks, 2)):
            member = StaffMember(
                email=f"ghiseu{number}.{tag}@cjp.example.ro",
                password_hash=staff_hash,
                county_code=COUNTY,
                role="clerk",
                totp_secret=totp_secret,
            )
            session.add(member)
            members.append(member)
        session.commit()
        people["clerks"] = [member.email for member in members]
        citizen_hash = hash_password(citizen_password)
        people["citizens"], people["statuses"] = [], []
        for index in range(citizens):
            request = account_requests.submit(session, stored_answers(rng, index), now)
            people["statuses"].append([request.reference, request.cnp[-4:]])
            counter.register(
                session,
                request,
                members[0],
                registration_number=f"INC-{tag}-{index}",
                registered_on=now.date(),
                checklist={"id_seen": True},
                remote_addr=None,
                now=now,
            )
            account = counter.approve(session, request, members[1], remote_addr=None, now=now)
            account.password_hash = citizen_hash
            account.activated_at = now
            account.password_changed_at = now
            session.commit()
            people["citizens"].append([account.email, citizen_password])
        session.close()
        assert session.execute(select(StaffMember.id)).first() is not None
    app.extensions["db_engine"].dispose()
    return people
