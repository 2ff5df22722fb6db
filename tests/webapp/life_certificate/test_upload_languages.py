"""Sending the certified life certificate online, in each of the site's languages (review gaps
2 and 4): every upload page in the chosen language with the page checks, the key texts
translated, an invalid form in that language, and the e-mail's status link, opened where no
language was chosen, in the language the certificate was sent in."""

import datetime as dt
import io
import re

import pytest
from babel.support import Translations

from forms.life_certificate_upload import MEGABYTE, megabytes, upload_hint, upload_problem
from tests.builders import pdf_bytes, stored
from tests.page_checks import ERROR_PREFIXES, PageClient, soup
from tests.webapp.life_certificate.test_life_certificate_languages import (
    EXPECTED,
    LANGUAGES,
    assert_translated,
    choose,
)
from tests.webapp.life_certificate.test_upload import (
    BASE,
    CHECK,
    FILES,
    WHO,
    answer_who,
    send,
    status_link,
    upload,
    who,
)
from webapp.i18n import LANGUAGE_KEY, TRANSLATIONS
from webapp.models import LifeCertificateUpload


def test_the_status_link_opens_in_the_language_the_certificate_was_sent_in(app, client_request):
    choose(client_request.client, "hu")
    send(client_request)
    link = status_link(app)
    # Another device, nothing chosen: Hungarian, as the certificate was sent.
    elsewhere = PageClient(app.test_client())
    page = elsewhere.get_page(link)
    assert page.find("html")["lang"] == "hu"
    assert "Beérkezett; a nyugdíjpénztár ellenőrzi." in page.get_text()
    # ... and the rest of that visit follows it.
    with elsewhere.client.session_transaction() as session:
        assert session["limba"] == "hu"
    # A visit that chose a language keeps it.
    german = PageClient(app.test_client())
    choose(german.client, "de")
    page = german.get_page(link)
    assert page.find("html")["lang"] == "de"
    assert "Eingegangen; die Rentenkasse prüft sie." in page.get_text()
    # Chosen Romanian stays Romanian.
    romanian = PageClient(app.test_client())
    choose(romanian.client, "ro")
    assert romanian.get_page(link).find("html")["lang"] == "ro"


def test_switching_language_on_the_who_page_keeps_what_was_typed(client_request):
    choose(client_request.client, "ro")
    page = client_request.get_page(WHO)
    # The switch is part of the page's own form, not the separate /limba form.
    assert not page.select("form.language-switch-form")
    form = page.find("form", attrs={"action": WHO})
    assert form.find("button", attrs={"name": LANGUAGE_KEY, "value": "it"})
    token = client_request.csrf_token(WHO)
    typed = who(email="", cnp="123") | {"csrf_token": token, LANGUAGE_KEY: "it"}
    response = client_request.post(WHO, data=typed, expected_status=303)
    assert response.headers["Location"] == WHO
    page = client_request.get_page(WHO)
    assert page.find("html")["lang"] == "it"
    assert page.h1.get_text() == "Di chi è il certificato che invia?"
    assert page.find("input", attrs={"name": "last_name"})["value"] == "Țărănescu"
    assert page.find("input", attrs={"name": "cnp"})["value"] == "123"
    # Kept, not judged: no error until "Continuați".
    assert not page.select(".error-summary")


def test_switching_language_on_the_files_page_keeps_the_file_chosen(client_request):
    assert answer_who(client_request).status_code == 303
    page = client_request.get_page(FILES)
    assert not page.select("form.language-switch-form")
    assert page.find("form", attrs={"action": FILES}).find(
        "button", attrs={"name": LANGUAGE_KEY, "value": "de"}
    )
    token = client_request.csrf_token(FILES)
    data = {"csrf_token": token, LANGUAGE_KEY: "de", "fata": (io.BytesIO(pdf_bytes()), "c.pdf")}
    response = client_request.post(
        FILES, data=data, content_type="multipart/form-data", expected_status=303
    )
    assert response.headers["Location"] == FILES
    page = client_request.get_page(FILES)
    assert page.find("html")["lang"] == "de"
    assert "Ausgewählt: c.pdf (PDF" in page.find(id="fata-chosen").get_text()
    # A file refused on the way comes back with its message, in the language just chosen.
    token = client_request.csrf_token(FILES)
    data = {"csrf_token": token, LANGUAGE_KEY: "fr", "verso": (io.BytesIO(b"GIF89a..."), "v.gif")}
    response = client_request.post(
        FILES, data=data, content_type="multipart/form-data", expected_status=200
    )
    page = soup(response)
    assert page.find("html")["lang"] == "fr"
    assert "n’est pas un PDF, JPEG ou PNG" in page.find(id="verso-error").get_text()
    assert "Fișierul" not in page.find(id="verso-error").get_text()


# --- every upload page in each language (review gap 4) ----------------------------------------


# A sentence's full stop after a date that ends with its own ("2026. december 4.."; gap 12).
DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def translated(language: str, msgid: str, **values) -> str:
    """The catalogue's text for `msgid` (as the site compiled it), filled in; never the
    Romanian text itself."""
    text = Translations.load(str(TRANSLATIONS), [language]).gettext(msgid)
    assert text != msgid, f"{msgid!r} is not translated in {language}"
    if "{" in msgid:
        return text.format(**values)
    return text % values if values else text


def h1(page) -> str:
    return " ".join(page.h1.get_text(" ").split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_upload_page_is_in_the_chosen_language(app, client_request, language):
    choose(client_request.client, language)
    start = client_request.get_page(BASE)
    assert h1(start) == translated(language, "Trimiteți online certificatul de viață certificat")
    assert_translated(start, language)

    who_page = client_request.get_page(WHO)
    assert h1(who_page) == translated(language, "Certificatul cui îl trimiteți")
    email_label = who_page.find("label", attrs={"for": "email"}).get_text(" ", strip=True)
    assert email_label == translated(language, "Adresa de e-mail pentru confirmare")
    assert who_page.find("label", attrs={"for": "last_name"}).get_text() == EXPECTED[language][1]
    assert_translated(who_page, language)

    assert answer_who(client_request).status_code == 303
    files_page = client_request.get_page(FILES)
    assert h1(files_page) == translated(language, "Alegeți certificatul scanat sau fotografiat")
    limit = app.config["LIFE_CERTIFICATE_UPLOAD_MAX_BYTES"] // MEGABYTE
    hint = translated(language, upload_hint(0).template, limit=limit)
    assert files_page.find(id="fata-hint").get_text(" ", strip=True) == hint
    assert_translated(files_page, language)

    assert upload(client_request, ("c.pdf", pdf_bytes())).status_code == 303
    check = client_request.get_page(CHECK)
    assert h1(check) == translated(language, "Verificați înainte de trimitere")
    headings = [heading.get_text(" ", strip=True) for heading in check.select("h2")]
    assert translated(language, "Certificatul cui este") in headings
    assert translated(language, "Unde primiți răspunsul") in headings
    assert_translated(check, language)

    token = check.find("input", {"name": "csrf_token"})["value"]
    sent_at = client_request.post(CHECK, data={"csrf_token": token}, expected_status=303)
    sent = client_request.get_page(sent_at.headers["Location"])
    assert translated(language, "Am primit certificatul de viață") in sent.get_text()
    assert not DOUBLE_STOP.search(sent.main.get_text()), sent.main.get_text()
    assert_translated(sent, language)

    [certificate] = stored(app, LifeCertificateUpload)
    assert certificate.language == language
    status = client_request.get_page(status_link(app))
    assert h1(status) == translated(
        language, "Stadiul certificatului de viață %(reference)s", reference=certificate.reference
    )
    assert_translated(status, language)

    app.config["LIFE_CERTIFICATE_STATUS_MAX_AGE_SECONDS"] = -1
    expired = client_request.get_page(status_link(app), expected_status=410)
    assert h1(expired) == translated(language, "Legătura nu mai este valabilă")
    assert_translated(expired, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invalid_upload_form_comes_back_translated(app, client_request, language):
    choose(client_request.client, language)
    token = client_request.csrf_token(WHO)
    bad = who(email="", cnp="123") | {"csrf_token": token}
    page = soup(client_request.post(WHO, data=bad, expected_status=200))
    assert page.title.get_text().startswith(ERROR_PREFIXES[language])
    summary = page.find("div", class_="error-summary")
    assert summary.h2.get_text() == EXPECTED[language][3]
    messages = [item.get_text(" ", strip=True) for item in summary.find_all("li")]
    assert (
        translated(language, "Introduceți adresa de e-mail la care primiți confirmarea.")
        in messages
    )
    assert len(messages) == 2
    assert_translated(page, language)

    assert answer_who(client_request).status_code == 303
    app.config["LIFE_CERTIFICATE_UPLOAD_MAX_BYTES"] = MEGABYTE
    big = pdf_bytes() + b"%" * MEGABYTE
    page = soup(upload(client_request, ("mare.pdf", big), expected_status=200))
    assert page.title.get_text().startswith(ERROR_PREFIXES[language])
    error = page.find(id="fata-error").get_text(" ", strip=True)
    assert error.endswith(
        translated(
            language,
            "Fișierul ales are {size} MB. Un fișier poate avea cel mult {limit} MB.",
            size=megabytes(len(big)),
            limit=1,
        )
    )
    assert_translated(page, language)
    page = soup(upload(client_request, ("poza.png", b"GIF89a" + b"x" * 64), expected_status=200))
    error = page.find(id="fata-error").get_text(" ", strip=True)
    assert error.endswith(translated(language, upload_problem(10, "image/gif", 1024).template))
    assert_translated(page, language)


def test_a_hungarian_date_ends_its_sentence_with_one_full_stop(app, client_request):
    choose(client_request.client, "hu")
    sent = client_request.get_page(send(client_request))
    received = sent.main.get_text(" ", strip=True)
    assert re.search(r"Beérkezés dátuma: \d{4}\. \w+ \d{1,2}\.", received), received
    assert not DOUBLE_STOP.search(received), received
    session = app.extensions["db_sessionmaker"]()
    [certificate] = session.query(LifeCertificateUpload).all()
    certificate.status = "accepted"
    certificate.decided_at = dt.datetime.now(dt.UTC)
    session.commit()
    session.close()
    status = client_request.get_page(status_link(app)).main.get_text(" ", strip=True)
    assert re.search(r"Érvényesként elfogadva: \d{4}\. \w+ \d{1,2}\.", status), status
    assert not DOUBLE_STOP.search(status), status
