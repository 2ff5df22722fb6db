"""Demonstration requests for `make run`: made-up people with valid CNPs, and demo staff.

Never in production: the demo staff have known emails, one of them a supervisor (F18).
"""

import datetime as dt
import secrets

import click
from flask import current_app
from sqlalchemy import select

from domain.account_requests import counter_documents
from webapp.account import service as account_requests
from webapp.auth import second_factor
from webapp.auth.passwords import hash_password
from webapp.counter import service as counter
from webapp.db import db
from webapp.models import AccountRequest, StaffMember

DEMO_REQUESTS = [
    {
        "last_name": "Popescu",
        "first_name": "Maria",
        "cnp": "2580514123457",
        "birth_date": "1958-05-14",
        "sex": "F",
        "id_type": "CI",
        "id_series": "CJ",
        "id_number": "654321",
        "id_issuer": "SPCLEP Cluj-Napoca",
        "id_issued_on": "2016-04-11",
        "id_expires_on": None,
        "county_code": "CJ",
        "locality": "Cluj-Napoca",
        "street": "Strada Memorandumului",
        "street_number": "21",
        "block": "",
        "staircase": "",
        "floor": "",
        "apartment": "",
        "postal_code": "400114",
        "phone": "0722 000 111",
        "email": "maria.popescu@example.ro",
        "office_code": "CJ",
        "persons": [
            {
                "kind": "natural",
                "last_name": "Popescu",
                "first_name": "Ștefan",
                "cnp": "1800101123469",
                "category": "beneficiar",
                "legal_basis": "procura",
                "document_number": "312",
                "document_date": "2024-02-20",
            }
        ],
    },
    {
        "last_name": "Țurcanu",
        "first_name": "Gheorghiță",
        "cnp": "1950304123488",
        "birth_date": "1995-03-04",
        "sex": "M",
        "id_type": "CIE",
        "id_series": "",
        "id_number": "XB123456",
        "id_issuer": "DEPABD",
        "id_issued_on": "2024-09-01",
        "id_expires_on": "2034-09-01",
        "county_code": "IS",
        "locality": "Iași",
        "street": "Bulevardul Ștefan cel Mare și Sfânt",
        "street_number": "8",
        "block": "B2",
        "staircase": "A",
        "floor": "3",
        "apartment": "14",
        "postal_code": "700064",
        "phone": "+40 744 222 333",
        "email": "g.turcanu@example.ro",
        "office_code": "IS",
        "persons": [
            {
                "kind": "legal",
                "name": "Asociația Pensionarilor Șoimii",
                "cui": "18547290",
                "role": "imputernicit",
                "document_number": "77",
                "document_date": "2023-06-05",
            }
        ],
    },
    {
        # Her career record (webapp/demo_career.py): a work book from 1984, months since 2001.
        "last_name": "Ionescu",
        "first_name": "Elena",
        "cnp": "2650823120019",
        "birth_date": "1965-08-23",
        "sex": "F",
        "id_type": "CI",
        "id_series": "KX",
        "id_number": "712345",
        "id_issuer": "SPCLEP Cluj-Napoca",
        "id_issued_on": "2020-10-02",
        "id_expires_on": "2030-08-23",
        "county_code": "CJ",
        "locality": "Cluj-Napoca",
        "street": "Strada Horea",
        "street_number": "5",
        "block": "",
        "staircase": "",
        "floor": "",
        "apartment": "",
        "postal_code": "400174",
        "phone": "0744 555 010",
        "email": "elena.ionescu@example.ro",
        "office_code": "CJ",
        "persons": [],
    },
]


# Two Cluj clerks: one registers, the other approves (four eyes, F2).
DEMO_STAFF = [
    ("ghiseu.cluj@example.ro", "CJ", "clerk"),
    ("ghiseu2.cluj@example.ro", "CJ", "clerk"),
    ("sef.bucuresti@example.ro", "B", "supervisor"),
]


def refuse_in_production() -> None:
    if current_app.config.get("ENV_NAME") == "production":
        click.echo(
            "Eroare: datele demonstrative nu se încarcă în producție (PORTAL_ENV=production): "
            "ar crea conturi de personal cu adrese cunoscute. Folosiți `staff create`.",
            err=True,
        )
        raise click.exceptions.Exit(1)


def reset_demo_staff() -> list[tuple[str, str, str, str]]:
    """Demo staff with fresh random passwords and a fresh second factor, printed by `demo load`
    as (email, role, password, otpauth URI); never a fixed password or secret."""
    session = db()
    shown = []
    for email, county_code, role in DEMO_STAFF:
        # At least 12 characters, as the staff CLI asks.
        password = "Demo-" + secrets.token_urlsafe(12) + "7"
        member = session.execute(
            select(StaffMember).where(StaffMember.email == email)
        ).scalar_one_or_none()
        if member is None:
            member = StaffMember(email=email, county_code=county_code, role=role)
            session.add(member)
        member.password_hash = hash_password(password)
        uri, _ = second_factor.enrol(member)
        shown.append((email, role, password, uri))
    session.commit()
    return shown


def load_demo_requests() -> int:
    session = db()
    added = 0
    for answers in DEMO_REQUESTS:
        exists = session.execute(
            select(AccountRequest.id).where(AccountRequest.cnp == answers["cnp"])
        ).first()
        if exists:
            continue
        account_requests.submit(session, answers, dt.datetime.now(dt.UTC))
        added += 1
    return added


# The demo people who have an account, so that `make run` shows the account area: Maria, who
# administers Ștefan (his document seen at the counter), and Elena.
DEMO_ACCOUNT_CNPS = ("2580514123457", "2650823120019")


def open_demo_accounts() -> list[tuple[str, str]]:
    """Registers and approves the demo requests of DEMO_ACCOUNT_CNPS through the counter's own
    service (the two Cluj clerks, four eyes) and gives each account a fresh random password,
    printed by `demo load` as (email, password); run after reset_demo_staff()."""
    session = db()
    now = dt.datetime.now(dt.UTC)
    first, second = (
        session.execute(select(StaffMember).where(StaffMember.email == email)).scalar_one()
        for email, _, _ in DEMO_STAFF[:2]
    )
    shown = []
    for cnp in DEMO_ACCOUNT_CNPS:
        request = (
            session.execute(
                select(AccountRequest).where(AccountRequest.cnp == cnp).order_by(AccountRequest.id)
            )
            .scalars()
            .first()
        )
        if request is None:
            continue
        if request.status == "submitted":
            documents = counter_documents(request.answers)
            counter.register(
                session,
                request,
                first,
                registration_number=f"DEMO-{request.id}",
                registered_on=now.date(),
                checklist={
                    "identity_document": {
                        "type": request.answers["id_type"],
                        "series": request.answers.get("id_series", ""),
                        "number": request.answers["id_number"],
                        "seen": True,
                    },
                    "persons": [{"document": text, "seen": True} for text in documents],
                },
                remote_addr=None,
                now=now,
            )
        if request.status == "registered":
            counter.approve(session, request, second, remote_addr=None, now=now)
        account = request.account
        if account is None:
            continue
        # Upper case, digit and length as the password rule asks; new at every `demo load`.
        password = "Demo-" + secrets.token_urlsafe(12) + "7"
        account.password_hash = hash_password(password)
        account.activated_at = account.activated_at or now
        account.password_changed_at = now
        session.commit()
        shown.append((account.email, password))
    return shown
