"""Sending the certified life certificate online, in each of the site's languages (review gaps
2 and 4): every upload page in the chosen language with the page checks, the key texts
translated, an invalid form in that language, and the e-mail's status link, opened where no
language was chosen, in the language the certificate was sent in."""

from tests.page_checks import PageClient
from tests.webapp.life_certificate.test_life_certificate_languages import (
    choose,
)
from tests.webapp.life_certificate.test_upload import send, status_link


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
