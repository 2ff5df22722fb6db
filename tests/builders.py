"""Builders shared by the tests: valid answers as a browser posts them and as the services store
them, staff members and signed-in clients, requests submitted, registered and approved, and the
steps of the journeys that other tests start from. Fixtures stay in the conftest.py files; test
modules import from here, never from one another."""

import datetime as dt
import re
import threading

import pyotp
import pytest
from sqlalchemy import inspect, select
from stdnum.ro import cnp

from documents.templated import TemplatedPrintout
from domain import ro
from tests.page_checks import PageClient, soup
from tests.sample_answers import (  # noqa: F401 (test modules import them from here)
    APPLICANT_CNP,
    LIFE_CERTIFICATE_CNP,
    as_stored,
    identity,
    life_certificate_answers,
)
from webapp import create_app, jobs
from webapp.account import service as account_requests
from webapp.auth import sessions as auth_sessions
from webapp.auth.cli import staff_cli
from webapp.auth.passwords import hash_password
from webapp.auth.users import CitizenUser, StaffUser
from webapp.counter import service as counter_actions
from webapp.models import CitizenAccount, StaffMember

# Answers to the account-request forms, as a browser would post them ---------------------------

# CNPs that do not tell everything: a resident's 7 (man) and 8 (woman) give the sex but not the
# century, a foreigner's 9 gives neither. All born 14.05.(19)58, as the applicant's answers say.
RESIDENT_MAN_CNP = "7580514123456"
RESIDENT_WOMAN_CNP = "8580514123458"
FOREIGN_CNP = "9580514123451"


def natural_person_row(**overrides) -> dict:
    """One administered natural person's answers, without the form's row prefix."""
    row = {
        "last_name": "Țărănescu",
        "first_name": "Ion",
        "cnp": "1800101123469",
        "category": "beneficiar",
        "legal_basis": "procura",
        "document_number": "1234",
        "document_date": "10.01.2024",
    }
    return row | overrides


def natural_person(index: int = 0, **overrides) -> dict:
    row = natural_person_row(**overrides)
    return {f"natural_persons-{index}-{key}": value for key, value in row.items()}


def legal_person_row(**overrides) -> dict:
    """One administered legal person's answers, without the form's row prefix."""
    row = {
        "name": "Asociația Pensionarilor Șoimii",
        "cui": "18547290",
        "role": "imputernicit",
        "document_number": "77",
        "document_date": "05.06.2023",
    }
    return row | overrides


def legal_person(index: int = 0, **overrides) -> dict:
    row = legal_person_row(**overrides)
    return {f"legal_persons-{index}-{key}": value for key, value in row.items()}


# The same answers as the account service stores them ------------------------------------------


def answers_for(index: int) -> dict:
    base = f"2580514{index:05d}"
    return as_stored(
        identity(cnp=base + cnp.calc_check_digit(base), email=f"persoana{index}@example.ro")
    )


def run_together(count: int, work) -> tuple[list, list]:
    """Run work(index) in `count` threads released at once; their results and errors."""
    results, errors = [], []
    start = threading.Barrier(count)

    def run(index):
        try:
            start.wait()
            results.append(work(index))
        except Exception as error:  # pragma: no cover - reported by the caller
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def rate_limited_app(database_url: str, **limits):
    """A testing app with the rate limits on (TestingConfig turns them off) and these limits."""
    return create_app(
        {"ENV_NAME": "testing", "DATABASE_URL": database_url, "RATELIMIT_ENABLED": True, **limits}
    )


# Staff, sessions, and requests submitted and approved at the counter --------------------------

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


# The account request through the pages --------------------------------------------------------


# The request's pages before the persons page, in order (M14: one thing per page).
IDENTITY_PAGES = (
    "account.identity",
    "account.identity_document",
    "account.address",
    "account.contact",
    "account.office",
)


def fill_identity(client_request, **overrides):
    """Answers the pages before the persons page, each with the answers it asks (the others are
    ignored); the response of the first page that does not go on, else the last one's 303."""
    data = identity(**overrides)
    for endpoint in IDENTITY_PAGES:
        token = client_request.csrf_token(endpoint)
        response = client_request.post(endpoint, data=data | {"csrf_token": token})
        if response.status_code != 303:
            return response
    return response


def submit_request(client_request, persons=None, **identity_overrides):
    assert fill_identity(client_request, **identity_overrides).status_code == 303
    account = client_request.within("account")
    token = account.csrf_token(".persons")
    data = {"csrf_token": token, "action": "continue", **(persons or {})}
    response = account.post(".persons", data=data)
    assert response.status_code == 303, response.get_data(True)[:3000]
    token = account.csrf_token(".check")
    return account.post(".check", data={"csrf_token": token})


# The counter's pages and its command line -----------------------------------------------------

CLI_STAFF_PASSWORD = "Ghiseu-Cluj-2026"


def run_staff(app, *args, password=CLI_STAFF_PASSWORD):
    return app.test_cli_runner().invoke(staff_cli, list(args), input=f"{password}\n")


def create_staff(app, email="functionar@cjpcluj.ro", county="CJ", role="clerk") -> StaffMember:
    args = ["create", email, "--county", county, "--role", role, "--password-stdin"]
    result = run_staff(app, *args)
    assert result.exit_code == 0, result.output
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        member = session.execute(
            select(StaffMember).where(StaffMember.email == email.lower())
        ).scalar_one()
        session.close()
    return member


def signed_in(app, member) -> PageClient:
    client = PageClient(app.test_client())
    sign_in_session(app, client, member)
    return client


def as_staff(app, **kwargs) -> tuple[PageClient, StaffMember]:
    member = create_staff(app, **kwargs)
    return signed_in(app, member), member


def add_request(app, index=1, office="CJ", persons=(), when=None) -> str:
    answers = answers_for(index) | {"office_code": office, "persons": list(persons)}
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        submitted = account_requests.submit(session, answers, when or dt.datetime.now(dt.UTC))
        reference = submitted.reference
        session.close()
    return reference


def stored(app, model, *conditions):
    session = app.extensions["db_sessionmaker"]()
    rows = session.execute(select(model).where(*conditions)).scalars().all()
    session.close()
    return rows


def emails_to(app, address: str):
    """Emails queued for an address; skips the rest of the test if the outbox is not built yet."""
    engine = app.extensions["db_engine"]
    if "outbox_emails" not in inspect(engine).get_table_names():
        pytest.skip("the outbox table (outbox_emails) is not in the migrations yet")
    from webapp.models import OutboxEmail

    return stored(app, OutboxEmail, OutboxEmail.recipient == address)


def page_token(client, url) -> str:
    return client.get_page(url).find("input", {"name": "csrf_token"})["value"]


def post_action(client, reference, action, expected_status=None, **data):
    url = client.url("counter.request_page", reference=reference)
    token = page_token(client, url)
    if action == "respingere":
        data = {"confirmed": "y"} | data  # the clerk ticks "Confirm că resping cererea"
    return client.post(
        f"{url}/{action}", data={"csrf_token": token, **data}, expected_status=expected_status
    )


def find(client, text, expected_status=None):
    """The search form is a POST (so that no CNP is in a URL), with the page's CSRF token."""
    token = page_token(client, "counter.search")
    return client.post(
        "counter.search", data={"csrf_token": token, "q": text}, expected_status=expected_status
    )


def register_data(**overrides) -> dict:
    data = {
        "id_type": "CI",
        "id_series": "CJ",
        "id_number": "123456",
        "id_seen": "y",
        "registration_number": "12345/2026",
        "registered_on": ro.today().strftime("%d.%m.%Y"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def error_summary(response) -> str:
    summary = soup(response).find(class_="error-summary")
    assert summary is not None, response.get_data(True)[:3000]
    return summary.get_text(" ", strip=True)


# A citizen's password, sign-in and password reset ---------------------------------------------

GOOD_PASSWORD = "Pensie2026!"


def set_password(client_request, link, password=GOOD_PASSWORD, **extra):
    page = client_request.get_page(link)
    token = page.find("input", {"name": "csrf_token"})["value"]
    return client_request.post(link, data={"csrf_token": token, "password": password, **extra})


def sign_in(client_request, email, password, **kwargs):
    token = client_request.csrf_token("/autentificare")
    return client_request.post(
        "/autentificare", data={"csrf_token": token, "email": email, "password": password}, **kwargs
    )


def active_citizen(app, client_request):
    request, _, link = approved(app)
    set_password(client_request, link)
    return request


def run_jobs(app) -> None:
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        jobs.run_due(session, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1))
        session.close()


def reset_emails(app, address):
    from webapp.models import OutboxEmail

    session = app.extensions["db_sessionmaker"]()
    emails = session.execute(select(OutboxEmail).where(OutboxEmail.recipient == address))
    found = [e for e in emails.scalars() if "/parola-noua/" in e.text_body]
    session.close()
    return found


def ask_for_reset(client_request, email, **kwargs):
    token = client_request.csrf_token("/parola-uitata")
    return client_request.post(
        "/parola-uitata", data={"csrf_token": token, "email": email}, **kwargs
    )


# The request for payment into an account ------------------------------------------------------

PENSIONER_CNP = "2580514123457"  # woman born 14.05.1958
REPRESENTATIVE_CNP = "1800101123469"


def pensioner(**overrides) -> dict:
    data = {
        "last_name": "Țărănescu",
        "first_name": "Ana-Maria Ștefania",
        "cnp": PENSIONER_CNP,
        "pension_number": "123456/2019",
        "house_code": "DB",
        "county_code": "DB",
        "locality": "Târgoviște",
        "street": "Strada Mihai Bravu",
        "street_number": "12A",
        "block": "",
        "staircase": "",
        "floor": "",
        "apartment": "",
        "postal_code": "130004",
        "phone": "0722 123 456",
        "email": "",
        "website": "",
    }
    return data | overrides


def bank_account(**overrides) -> dict:
    return {"iban": "ro49 btrl 0000 0000 0000 0076", "own_account": "y"} | overrides


def filer(**overrides) -> dict:
    return {"who_files": "titular"} | overrides


def representative(**overrides) -> dict:
    data = {
        "who_files": "imputernicit",
        "rep_last_name": "Popescu",
        "rep_first_name": "Ion",
        "rep_cnp": REPRESENTATIVE_CNP,
        "rep_document_number": "1234",
        "rep_document_date": "10.01.2024",
        # As posted with JS on, the questions revealed under the choice (webapp/payment/views.py).
        "representative_inline": "1",
    }
    return data | overrides


# The life certificate (its answers: tests/sample_answers.py) --------------------------------------


def count_renders(monkeypatch, document: str) -> list[str]:
    """The kinds ("pdf", "docx") that `document` renders from now on, in order; cache hits do not count."""
    calls: list[str] = []
    for kind, method in (("pdf", "_pdf"), ("docx", "_docx")):
        real = getattr(TemplatedPrintout, method)

        def counting(self, context, real=real, kind=kind):
            if self.name == document:
                calls.append(kind)
            return real(self, context)

        monkeypatch.setattr(TemplatedPrintout, method, counting)
    return calls


# A career record, inserted as the import will store it (until the importer lands) --------------


def career_record(
    session,
    cnp_value: str,
    *,
    current_to=dt.date(2026, 10, 31),
    months=(),
    work_book=(),
    assimilated=(),
    decided=(),
):
    """Rows of a career record for `cnp_value`: `months` are (date, cui, name, days, income[,
    conditions[, pillar2]]), `work_book` (employer, start, end, function, salary[, kind[,
    group]]), `assimilated` (kind, start, end, document), `decided` (year, points, decision)."""
    from decimal import Decimal

    from domain.career import record as career

    def month_row(month, cui, name, days, income, conditions="normale", pillar2=False):
        return career.MonthlyContribution(
            month, cui, name, days, Decimal(str(income)), conditions, pillar2
        )

    def book_row(employer, start, end, function, salary, kind="brut", group=""):
        return career.WorkBookEntry(
            employer, start, end, function, Decimal(str(salary)), salary_kind=kind, group=group
        )

    record = career.CareerRecord(
        cnp=cnp_value,
        current_to=current_to,
        monthly=tuple(month_row(*row) for row in months),
        work_book=tuple(book_row(*row) for row in work_book),
        assimilated=tuple(career.AssimilatedPeriod(*row) for row in assimilated),
        decided=tuple(
            career.DecidedPoints(year, Decimal(str(points)), decision)
            for year, points, decision in decided
        ),
    )
    career_rows_for_reports(session, record)


def career_months(first=(2019, 1), last=(2026, 10), income=5000, pillar2=False):
    """Monthly rows for career_record: one employer, every day of each month."""
    import calendar

    rows = []
    year, month = first
    while (year, month) <= last:
        days = calendar.monthrange(year, month)[1]
        rows.append(
            (dt.date(year, month, 1), "14399840", "Exemplu SRL", days, income, "normale", pillar2)
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return rows


# A career record for the reports (domain shape, and the same rows in the database) ----------

REPORT_CNP = APPLICANT_CNP


def career_record_for_reports(cnp: str = REPORT_CNP, *, first_year: int = 1981, years: int = 45):
    """A record of `years` years from `first_year`: work-book entries (two employers a decade)
    until March 2001, then monthly records with a gap in the middle, a few months in special
    conditions, Pillar II from 2008, two assimilated periods and one year decided."""
    from decimal import Decimal

    from domain.career import record as career

    book, months = [], []
    start = dt.date(first_year, 9, 1)
    cutoff = dt.date(2001, 3, 31)
    number = 0
    while start <= cutoff:
        end = min(dt.date(start.year + 4, 12, 31), cutoff)
        number += 1
        book.append(
            career.WorkBookEntry(
                employer=f"Întreprinderea Mecanică Nr. {number} Cluj",
                start=start,
                end=end,
                function="inginer" if number % 2 else "șef de secție",
                salary=Decimal(2500 + 900 * number) if start.year < 1990 else Decimal(950_000),
                salary_kind="net" if start.year < 1991 else "brut",
                group="II" if number == 2 else "",
            )
        )
        start = end + dt.timedelta(days=1)
    last_year = first_year + years - 1
    month = dt.date(2001, 4, 1)
    while month <= dt.date(last_year, 12, 1):
        gap = dt.date(2013, 2, 1) <= month <= dt.date(2013, 7, 1)
        if not gap:
            months.append(
                career.MonthlyContribution(
                    month=month,
                    employer_cui="18547290",
                    employer_name="Șantierul Naval Țărmure SA",
                    days=21,
                    gross_income=Decimal(1200 + 40 * (month.year - 2001) ** 2),
                    conditions="deosebite" if month.year == 2005 else "normale",
                    pillar2=month >= dt.date(2008, 5, 1),
                )
            )
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return career.CareerRecord(
        cnp=cnp,
        current_to=dt.date(last_year, 12, 31),
        monthly=tuple(months),
        work_book=tuple(book),
        assimilated=(
            career.AssimilatedPeriod(
                "serviciu_militar", dt.date(1980, 9, 1), dt.date(1981, 8, 31), "Livret militar"
            ),
            career.AssimilatedPeriod(
                "crestere_copil", dt.date(2013, 2, 1), dt.date(2013, 7, 31), "Decizia 12/2013"
            ),
        ),
        decided=(career.DecidedPoints(1999, Decimal("1.23456"), "Decizia 4567/2002"),),
    )


def career_rows_for_reports(session, record=None) -> None:
    """Inserts a domain CareerRecord (by default career_record_for_reports()) as database rows;
    the caller's session commits here."""
    from webapp import models

    record = record or career_record_for_reports()
    session.add(models.CareerRecord(cnp=record.cnp, current_to=record.current_to))
    session.flush()
    for row in record.monthly:
        session.add(
            models.CareerMonth(
                cnp=record.cnp,
                month=row.month,
                employer_cui=row.employer_cui,
                employer_name=row.employer_name,
                days=row.days,
                gross_income=row.gross_income,
                conditions=row.conditions,
                pillar2=row.pillar2,
            )
        )
    for row in record.work_book:
        session.add(
            models.WorkBookEntry(
                cnp=record.cnp,
                employer=row.employer,
                start=row.start,
                end=row.end,
                function=row.function,
                salary=row.salary,
                salary_kind=row.salary_kind,
                group=row.group,
                pay_unit=row.pay_unit,
                hours_or_days=row.hours_or_days,
            )
        )
    for row in record.assimilated:
        session.add(
            models.CareerAssimilatedPeriod(
                cnp=record.cnp, kind=row.kind, start=row.start, end=row.end, document=row.document
            )
        )
    for row in record.decided:
        session.add(
            models.CareerDecidedPoints(
                cnp=record.cnp, year=row.year, points=row.points, decision=row.decision
            )
        )
    session.commit()


# The career record's import format (README, "Formatul de import al carierei") -----------------

CAREER_CNP = "2650823120019"  # woman born 23.08.1965
CAREER_CUI = "12345674"
CAREER_ROW_DEFAULTS = {
    "actualizare": {"date_actualizate_la": "2026-10-31"},
    "luna": {
        "luna": "2024-02",
        "cui_angajator": CAREER_CUI,
        "angajator": "Tricotaje Someșul SRL",
        "zile": "29",
        "venit_brut": "5120.50",
        "conditii": "normale",
        "pilon2": "nu",
    },
    "carnet": {
        "angajator": "Fabrica de Confecții Cluj",
        "de_la": "1984-09-01",
        "pana_la": "1995-06-30",
        "functia": "confecționer",
        "salariu": "2450",
        "tip_salariu": "brut",
        "grupa": "",
        "unitate_plata": "luna",
    },
    "asimilat": {
        "fel": "studii_universitare",
        "de_la": "1983-10-01",
        "pana_la": "1984-06-30",
        "document": "Adeverința 123/1984",
    },
    "punctaj": {"an": "1990", "puncte": "1.12345", "decizie": "Decizia 45/2002"},
}


def career_row(kind: str, cnp: str = CAREER_CNP, **overrides) -> dict:
    """One valid row of the import format, as a CSV reader gives it (strings)."""
    return {"tip": kind, "cnp": cnp} | CAREER_ROW_DEFAULTS[kind] | overrides


def career_rows(cnp: str = CAREER_CNP) -> list[dict]:
    """A small valid record: the update date, two work-book entries, two months, a period of
    studies and decided points."""
    return [
        career_row("actualizare", cnp),
        career_row("carnet", cnp),
        career_row(
            "carnet",
            cnp,
            angajator="Tricotaje Someșul",
            de_la="1995-07-01",
            pana_la="2001-03-31",
            functia="șef de echipă",
            salariu="1850000",
            grupa="II",
        ),
        career_row("luna", cnp, luna="2001-04", zile="30", venit_brut="2450000"),
        career_row("luna", cnp),
        career_row("asimilat", cnp),
        career_row("punctaj", cnp),
    ]


def career_csv(rows: list[dict], delimiter: str = ",") -> str:
    import csv
    import io

    from domain.career.import_rows import COLUMNS

    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# Petitions (issue 12, CITIZEN).


def signed_in_citizen(app, index=1, persons=(), seen=()):
    """An approved, active, signed-in citizen: (PageClient, AccountRequest, CitizenAccount).
    `persons` are administered natural persons (their answers), `seen` says which documents the
    counter checked."""

    request, account, _ = approved(app, index=index)
    session = app.extensions["db_sessionmaker"]()
    active = session.get(CitizenAccount, account.id)
    active.password_hash = hash_password(GOOD_PASSWORD)
    active.activated_at = dt.datetime.now(dt.UTC)
    session.commit()
    session.close()
    if persons:
        # As approval would have written them (administered_persons), seen ones verified.
        give_persons(
            app,
            request.id,
            [{"kind": "natural", **p} for p in persons],
            seen=[index for index, was_seen in enumerate(seen) if was_seen],
        )
    client = PageClient(app.test_client())
    sign_in_session(app, client, active)
    return client, request, active


def png_bytes(size=(4, 4)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# Persons administered ---------------------------------------------------------------------------


def give_persons(app, request_id: int, persons, seen=()) -> None:
    """Gives an approved request `persons` (as the account service stores them, with "kind"),
    the counter's checklist marking the indexes in `seen`, and the administered_persons rows
    approval writes from them (webapp/counter/persons.py), replacing any."""
    from webapp.counter.persons import record_at_approval
    from webapp.models import AccountRequest, AdministeredPerson

    session = app.extensions["db_sessionmaker"]()
    request = session.get(AccountRequest, request_id)
    request.answers = {**request.answers, "persons": list(persons)}
    request.checklist = {
        **(request.checklist or {}),
        "persons": [{"document": "procura", "seen": i in set(seen)} for i in range(len(persons))],
    }
    account = request.account
    session.execute(
        AdministeredPerson.__table__.delete().where(AdministeredPerson.account_id == account.id)
    )
    record_at_approval(session, request, account, request.decided_at or dt.datetime.now(dt.UTC))
    session.commit()
    session.close()


# As the account service stores them (dates in ISO form).
ADMINISTERED = [
    {
        "kind": "natural",
        **natural_person_row(last_name="Popescu", first_name="Ștefan", document_date="2024-01-10"),
    },
    {
        "kind": "natural",
        **natural_person_row(first_name="Vasile", cnp="1850505123453", document_date="2024-01-10"),
    },
    {"kind": "legal", **legal_person_row(document_date="2023-06-05")},
    {
        "kind": "natural",
        **natural_person_row(
            last_name="Ionescu",
            first_name="Maria",
            cnp="2900101123454",
            legal_basis="tutela",
            document_date="2024-01-10",
        ),
    },
]
ADMINISTERED_SEEN = {0, 2, 3}  # Vasile's (number 2) document was not seen at the counter


def holder_of_persons(app, index=1, persons=ADMINISTERED, seen=ADMINISTERED_SEEN, revoked=()):
    """An approved, active, signed-in account administering `persons` (numbers 1, 2, …), those
    in `revoked` revoked at the counter; returns (client, request, account)."""
    from webapp.counter.persons import revoke
    from webapp.models import AccountRequest

    request, account, _ = approved(app, index)
    give_persons(app, request.id, persons, seen)
    session = app.extensions["db_sessionmaker"]()
    active = session.get(CitizenAccount, account.id)
    active.password_hash = hash_password(GOOD_PASSWORD)
    active.activated_at = dt.datetime.now(dt.UTC)
    session.commit()
    stored = session.get(AccountRequest, request.id)
    with app.test_request_context(base_url="http://localhost"):
        for number in revoked:
            revoke(
                session,
                stored,
                number,
                stored.decided_by,
                reason="Procura a fost revocată la notar.",
                remote_addr="127.0.0.1",
                now=dt.datetime.now(dt.UTC),
            )
    session.close()
    client = PageClient(app.test_client())
    sign_in_session(app, client, active)
    return client, request, active


# Petitions for the counter, built directly in the database (not through the citizen's pages)


def petition_account(session, index: int | None = None) -> CitizenAccount:
    """A citizen account (its request submitted, no password) to own petitions; by default the
    next applicant of answers_for() that has none."""
    from sqlalchemy import func

    from domain.references import ACCOUNT_REQUEST_PREFIX
    from webapp.models import AccountRequest
    from webapp.references import next_reference

    if index is None:
        index = session.execute(select(func.count()).select_from(CitizenAccount)).scalar_one() + 1
    # Stored directly, not through the submission service: no submission email, no app context.
    answers, now = answers_for(index), dt.datetime.now(dt.UTC)
    request = AccountRequest(
        reference=next_reference(session, ACCOUNT_REQUEST_PREFIX, now.year),
        cnp=answers["cnp"],
        email=answers["email"],
        office_code=answers["office_code"],
        answers=answers,
        submitted_at=now,
    )
    session.add(request)
    session.flush()
    account = CitizenAccount(email=request.email, request_id=request.id)
    session.add(account)
    session.commit()
    return account


def petition(
    session,
    *,
    account: CitizenAccount | None = None,
    county: str = "CJ",
    status: str = "registered",
    registered_at: dt.datetime | None = None,
    due_on: dt.date | None = None,
    attachments: tuple[tuple[str, bytes], ...] = (),
    **overrides,
):
    """A petition in the database as the citizen's side leaves it once sent: registered (with its
    history event), due 30 days after registration unless `due_on` is given; `attachments` are
    (name, bytes) stored through webapp.files."""
    from domain import ro
    from webapp import files
    from webapp.models import Petition, PetitionEvent, PetitionFile
    from webapp.references import next_reference

    account = account or petition_account(session)
    registered_at = registered_at or dt.datetime.now(dt.UTC)
    registered_on = ro.local(registered_at).date()
    values = {
        "reference": next_reference(session, "PT", registered_on.year),
        "account_id": account.id,
        "subject_cnp": APPLICANT_CNP,
        "subject_name": "Maria Popescu",
        "category": "calcul",
        "county_code": county,
        "first_county_code": county,
        "title": "Calculul pensiei mele",
        "text": "Vă rog să verificați stagiul din anii 1990-1995.\nMulțumesc.",
        "status": status,
        "registered_at": registered_at,
        "due_on": due_on or registered_on + dt.timedelta(days=30),
    } | overrides
    made = Petition(**values)
    session.add(made)
    session.flush()
    session.add(PetitionEvent(petition_id=made.id, at=registered_at, action="registered"))
    for name, data in attachments:
        stored = files.store(session, name, data)
        session.add(PetitionFile(petition_id=made.id, file=stored, role="attachment"))
    session.commit()
    return made


# Notifications (issue 12) ----------------------------------------------------------------------

PETITION_TEXT = "Vă rog să verificați stagiul din 1992, lipsește luna martie de la Clujana."


def active_account(app, index=1, **answers) -> CitizenAccount:
    """An approved account with a password set (not through the pages: no activation event);
    `answers` are changed in its request (e.g. country_code="IT" for an address abroad)."""
    from webapp.models import AccountRequest

    request, account, _ = approved(app, index=index)
    session = app.extensions["db_sessionmaker"]()
    active = session.get(CitizenAccount, account.id)
    active.password_hash = hash_password(GOOD_PASSWORD)
    active.activated_at = dt.datetime.now(dt.UTC)
    if answers:
        row = session.get(AccountRequest, request.id)
        row.answers = {**row.answers, **answers}
    session.commit()
    session.expunge_all()
    session.close()
    return active


def add_petition(session, account: CitizenAccount, number: int = 1, **overrides):
    """A petition of the account, as the citizen's sending stores it (not committed)."""
    from webapp.models import Petition

    now = dt.datetime.now(dt.UTC)
    values = {
        "reference": f"PT-2026-{number:06d}",
        "account_id": account.id,
        "subject_cnp": "2580514000019",
        "subject_name": "Ana-Maria Ștefania Țărănescu",
        "category": "corectura_stagiu",
        "county_code": "CJ",
        "first_county_code": "CJ",
        "title": "Corectarea stagiului din 1992",
        "text": PETITION_TEXT,
        "status": "registered",
        "registered_at": now,
        "due_on": dt.date(2027, 1, 11),
    }
    values.update(overrides)
    petition = Petition(**values)
    session.add(petition)
    session.flush()
    return petition


# The payment into an account abroad (payabroad) ------------------------------------------------


def pensioner_abroad(**overrides) -> dict:
    return {
        "last_name": "Țărănescu",
        "first_name": "Ana-Maria Ștefania",
        "cnp": PENSIONER_CNP,
        "pension_number": "123456/2019",
        "house_code": "DB",
        "country_code": "IT",
        "street": "Via Roma 12, int. 4",
        "locality": "Roma",
        "region": "RM",
        "postal_code": "00184",
        "phone": "+39 06 1234 5678",
        "email": "",
    } | overrides


def foreign_account(**overrides) -> dict:
    return {
        "bank_country": "IT",
        "iban": "it60 x054 2811 1010 0000 0123 456",
        "bic": "bpmoit22xxx",
        "bank_name": "Banco BPM",
        "bank_address": "Piazza Filippo Meda 4, 20121 Milano",
        "holder_name": "TARANESCU ANA MARIA STEFANIA",
        "own_account": "y",
    } | overrides


def representative_answers(**overrides) -> dict:
    return {
        "rep_last_name": "Popescu",
        "rep_first_name": "Ion",
        "rep_cnp": REPRESENTATIVE_CNP,
        "rep_document_number": "1234",
        "rep_document_date": "10.01.2024",
    } | overrides
