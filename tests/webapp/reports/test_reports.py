"""Career reports in the account: asked for in a form, made by the background job (never in
the request), ready with a notification and an email without personal data, downloaded only
by their owner, checked by their code at /verificare without signing in, purged when old."""

import csv
import datetime as dt
import io
import re

from sqlalchemy import select, update

from tests.builders import (
    career_record_for_reports,
    career_rows_for_reports,
    natural_person_row,
    run_jobs,
    sign_in_session,
    signed_in_citizen,
    stored,
)
from tests.documents.document_text import pdf_text
from tests.page_checks import PageClient, soup
from webapp import create_app, retention
from webapp.db import Base
from webapp.models import (
    AccountRequest,
    AdministeredPerson,
    BackgroundJob,
    CareerReport,
    Notification,
    OutboxEmail,
)

CODE = re.compile(r"Cod de verificare: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})")
PERSON_CNP = natural_person_row()["cnp"]


def citizen(app, index=1, persons=(), seen=()) -> tuple[PageClient, AccountRequest, object]:
    """An approved, signed-in citizen with a 45-year career record; `persons` are administered
    natural persons (their answers), `seen` says which documents the counter checked."""
    client, request, active = signed_in_citizen(app, index, persons, seen)
    session = app.extensions["db_sessionmaker"]()
    career_rows_for_reports(session, career_record_for_reports(request.cnp))
    session.close()
    return client, request, active


def ask(client, kind="puncte_anuale", person="0", expected_status=303):
    token = client.csrf_token("reports.index")
    return client.post(
        "reports.ask",
        data={"csrf_token": token, "kind": kind, "person": person},
        expected_status=expected_status,
    )


def reports_in(app):
    return stored(app, CareerReport)


def code_of(report: CareerReport) -> str:
    return CODE.search(pdf_text(report.pdf)).group(1)


def test_asking_creates_the_report_and_its_job_and_makes_nothing_in_the_request(app):
    client, request, account = citizen(app)
    ask(client)
    (report,) = reports_in(app)
    assert (report.account_id, report.cnp, report.kind) == (
        account.id,
        request.cnp,
        "puncte_anuale",
    )
    assert report.status == "requested"
    assert report.pdf is None and report.code_hash is None
    assert re.fullmatch(r"RC-\d{4}-000001", report.number)
    (job,) = stored(app, BackgroundJob, BackgroundJob.kind == "career_report")
    assert job.payload == {"report_id": report.id}
    page = client.get_page("reports.index")
    assert "În lucru" in page.get_text()
    assert "este în lucru" in page.find(class_="notice").get_text()


def test_while_in_the_works_the_list_polls_every_2_seconds_through_a_real_link(app):
    client, _, _ = citizen(app)
    ask(client)
    page = client.get_page("reports.index")
    link = page.find("a", attrs={"hx-trigger": "every 2s"})
    assert link is not None and link.get_text() == "Reîncărcați"
    assert link["href"] == link["hx-get"] == "/contul-meu/rapoarte/"
    assert link["hx-target"] == "#lista-rapoarte"
    # The poll gets the list alone, which replaces itself.
    fragment = client.get("reports.index", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert "<h1" not in html and 'id="lista-rapoarte"' in html
    assert "Cereți un raport" not in html
    run_jobs(app)
    fragment = soup(client.get("reports.index", headers={"HX-Request": "true"}))
    # Ready: the list no longer polls, so the browser stops asking.
    assert fragment.find("a", attrs={"hx-trigger": True}) is None
    assert fragment.find("a", string="PDF") is not None


def test_the_job_makes_the_pdf_and_csv_notifies_and_emails_without_personal_data(app):
    client, request, account = citizen(app)
    ask(client)
    run_jobs(app)
    (report,) = reports_in(app)
    assert report.status == "ready"
    assert report.pdf.startswith(b"%PDF") and report.csv.startswith("\ufeff".encode())
    assert report.current_to == dt.date(2025, 12, 31)
    assert report.expires_at - report.ready_at == dt.timedelta(days=90)
    text = pdf_text(report.pdf)
    assert request.full_name in text and request.cnp in text and report.number in text
    (notification,) = stored(app, Notification)
    assert notification.account_id == account.id
    assert notification.text.startswith(f"Raportul {report.number} (punctajul pe ani")
    assert "este gata" in notification.text
    (email,) = stored(app, OutboxEmail, OutboxEmail.template == "notification_report_ready")
    assert email.recipient == account.email
    assert email.subject == f"Raportul {report.number} este gata"
    assert "http://localhost/contul-meu/rapoarte/" in email.text_body
    assert 'href="http://localhost/contul-meu/rapoarte/"' in email.html_body
    for body in (email.subject, email.text_body, email.html_body):
        for personal in (
            request.cnp,
            request.answers["last_name"],
            request.answers["first_name"],
            "Șantierul",
            "Total puncte",
        ):
            assert personal not in body, personal
        # No figure from the report: no points (5 decimals), no amounts in lei.
        assert not re.search(r"\d,\d{5}|\d\.\d{3},\d{2}", body)
    page = client.get_page("reports.index")
    assert notification.text in page.get_text(" ")


def test_a_second_request_of_the_same_kind_while_one_is_in_the_works_is_not_a_second_report(app):
    client, _, _ = citizen(app)
    ask(client)
    ask(client)
    assert len(reports_in(app)) == 1
    assert "deja în lucru" in client.get_page("reports.index").find(class_="notice").get_text()
    ask(client, kind="stagii_lunare")
    assert len(reports_in(app)) == 2
    run_jobs(app)
    ask(client)  # the first is ready: a new one may be asked for
    assert len(reports_in(app)) == 3


def test_a_request_whose_job_gave_up_no_longer_blocks_a_new_one(app):
    client, _, _ = citizen(app)
    ask(client)
    session = app.extensions["db_sessionmaker"]()
    report = session.scalars(select(CareerReport)).one()
    report.requested_at -= dt.timedelta(hours=2)
    session.commit()
    session.close()
    assert "Nu a reușit" in client.get_page("reports.index").get_text()
    ask(client)
    statuses = sorted(r.status for r in reports_in(app))
    assert statuses == ["failed", "requested"]


def test_the_owner_downloads_pdf_and_csv(app):
    client, _, _ = citizen(app)
    ask(client, kind="stagii_lunare")
    run_jobs(app)
    (report,) = reports_in(app)
    pdf = client.get("reports.download", report_id=report.id, extension="pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data == report.pdf
    assert pdf.headers["Cache-Control"] == "private, no-store"
    assert f"raport-cariera-{report.number}.pdf" in pdf.headers["Content-Disposition"]
    data = client.get("reports.download", report_id=report.id, extension="csv")
    assert data.mimetype == "text/csv" and data.data == report.csv
    assert "nicio contribuție declarată" in data.data.decode("utf-8")


def test_another_account_s_report_is_a_404_and_so_is_one_not_ready(app):
    owner, _, _ = citizen(app, index=1)
    ask(owner)
    (report,) = reports_in(app)
    owner.get("reports.download", report_id=report.id, extension="pdf", expected_status=404)
    run_jobs(app)
    other, _, _ = citizen(app, index=2)
    for extension in ("pdf", "csv"):
        other.get("reports.download", report_id=report.id, extension=extension, expected_status=404)
    other.get("reports.download", report_id=report.id + 99, extension="pdf", expected_status=404)
    assert report.number not in other.get_page("reports.index").get_text()
    owner.get("reports.download", report_id=report.id, extension="pdf", expected_status=200)


def test_signed_out_visitors_are_sent_to_sign_in(app, client_request):
    response = client_request.get("reports.index", expected_status=302)
    assert "/autentificare" in response.headers["Location"]


def test_an_administered_person_whose_document_was_seen_can_be_chosen(app):
    other = natural_person_row(last_name="Popescu", first_name="Ion", cnp="1800101123469")
    unseen = natural_person_row(last_name="Ionescu", first_name="Vasile", cnp="1850505123453")
    client, _, _ = citizen(app, persons=[other, unseen], seen=[True, False])
    page = client.get_page("reports.index")
    labels = [label.get_text(" ", strip=True) for label in page.select("label[for^=person-]")]
    assert labels[1:] == ["Pentru Popescu Ion"]
    assert "Ionescu" not in page.get_text()
    # Person 2 (the unseen one) is not a choice: a tampered form is refused.
    ask(client, person="2", expected_status=400)
    session = app.extensions["db_sessionmaker"]()
    career_rows_for_reports(session, career_record_for_reports(PERSON_CNP))
    session.close()
    ask(client, person="1", kind="carnet_munca")
    run_jobs(app)
    (report,) = reports_in(app)
    assert report.cnp == PERSON_CNP and report.status == "ready"
    assert "Popescu Ion" in pdf_text(report.pdf)


def test_a_bad_kind_is_refused_with_the_form_again(app):
    client, _, _ = citizen(app)
    response = ask(client, kind="totul", expected_status=400)
    assert "Alegeți raportul dorit din listă." in response.get_data(as_text=True)
    assert reports_in(app) == []


def test_a_person_without_a_record_gets_a_report_that_says_so(app):
    client, _, _ = citizen(app)
    session = app.extensions["db_sessionmaker"]()
    for model in (
        "CareerMonth",
        "WorkBookEntry",
        "CareerAssimilatedPeriod",
        "CareerDecidedPoints",
        "CareerRecord",
    ):
        from webapp import models

        session.query(getattr(models, model)).delete()
    session.commit()
    session.close()
    ask(client, kind="stagii_lunare")
    run_jobs(app)
    (report,) = reports_in(app)
    text = pdf_text(report.pdf)
    assert "Nu există înregistrări în evidență" in text
    assert "Date actualizate la necunoscută" in text


# /verificare -----------------------------------------------------------------------------------


def test_a_genuine_code_says_when_and_what_without_the_content(app, client_request):
    client, request, _ = citizen(app)
    ask(client, kind="stagii_anuale")
    run_jobs(app)
    (report,) = reports_in(app)
    code = code_of(report)
    assert report.code_hash != code and code not in report.code_hash
    # As the QR code opens it, and typed loosely.
    for typed in (code, code.lower().replace("-", "")):
        page = client_request.get_page("verify.verify", cod=typed)
        text = page.get_text(" ", strip=True)
        assert f"Raportul {report.number} este autentic" in text
        assert "Stagiul de cotizare pe ani" in text
        assert "31 decembrie 2025" in text
        for private in (request.cnp, request.answers["last_name"], "Șantierul"):
            assert private not in text


def test_an_unknown_or_malformed_code_is_not_genuine(app, client_request):
    page = client_request.get_page("verify.verify", cod="0000-0000-0000-0000-0000")
    assert "Nu am găsit niciun raport cu acest cod" in page.get_text()
    page = client_request.get_page("verify.verify", cod="ABC")
    assert "Codul de verificare are 20 de litere" in page.find(class_="error-summary").get_text()
    page = client_request.get_page("verify.verify")
    assert page.find("form", method="get")["action"] == "/verificare"
    assert "Nu am găsit" not in page.get_text()


def test_asking_is_rate_limited(migrated):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "REPORT_REQUEST_RATE_LIMIT": "2 per minute",
        }
    )
    try:
        client, _, _ = citizen(app)
        ask(client, kind="stagii_lunare")
        ask(client, kind="stagii_anuale")
        ask(client, kind="carnet_munca", expected_status=429)
        assert len(reports_in(app)) == 2
    finally:
        engine = app.extensions["db_engine"]
        with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
        engine.dispose()


def test_verification_is_rate_limited(migrated):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "VERIFY_RATE_LIMIT": "3 per minute",
        }
    )
    client = app.test_client()
    codes = [
        client.get("/verificare?cod=0000-0000-0000-0000-000" + str(i)).status_code for i in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    app.extensions["db_engine"].dispose()


# Retention -------------------------------------------------------------------------------------


def test_reports_past_their_days_are_gone_from_list_download_and_verification(app, client_request):
    client, _, account = citizen(app)
    ask(client)
    run_jobs(app)
    (report,) = reports_in(app)
    code = code_of(report)
    later = report.expires_at + dt.timedelta(minutes=1)
    session = app.extensions["db_sessionmaker"]()
    results = dict(
        (rule.key, count)
        for rule, count in retention.purge_all(
            session, later, retention.Periods.from_config(app.config)
        )
    )
    session.close()
    assert results["career_reports"] == 1
    assert reports_in(app) == []
    # The purge 90 days on also ended the sign-in session; sign in again.
    sign_in_session(app, client, account)
    client.get("reports.download", report_id=report.id, extension="pdf", expected_status=404)
    assert "Nu am găsit" in client_request.get_page("verify.verify", cod=code).get_text()


def test_the_purge_keeps_reports_within_their_days(app):
    client, _, _ = citizen(app)
    ask(client)
    run_jobs(app)
    (report,) = reports_in(app)
    session = app.extensions["db_sessionmaker"]()
    periods = retention.Periods.from_config(app.config)
    assert (
        retention.delete_old_reports(session, report.expires_at - dt.timedelta(days=1), periods)
        == 0
    )
    session.commit()
    session.close()
    assert len(reports_in(app)) == 1


def test_the_account_page_links_to_the_reports(app):
    client, _, _ = citizen(app)
    page = client.get_page("my_account.index")
    assert page.find("a", href="/contul-meu/rapoarte/") is not None


# The report and the career page: one calculation, links both ways ------------------------------


def csv_rows(report: CareerReport) -> list[list[str]]:
    return list(csv.reader(io.StringIO(report.csv.decode("utf-8-sig")), delimiter=";"))


def test_the_points_report_s_rows_are_the_career_page_s_year_table(app):
    client, _, _ = citizen(app)
    ask(client, kind="puncte_anuale")
    run_jobs(app)
    (report,) = reports_in(app)
    header, *rows = csv_rows(report)
    assert header[3:5] == ["Punctaj anual", "Împărțitorul și sursa lui"]
    page = client.get_page("career.mine")
    table = page.find(id="years")
    shown = {
        row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }
    assert [row[0] for row in rows] == list(shown)
    computed = decided = unsettled = 0
    for year, days, _income, points, divisor, basis, pillar2, source, _detail in rows:
        cells = shown[year]
        if points == "—":
            assert cells[2] == "de stabilit"
            assert divisor in cells[3]  # the reason, as the page gives it
            unsettled += 1
            continue
        assert cells[0] == days
        assert cells[2].split(" (")[0] == points
        if source.startswith("Decizia"):
            assert cells[2] == f"{points} ({source})"
        assert cells[3].startswith(divisor if divisor != "—" else "")
        assert f"({basis})" in cells[3]
        assert cells[4] == pillar2
        decided += source.startswith("Decizia")
        computed += source == "calculat după lege"
    # The record has computed years (annex 7, INS, CSMB), one decided and some to settle.
    assert computed > 10 and decided == 1 and unsettled > 0
    assert "câștigul salarial mediu brut lunar comunicat de INS" in report.csv.decode("utf-8-sig")


def test_the_career_page_links_to_the_reports_for_its_person_and_back(app):
    other = natural_person_row(last_name="Popescu", first_name="Ion", cnp="1800101123469")
    client, _, _ = citizen(app, persons=[other], seen=[True])
    session = app.extensions["db_sessionmaker"]()
    career_rows_for_reports(session, career_record_for_reports(other["cnp"]))
    session.close()
    for page, chosen, address in (
        (client.get_page("career.mine"), "0", "/contul-meu/rapoarte/"),
        (client.get_page("career.person", number=1), "1", "/contul-meu/rapoarte/?persoana=1"),
    ):
        link = page.find("a", string="Cereți raportul ca PDF și CSV")
        assert link["href"] == address
        reports_page = client.get_page(link["href"])
        assert (
            reports_page.find("input", attrs={"name": "person", "checked": True})["value"] == chosen
        )
        back = {a["href"] for a in reports_page.select("a[href^='/contul-meu/cariera']")}
        assert back == {"/contul-meu/cariera/", "/contul-meu/cariera/persoana/1"}
    # A number not theirs is not reachable (see also tests/webapp/persons/test_access.py).
    client.get("/contul-meu/rapoarte/?persoana=7", expected_status=404)


def test_a_person_no_longer_verified_is_neither_a_choice_nor_reported(app):
    other = natural_person_row(last_name="Popescu", first_name="Ion", cnp="1800101123469")
    client, _, account = citizen(app, persons=[other], seen=[True])
    ask(client, person="1", kind="stagii_anuale")
    session = app.extensions["db_sessionmaker"]()
    # The counter revoked the person (webapp/counter/persons.py does it with its audit event).
    session.execute(
        update(AdministeredPerson)
        .where(AdministeredPerson.account_id == account.id)
        .values(revoked_at=dt.datetime.now(dt.UTC), revoke_reason="procura a încetat")
    )
    session.commit()
    session.close()
    run_jobs(app)
    (report,) = reports_in(app)
    assert report.status == "failed" and report.pdf is None
    page = client.get_page("reports.index")
    assert [i["value"] for i in page.select("input[name=person]")] == ["0"]
    assert "Popescu" not in page.get_text()
    ask(client, person="1", expected_status=400)
    client.get("career.person", number=1, expected_status=404)
