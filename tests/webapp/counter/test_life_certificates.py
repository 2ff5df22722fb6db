"""The counter's life certificates sent online: only staff of the paying county house see the
queue's rows, a certificate and its file (another county's clerk or supervisor gets a 404); the
two decisions are conditional updates (two clerks at once: one wins), audited, e-mailed to the
pensioner in the language they sent in, and shown by the pensioner's status link."""

import datetime as dt
import re

import pytest

from tests.builders import (
    emails_to,
    make_staff,
    page_token,
    pdf_bytes,
    run_together,
    signed_in,
    stored,
)
from tests.page_checks import PageClient
from tests.webapp.life_certificate.test_upload import EMAIL, send
from webapp.models import AuditEvent, LifeCertificateUpload

QUEUE = "/ghiseu/certificate-de-viata/"


@pytest.fixture
def sent(app):
    """A certificate for Dâmbovița (DB), clerks of DB and of Cluj, and a Cluj supervisor."""
    pensioner = PageClient(app.test_client())
    send(pensioner)
    session = app.extensions["db_sessionmaker"]()
    clerks = {
        "db": make_staff(session, email="clerk@cjpdb.ro", county="DB"),
        "db2": make_staff(session, email="clerk2@cjpdb.ro", county="DB"),
        "cluj": make_staff(session, email="clerk@cjpcluj.ro", county="CJ"),
        "boss": make_staff(session, email="sef@cjpcluj.ro", county="CJ", role="supervisor"),
    }
    session.close()
    [upload] = stored(app, LifeCertificateUpload)
    return {
        "reference": upload.reference,
        "pensioner": pensioner,
        **{name: signed_in(app, member) for name, member in clerks.items()},
    }


def urls(reference):
    base = f"/ghiseu/certificate-de-viata/{reference}"
    return [base, f"{base}/fisier/fata", f"{base}/fisier/verso"]


def test_the_paying_houses_clerk_sees_it_in_the_queue_and_downloads_the_file(app, sent):
    clerk = sent["db"]
    page = clerk.get_page(QUEUE)
    link = page.find("a", string=sent["reference"])
    assert link is not None
    detail = clerk.get_page(link["href"])
    assert "Țărănescu" in detail.get_text()
    href = detail.find("a", string="certificat.pdf")["href"]
    response = clerk.get(href)
    assert response.data == pdf_bytes() or response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == 'attachment; filename="certificat.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-store"
    # No back side was sent.
    clerk.get(f"{QUEUE}{sent['reference']}/fisier/verso", expected_status=404)
    actions = [e.action for e in stored(app, AuditEvent)]
    assert {"life_certificate_queue", "life_certificate_view", "life_certificate_file"} <= set(
        actions
    )


@pytest.mark.parametrize("who", ["cluj", "boss"])
def test_another_countys_staff_get_404_everywhere(app, sent, who):
    client = sent[who]
    assert sent["reference"] not in client.get(QUEUE).get_data(as_text=True)
    for url in urls(sent["reference"]):
        client.get(url, expected_status=404)
    token = page_token(client, QUEUE)
    for action in ("acceptare", "certificat-nou"):
        client.post(
            f"{QUEUE}{sent['reference']}/{action}",
            data={"csrf_token": token, "reason": "x"},
            expected_status=404,
        )
    [upload] = stored(app, LifeCertificateUpload)
    assert upload.status == "received"
    assert len(emails_to(app, EMAIL)) == 1


def test_a_supervisor_sees_another_houses_list_but_not_its_certificates(app, sent):
    boss = sent["boss"]
    page = boss.get_page(f"{QUEUE}?judet=DB")
    assert sent["reference"] in page.find(id="de-verificat").get_text()
    assert not page.find("a", string=sent["reference"])
    boss.get(f"{QUEUE}{sent['reference']}", expected_status=404)
    # A clerk's ?judet= is ignored: their own house's list.
    assert sent["reference"] not in sent["cluj"].get(f"{QUEUE}?judet=DB").get_data(as_text=True)


def test_a_pensioner_or_visitor_never_reaches_the_counter(app, sent):
    for url in urls(sent["reference"]):
        response = sent["pensioner"].get(url, expected_status=None)
        assert response.status_code in (302, 403, 404)
        assert not response.data.startswith(b"%PDF")


def test_accept_is_emailed_audited_and_shown_by_the_status_link(app, sent):
    clerk = sent["db"]
    url = f"{QUEUE}{sent['reference']}"
    token = page_token(clerk, url)
    response = clerk.post(f"{url}/acceptare", data={"csrf_token": token}, expected_status=303)
    page = clerk.get_page(response.headers["Location"])
    assert "Certificatul a fost acceptat ca valabil" in page.get_text()
    assert not page.find("button", string="Acceptați ca valabil")
    [upload] = stored(app, LifeCertificateUpload)
    assert upload.status == "accepted" and upload.decided_by_id is not None
    [event] = [e for e in stored(app, AuditEvent) if e.action == "life_certificate_accept"]
    assert event.details["certificate"] == sent["reference"]
    [email] = [e for e in emails_to(app, EMAIL) if e.template == "life_certificate_accepted"]
    assert sent["reference"] in email.subject
    link = re.search(r"(/certificat-de-viata/trimitere/stadiu/\S+)", email.text_body)[1]
    status = PageClient(app.test_client()).get_page(link)
    assert "Acceptat ca valabil" in status.find(id="status").get_text()


def test_ask_for_a_new_one_needs_a_reason(app, sent):
    clerk = sent["db"]
    url = f"{QUEUE}{sent['reference']}"
    token = page_token(clerk, url)
    response = clerk.post(f"{url}/certificat-nou", data={"csrf_token": token, "reason": ""})
    assert response.status_code == 200
    assert "Scrieți de ce este nevoie de un certificat nou." in response.get_data(as_text=True)
    assert stored(app, LifeCertificateUpload)[0].status == "received"
    reason = "Lipsește ștampila autorității."
    clerk.post(
        f"{url}/certificat-nou", data={"csrf_token": token, "reason": reason}, expected_status=303
    )
    [upload] = stored(app, LifeCertificateUpload)
    assert (upload.status, upload.reason) == ("rejected", reason)
    [event] = [e for e in stored(app, AuditEvent) if e.action == "life_certificate_new_requested"]
    assert event.details == {"certificate": sent["reference"], "reason": reason}
    [email] = [e for e in emails_to(app, EMAIL) if e.template == "life_certificate_rejected"]
    assert reason in email.text_body and reason in email.html_body
    link = re.search(r"(/certificat-de-viata/trimitere/stadiu/\S+)", email.text_body)[1]
    status = PageClient(app.test_client()).get_page(link)
    assert reason in status.get_text()


def test_a_second_decision_is_refused(app, sent):
    first, second = sent["db"], sent["db2"]
    url = f"{QUEUE}{sent['reference']}"
    token_first, token_second = page_token(first, url), page_token(second, url)
    first.post(f"{url}/acceptare", data={"csrf_token": token_first}, expected_status=303)
    response = second.post(
        f"{url}/certificat-nou",
        data={"csrf_token": token_second, "reason": "Ștampila nu se vede."},
        expected_status=409,
    )
    assert "Certificatul a fost deja acceptat de un coleg." in response.get_data(as_text=True)
    [upload] = stored(app, LifeCertificateUpload)
    assert upload.status == "accepted" and upload.reason is None
    assert [e.template for e in emails_to(app, EMAIL)].count("life_certificate_rejected") == 0


def test_two_clerks_at_once_one_decision(app, sent):
    """Both read the certificate as received, then decide at the same time: the conditional
    UPDATE lets one through."""
    from webapp.counter import life_certificates_service as service
    from webapp.counter.service import ActionRefused
    from webapp.models import StaffMember

    def work(index):
        with app.app_context():
            session = app.extensions["db_sessionmaker"]()
            try:
                upload = session.query(LifeCertificateUpload).one()
                staff = (
                    session.query(StaffMember)
                    .filter_by(email=("clerk@cjpdb.ro", "clerk2@cjpdb.ro")[index])
                    .one()
                )
                if index == 0:
                    service.accept(
                        session, upload, staff, remote_addr=None, now=dt.datetime.now(dt.UTC)
                    )
                else:
                    service.ask_new(
                        session,
                        upload,
                        staff,
                        reason="x",
                        remote_addr=None,
                        now=dt.datetime.now(dt.UTC),
                    )
                return "done"
            except ActionRefused:
                return "refused"
            finally:
                session.close()

    results, errors = run_together(2, work)
    assert sorted(results) == ["done", "refused"], (results, errors)
    [upload] = stored(app, LifeCertificateUpload)
    assert upload.status in ("accepted", "rejected")
    decisions = [
        e
        for e in stored(app, AuditEvent)
        if e.action in ("life_certificate_accept", "life_certificate_new_requested")
    ]
    assert len(decisions) == 1
    sent_templates = [e.template for e in emails_to(app, EMAIL)]
    assert sent_templates.count("life_certificate_received") == 1
    assert len(sent_templates) == 2


def test_the_emails_are_in_the_language_the_pensioner_used(migrated):
    """The receipt, queued in the pensioner's request, and the decision, queued in the clerk's
    (Romanian) request, are both written in the language the pensioner sent the certificate in,
    from the site's own catalogues: subject, body and the layout's greeting, sign-off and
    contact lines, in the text and the HTML part."""
    from webapp import create_app

    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
        }
    )
    try:
        pensioner = PageClient(app.test_client())
        with pensioner.client.session_transaction() as session:
            session["limba"] = "it"
        send(pensioner)
        [upload] = stored(app, LifeCertificateUpload)
        assert upload.language == "it"
        session = app.extensions["db_sessionmaker"]()
        clerk = signed_in(app, make_staff(session, email="clerk@cjpdb.ro", county="DB"))
        session.close()
        url = f"{QUEUE}{upload.reference}"
        page = clerk.get_page(url)
        assert page.html["lang"] == "ro"  # the counter stays Romanian
        clerk.post(
            f"{url}/certificat-nou",
            data={"csrf_token": page_token(clerk, url), "reason": "Manca il timbro."},
            expected_status=303,
        )
        received, renewal = emails_to(app, EMAIL)
        assert received.subject == (
            f"Abbiamo ricevuto il certificato di esistenza in vita {upload.reference}"
        )
        assert renewal.subject == (
            f"Serve un nuovo certificato di esistenza in vita ({upload.reference})"
        )
        for email in (received, renewal):
            for body in (email.text_body, email.html_body):
                assert "Buongiorno Ana-Maria Țărănescu," in body
                assert "Cordiali saluti," in body and "Portale pensioni" in body
                assert "Per domande:" in body and "recapiti delle casse pensioni:" in body
                assert "inviato automaticamente" in body
                for romanian in ("Bună ziua", "Cu stimă", "Pentru întrebări", "automat;"):
                    assert romanian not in body
            assert '<html lang="it">' in email.html_body
        assert "Lo stato del certificato è sempre visibile qui:" in received.text_body
        assert "Manca il timbro." in renewal.text_body
    finally:
        engine = app.extensions["db_engine"]
        from webapp.db import Base

        with engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())
        engine.dispose()


def test_the_audit_log_names_the_decisions(app, sent):
    clerk = sent["db"]
    url = f"{QUEUE}{sent['reference']}"
    clerk.post(f"{url}/acceptare", data={"csrf_token": page_token(clerk, url)}, expected_status=303)
    session = app.extensions["db_sessionmaker"]()
    boss = make_staff(session, email="sef@cjpdb.ro", county="DB", role="supervisor")
    session.close()
    log = signed_in(app, boss).get_page("/ghiseu/jurnal").get_text(" ", strip=True)
    assert "A acceptat ca valabil un certificat de viață" in log
    assert f"certificatul de viață: {sent['reference']}" in log


def test_the_counter_is_told_the_pensioners_language_and_that_the_reason_goes_as_typed(app, sent):
    clerk = sent["db"]
    url = f"{QUEUE}{sent['reference']}"
    page = clerk.get_page(url)
    assert page.find(id="limba").get_text().startswith("română")
    hint = page.find(
        id=page.find("textarea", attrs={"name": "reason"})["aria-describedby"].split()[0]
    )
    assert "se trimite exact cum îl scrieți, într-un e-mail în limba română" in hint.get_text()
    row = clerk.get_page(QUEUE).find(id="de-verificat").find("tbody").tr
    assert row.find("td", attrs={"data-label": "Limba"}).get_text() == "română"
    # An invalid reason re-renders the page with the hint once, not twice.
    again = clerk.post(
        f"{url}/certificat-nou", data={"csrf_token": page_token(clerk, url), "reason": ""}
    )
    assert again.get_data(as_text=True).count("se trimite exact cum îl scrieți") == 1


def test_a_hungarian_pensioners_certificate_shows_maghiara(app):
    pensioner = PageClient(app.test_client())
    with pensioner.client.session_transaction() as session:
        session["limba"] = "hu"
    send(pensioner)
    [upload] = stored(app, LifeCertificateUpload)
    assert upload.language == "hu"
    session = app.extensions["db_sessionmaker"]()
    clerk = signed_in(app, make_staff(session, email="clerk@cjpdb.ro", county="DB"))
    session.close()
    page = clerk.get_page(f"{QUEUE}{upload.reference}")
    assert page.find(id="limba").get_text().startswith("maghiară")
    assert "într-un e-mail în limba maghiară" in page.get_text(" ")
    row = clerk.get_page(QUEUE).find(id="de-verificat").find("tbody").tr
    assert row.find("td", attrs={"data-label": "Limba"}).get_text() == "maghiară"
