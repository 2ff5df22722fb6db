"""Sending the certified life certificate back online: the pages (JS off, page-checked), the
prefill from this browser's certificate, the upload limits (too big, not what it claims by its
content, empty), one sending per draft with its receipt e-mail in the same transaction, and the
status link that only its own token opens."""

import io
import re

import pytest

from tests.builders import LIFE_CERTIFICATE_CNP as CNP
from tests.builders import emails_to, life_certificate_answers, pdf_bytes, png_bytes, stored
from webapp.models import Draft, LifeCertificateUpload, StoredFile

BASE = "/certificat-de-viata/trimitere"
WHO = f"{BASE}/date"
FILES = f"{BASE}/fisier"
CHECK = f"{BASE}/verificare"
EMAIL = "ana@example.it"


def who(**overrides) -> dict:
    data = {
        "last_name": "Țărănescu",
        "first_name": "Ana-Maria",
        "cnp": CNP,
        "pension_file": "123456/2019",
        "house_code": "DB",
        "email": EMAIL,
        "website": "",
    }
    return data | overrides


def answer_who(client_request, **overrides):
    token = client_request.csrf_token(WHO)
    return client_request.post(WHO, data=who(**overrides) | {"csrf_token": token})


def upload(client_request, front=None, back=None, expected_status=None, **extra):
    token = client_request.csrf_token(FILES)
    data = {"csrf_token": token, "action": "continue", **extra}
    if front is not None:
        data["fata"] = (io.BytesIO(front[1]), front[0])
    if back is not None:
        data["verso"] = (io.BytesIO(back[1]), back[0])
    return client_request.post(
        FILES, data=data, content_type="multipart/form-data", expected_status=expected_status
    )


def send(client_request, front=("certificat.pdf", None), back=None):
    assert answer_who(client_request).status_code == 303
    response = upload(client_request, (front[0], front[1] or pdf_bytes()), back)
    assert response.status_code == 303 and response.headers["Location"] == CHECK
    token = client_request.csrf_token(CHECK)
    response = client_request.post(CHECK, data={"csrf_token": token}, expected_status=303)
    return response.headers["Location"]


def status_link(app, address=EMAIL, template="life_certificate_received") -> str:
    email = [e for e in emails_to(app, address) if e.template == template][-1]
    return re.search(
        r"http://localhost(/certificat-de-viata/trimitere/stadiu/\S+)", email.text_body
    )[1]


def test_start_page_is_linked_from_the_life_certificate_start(client_request):
    page = client_request.get_page("/certificat-de-viata/")
    assert page.find("a", href=BASE)
    start = client_request.get_page(BASE)
    assert start.h1.get_text(strip=True) == "Trimiteți online certificatul de viață certificat"
    assert "5 MB" in start.get_text()
    assert start.find("a", href=WHO)


def test_the_whole_journey_without_javascript(app, client_request):
    location = send(client_request, back=("verso.png", png_bytes()))
    assert re.fullmatch(rf"{BASE}/CV-\d{{4}}-000001/primit", location)
    page = client_request.get_page(location)
    reference = page.find(class_="reference").get_text(strip=True)
    assert reference.startswith("CV-")
    assert "Data primirii:" in page.get_text()
    [row] = stored(app, LifeCertificateUpload)
    assert (row.reference, row.cnp, row.house_code, row.status) == (
        reference,
        CNP,
        "DB",
        "received",
    )
    assert row.back_file_id is not None
    [email] = emails_to(app, EMAIL)
    assert email.template == "life_certificate_received"
    assert reference in email.subject and reference in email.text_body
    assert "Ce urmează" in email.text_body
    assert "/certificat-de-viata/trimitere/stadiu/" in email.text_body


def test_check_page_lists_the_answers_and_the_files(client_request):
    answer_who(client_request)
    upload(client_request, ("scan.pdf", pdf_bytes()), ("spate.png", png_bytes()))
    page = client_request.get_page(CHECK)
    text = page.get_text(" ", strip=True)
    assert "Țărănescu" in text and EMAIL in text
    assert "scan.pdf (PDF" in text and "spate.png (PNG" in text


def test_answers_prefilled_from_this_browsers_life_certificate(client_request):
    details = "/certificat-de-viata/date"
    token = client_request.csrf_token(details)
    data = life_certificate_answers(email="ana@example.it") | {"csrf_token": token}
    assert client_request.post(details, data=data).status_code == 303
    page = client_request.get_page(WHO)
    assert page.find("input", {"name": "cnp"})["value"] == CNP
    assert page.find("input", {"name": "email"})["value"] == "ana@example.it"
    assert (
        page.find("select", {"name": "house_code"}).find("option", selected=True)["value"] == "DB"
    )


def test_who_page_errors(client_request):
    response = answer_who(client_request, cnp="123", email="")
    assert response.status_code == 200
    page = client_request.get_page(WHO + "?verificare=1")
    assert page.title.get_text().startswith("Eroare: ")
    summary = page.find(class_="error-summary").get_text()
    assert "A apărut o problemă" in summary
    assert "Introduceți adresa de e-mail la care primiți confirmarea." in summary


def test_files_page_needs_the_questions_first(client_request):
    response = client_request.get(FILES, expected_status=302)
    assert response.headers["Location"].startswith(WHO)


# --- Upload limits


def test_a_file_over_the_limit_is_refused(app, client_request):
    app.config["LIFE_CERTIFICATE_UPLOAD_MAX_BYTES"] = 1024
    answer_who(client_request)
    big = pdf_bytes() + b"%" * 2048
    response = upload(client_request, ("mare.pdf", big), expected_status=200)
    page = client_request.get_page(FILES)  # nothing kept
    assert "Fișierul ales are" in response.get_data(as_text=True)
    assert not page.find(id="fata-chosen")
    assert stored(app, StoredFile) == []


def test_the_body_limit_answers_with_the_page(app, client_request):
    app.config["LIFE_CERTIFICATE_UPLOAD_MAX_BYTES"] = 1024 * 1024
    answer_who(client_request)
    huge = b"%PDF-" + b"0" * (3 * 1024 * 1024)
    response = upload(client_request, ("imens.pdf", huge), expected_status=413)
    assert "Fișierele alese au împreună peste 2 MB" in response.get_data(as_text=True)
    assert stored(app, StoredFile) == []


@pytest.mark.parametrize(
    "name, data",
    [
        ("program.pdf", b"MZ\x90\x00" + b"\x00" * 200),  # an .exe renamed .pdf
        ("fals.pdf", b"%PDF-1.7 not really a pdf"),
        ("poza.png", b"\x89PNG\r\n\x1a\n" + b"junk"),
    ],
)
def test_content_that_is_not_pdf_jpeg_or_png_is_refused(app, client_request, name, data):
    answer_who(client_request)
    response = upload(client_request, (name, data), expected_status=200)
    body = response.get_data(as_text=True)
    assert "nu este un PDF, JPEG sau PNG" in body
    assert "<title>Eroare: " in body
    assert stored(app, StoredFile) == []


def test_an_empty_file_is_refused(app, client_request):
    answer_who(client_request)
    response = upload(client_request, ("gol.pdf", b""), expected_status=200)
    assert "Fișierul ales este gol" in response.get_data(as_text=True)
    assert stored(app, StoredFile) == []


def test_continue_without_a_file_asks_for_one(client_request):
    answer_who(client_request)
    response = upload(client_request, expected_status=200)
    assert "Alegeți fișierul cu certificatul" in response.get_data(as_text=True)


def test_a_file_can_be_replaced_and_removed(app, client_request):
    answer_who(client_request)
    upload(client_request, ("unu.pdf", pdf_bytes()))
    upload(client_request, ("doi.png", png_bytes()))
    assert [f.name for f in stored(app, StoredFile)] == ["doi.png"]
    token = client_request.csrf_token(FILES)
    client_request.post(FILES, data={"csrf_token": token, "action": "remove-front"})
    assert stored(app, StoredFile) == []


def test_honeypot_is_refused(app, client_request):
    answer_who(client_request)
    response = upload(client_request, ("a.pdf", pdf_bytes()), website="spam")
    assert response.status_code == 400
    assert stored(app, StoredFile) == []


def test_the_send_is_rate_limited(app):
    from tests.page_checks import PageClient

    app.config["RATELIMIT_ENABLED"] = True
    app.config["LIFE_CERTIFICATE_UPLOAD_RATE_LIMIT"] = "2 per minute"
    from webapp.extensions import limiter

    limiter.init_app(app)
    client = PageClient(app.test_client())
    answer_who(client)
    codes = [upload(client, ("a.pdf", pdf_bytes())).status_code for _ in range(3)]
    assert codes[-1] == 429


# --- Sending once, and who can see it


def test_sending_twice_gives_one_certificate(app, client_request):
    location = send(client_request)
    token = client_request.csrf_token(location)
    again = client_request.post(CHECK, data={"csrf_token": token}, expected_status=303)
    assert again.headers["Location"] == location
    assert len(stored(app, LifeCertificateUpload)) == 1
    assert len(emails_to(app, EMAIL)) == 1
    # The draft keeps only the reference.
    [draft] = [d for d in stored(app, Draft) if d.journey == "life_certificate_upload"]
    assert draft.answers == {} and draft.submitted_reference


def test_the_confirmation_shows_only_in_the_browser_that_sent_it(app, client_request):
    location = send(client_request)
    from tests.page_checks import PageClient

    stranger = PageClient(app.test_client())
    stranger.get(location, expected_status=404)


def test_status_link_shows_the_certificate_and_nobody_elses(app, client_request):
    send(client_request)
    from tests.page_checks import PageClient

    other = PageClient(app.test_client())
    send(other, front=("alt.pdf", pdf_bytes()))
    emails = sorted(emails_to(app, EMAIL), key=lambda e: e.id)
    assert len(emails) == 2
    first, second = (
        re.search(r"(/certificat-de-viata/trimitere/stadiu/\S+)", e.text_body)[1] for e in emails
    )
    assert first != second
    references = sorted(u.reference for u in stored(app, LifeCertificateUpload))
    page = PageClient(app.test_client()).get_page(first)
    assert references[0] in page.h1.get_text() and references[1] not in page.get_text()
    assert "Primit; casa de pensii îl verifică." in page.get_text()
    # A token altered by one character, or signed for another purpose, opens nothing.
    other.get(first[:-2] + ("A" if first[-2] != "A" else "B") + first[-1], expected_status=404)
    from webapp.auth import tokens

    with app.test_request_context():
        upload_id = stored(app, LifeCertificateUpload)[0].id
        forged = tokens._serializer("request-download").dumps({"i": upload_id, "r": references[0]})
    other.get(f"{BASE}/stadiu/{forged}", expected_status=404)
    # No address serves a file to the pensioner or anyone without the counter's rights.
    uid = stored(app, StoredFile)[0].uid
    other.get(f"/ghiseu/certificate-de-viata/{references[0]}/fisier/fata", expected_status=302)
    assert uid not in page.decode()


def test_expired_status_link(app, client_request):
    send(client_request)
    link = status_link(app)
    app.config["LIFE_CERTIFICATE_STATUS_MAX_AGE_SECONDS"] = -1
    response = client_request.get(link, expected_status=410)
    assert "Legătura nu mai este valabilă" in response.get_data(as_text=True)


def test_unsent_scans_go_with_the_drafts_purge(app, client_request):
    import datetime as dt

    from webapp import retention

    answer_who(client_request)
    upload(client_request, ("a.pdf", pdf_bytes()))
    sent = PageClientFor(app)
    send(sent)
    assert len(stored(app, StoredFile)) == 2
    session = app.extensions["db_sessionmaker"]()
    periods = retention.Periods.from_config(app.config)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=periods.draft_days + 1)
    retention.delete_old_drafts(session, later, periods)
    session.commit()
    session.close()
    # The sent certificate's file stays; the one never sent is gone.
    [left] = stored(app, StoredFile)
    assert left.id == stored(app, LifeCertificateUpload)[0].front_file_id


def PageClientFor(app):
    from tests.page_checks import PageClient

    return PageClient(app.test_client())


def test_pages_render_in_the_chosen_language(app, client_request):
    with client_request.client.session_transaction() as session:
        session["limba"] = "it"
    page = client_request.get_page(BASE)
    assert page.html["lang"] == "it"
