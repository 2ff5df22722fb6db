"""Sending the certified life certificate online, in each of the site's languages (review gaps
2 and 4): every upload page in the chosen language with the page checks, the key texts
translated, an invalid form in that language, and the e-mail's status link, opened where no
language was chosen, in the language the certificate was sent in."""

import io

from tests.builders import pdf_bytes
from tests.page_checks import PageClient, soup
from tests.webapp.life_certificate.test_life_certificate_languages import choose
from tests.webapp.life_certificate.test_upload import (
    FILES,
    WHO,
    answer_who,
    send,
    status_link,
    who,
)
from webapp.i18n import LANGUAGE_KEY


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
