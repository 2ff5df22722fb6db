"""Staff accounts from the command line: `flask --app wsgi staff create|enrol-totp|deactivate`.

There is no page for this on purpose: only whoever runs the server can add a clerk or supervisor.
Staff sign in with a password of at least STAFF_MIN_LENGTH characters and a TOTP code; `create`
enrols the second factor at once and `enrol-totp` gives a new one (a lost phone).
"""

import io
import sys
from typing import NoReturn

import click
import segno
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from sqlalchemy import func, select

from domain.passwords import password_problem
from domain.reference.counties import by_code, county
from webapp.auth import second_factor
from webapp.auth.passwords import hash_password
from webapp.db import db
from webapp.models import STAFF_ROLES, CitizenAccount, StaffMember

staff_cli = AppGroup("staff", help="Conturile personalului caselor de pensii.")
# Staff see every county's requests; their password is longer than the citizens' 8 (ASVS 2.1.1).
STAFF_MIN_LENGTH = 12


def _fail(message: str) -> NoReturn:
    # click's own errors start with the English "Error:".
    click.echo(f"Eroare: {message}", err=True)
    raise click.exceptions.Exit(1)


def _email(value: str) -> str:
    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError:
        _fail(f"Adresa de e-mail „{value}” nu este validă, de exemplu nume@cjpcluj.ro.")
    # Sign-in looks staff up by the lowercased address, as it does for citizens.
    return result.normalized.lower()


def _find(email: str) -> StaffMember | None:
    return (
        db()
        .execute(select(StaffMember).where(func.lower(StaffMember.email) == email))
        .scalar_one_or_none()
    )


def _citizen_has(email: str) -> bool:
    query = select(CitizenAccount.id).where(func.lower(CitizenAccount.email) == email)
    return db().execute(query).first() is not None


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # One line, as `echo … |` or a secrets manager gives it; only the line break is dropped.
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Parola", hide_input=True, confirmation_prompt="Repetați parola")


@staff_cli.command("create")
@click.argument("email")
@click.option(
    "--county",
    "county_code",
    required=True,
    help="Codul județului, de exemplu CJ; B pentru București.",
)
@click.option(
    "--role", default="clerk", show_default=True, help="clerk (funcționar) sau supervisor."
)
@click.option("--password-stdin", is_flag=True, help="Citește parola de pe intrarea standard.")
def create(email: str, county_code: str, role: str, password_stdin: bool) -> None:
    """Adaugă un funcționar sau un supervizor al unei case de pensii."""
    email = _email(email)
    code = county_code.strip().upper()
    if code not in by_code():
        _fail(
            f"Codul de județ „{county_code}” nu există. Folosiți codul de pe numărul de "
            "înmatriculare, de exemplu CJ, IS sau B pentru București."
        )
    role = role.strip().lower()
    if role not in STAFF_ROLES:
        _fail(f"Rolul „{role}” nu există. Alegeți clerk sau supervisor.")
    if _find(email) is not None:
        _fail(f"Există deja un cont de personal cu adresa {email}.")
    if _citizen_has(email):
        # Sign-in looks for staff first, so the citizen could no longer reach their own account.
        _fail(
            f"Adresa {email} este folosită de un cont online al unui cetățean. Folosiți adresa de serviciu."
        )
    password = _read_password(password_stdin)
    if not password:
        _fail("Parola lipsește. Trimiteți-o pe intrarea standard, de exemplu cu un pipe.")
    problem = password_problem(password, email)
    if not problem and len(password) < STAFF_MIN_LENGTH:
        problem = f"Parola personalului trebuie să aibă cel puțin {STAFF_MIN_LENGTH} caractere."
    if problem:
        _fail(problem)
    session = db()
    member = StaffMember(
        email=email, password_hash=hash_password(password), county_code=code, role=role
    )
    session.add(member)
    uri, codes = second_factor.enrol(member)
    session.commit()
    label = "supervizor" if role == "supervisor" else "funcționar"
    click.echo(f"Contul de {label} {email} a fost creat la {county(code).house_name}.")
    _show_enrolment(uri, codes)


@staff_cli.command("enrol-totp")
@click.argument("email")
def enrol_totp(email: str) -> None:
    """Înrolează (din nou) a doua verificare: aplicația de autentificare și codurile de rezervă."""
    email = _email(email)
    member = _find(email)
    if member is None:
        _fail(f"Nu există un cont de personal cu adresa {email}.")
    uri, codes = second_factor.enrol(member)
    db().commit()
    click.echo(f"A doua verificare pentru {email} a fost înrolată; codurile vechi nu mai merg.")
    _show_enrolment(uri, codes)


def _show_enrolment(uri: str, codes: list[str]) -> None:
    """Shown once: nothing here can be read back later (the codes are stored as hashes)."""
    click.echo(
        "Scanați codul QR cu aplicația de autentificare (de exemplu Google Authenticator, "
        "Microsoft Authenticator sau FreeOTP), sau introduceți adresa:"
    )
    click.echo(uri)
    qr = io.StringIO()
    segno.make(uri, error="m").terminal(out=qr, compact=True)
    click.echo(qr.getvalue())
    click.echo(
        "Coduri de rezervă (fiecare merge o singură dată; păstrați-le pe hârtie, în siguranță):"
    )
    for code in codes:
        click.echo(f"  {code}")


@staff_cli.command("deactivate")
@click.argument("email")
def deactivate(email: str) -> None:
    """Dezactivează un cont de personal; persoana este deconectată la următoarea cerere."""
    email = _email(email)
    member = _find(email)
    if member is None:
        _fail(f"Nu există un cont de personal cu adresa {email}.")
    if not member.active:
        click.echo(f"Contul {email} era deja dezactivat.")
        return
    member.active = False
    db().commit()
    click.echo(f"Contul {email} a fost dezactivat.")
