"""The life certificate through the test client: the start page computed from today's Bucharest
date, the question page with htmx fragments, check your answers, downloads that only the browser
that filled the certificate gets, the calendar file, and bad input that never becomes a 500."""

import datetime as dt
import io
import re

import icalendar
import pytest
import time_machine
from pypdf import PdfReader

from documents import cache
from domain import ro
from tests.builders import LIFE_CERTIFICATE_CNP as CNP
from tests.builders import life_certificate_answers as answers
from tests.documents import document_text
from tests.page_checks import PageClient, soup
from webapp.links import public_url

ROMANIA = ro.ROMANIA
BASE = "/certificat-de-viata"
DETAILS = f"{BASE}/date"
CHECK = f"{BASE}/verificare"
READY = f"{BASE}/gata"
PDF = f"{BASE}/certificat-de-viata.pdf"
DOCX = f"{BASE}/certificat-de-viata.docx"
PRINT_VIEW = f"{BASE}/tiparire"
CALENDAR = f"{BASE}/termene.ics"


def at(year, month, day, hour=12, minute=0):
    """A moment in Bucharest time, for time_machine."""
    return time_machine.travel(
        dt.datetime(year, month, day, hour, minute, tzinfo=ROMANIA), tick=False
    )


def fill(client_request, **overrides):
    token = client_request.csrf_token(DETAILS)
    return client_request.post(DETAILS, data=answers(**overrides) | {"csrf_token": token})


def confirm(client_request, **overrides):
    assert fill(client_request, **overrides).status_code == 303
    token = client_request.csrf_token(CHECK)
    response = client_request.post(CHECK, data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == READY
    return response


def pdf_text(body: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(body)).pages
    )


# --- The start page, computed from today


def test_home_page_links_the_life_certificate(client_request):
    page = client_request.get_page("/")
    assert page.find("a", href=f"{BASE}/")


@pytest.mark.parametrize(
    ("moment", "headline"),
    [
        ((2026, 2, 10), "Perioada curentă se încheie pe 31 martie 2026, peste 49 de zile."),
        ((2026, 3, 31), "Perioada curentă se încheie astăzi, 31 martie 2026"),
        ((2026, 5, 20), "Următoarea perioadă de trimitere se deschide pe 1 iulie 2026"),
        ((2026, 12, 31), "Următoarea perioadă de trimitere se deschide pe 1 ianuarie 2027"),
    ],
)
def test_start_page_says_where_we_are_in_the_year(client_request, moment, headline):
    with at(*moment):
        page = client_request.get_page(f"{BASE}/")
    assert headline in page.get_text(" ")


def test_start_page_uses_the_bucharest_date():
    """22:30 UTC on 31 March is already 1 April in Bucharest: the window has closed."""
    # Checked through the view's own helper so that the test does not depend on the host's zone.
    with time_machine.travel(dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.UTC), tick=False):
        assert ro.today() == dt.date(2026, 4, 1)


def test_start_page_after_midnight_in_bucharest(client_request):
    with time_machine.travel(dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.UTC), tick=False):
        text = client_request.get_page(f"{BASE}/").get_text(" ")
    assert "Următoarea perioadă de trimitere se deschide pe 1 iulie 2026" in text


def test_start_page_explains_who_when_late_who_certifies_and_where(client_request):
    with at(2026, 2, 10):
        page = client_request.get_page(f"{BASE}/")
    text = " ".join(page.get_text(" ").split())
    assert "între 1 ianuarie și 31 martie" in text and "între 1 iulie și 30 septembrie" in text
    assert "Următoarele termene: 31 martie 2026 și 30 septembrie 2026." in text
    assert "plata pensiei se suspendă începând cu luna aprilie 2026" in text
    assert "de la data suspendării" in text
    for who in ("consulat", "notar", "avocat", "consilier juridic", "medicul de familie"):
        assert who in text
    assert "INAS, INCA sau ITAL-UIL" in text
    for email in (
        "certificateviata.botosani@cnpp.ro",
        "certificateviata.dambovita@cnpp.ro",
        "certificatedeviata.salaj@cnpp.ro",
    ):
        assert email in text
    assert "pe site-ul casei de pensii sau pe www.cnpp.ro" in text
    assert page.find("a", href=CALENDAR)
    assert page.find("a", href=DETAILS)


def test_start_page_says_from_when_a_certificate_counts_and_what_the_calendar_holds(
    client_request,
):
    """M8: in December, a certificate signed now is too early for the 31 March deadline."""
    with at(2026, 12, 3):
        page = client_request.get_page(f"{BASE}/")
    accepted = [" ".join(li.get_text(" ").split()) for li in page.select("#accepted-from li")]
    assert accepted == [
        "Pentru termenul din 31 martie, certificatul trebuie semnat și ștampilat de autoritate "
        "cel mai devreme pe 1 ianuarie; unul certificat înainte de 1 ianuarie nu este primit "
        "pentru acest termen.",
        "Pentru termenul din 30 septembrie, certificatul trebuie semnat și ștampilat de "
        "autoritate cel mai devreme pe 1 iulie; unul certificat înainte de 1 iulie nu este "
        "primit pentru acest termen.",
    ]
    calendar_paragraph = " ".join(page.find("a", href=CALENDAR).parent.get_text(" ").split())
    assert "pe 1 ianuarie și 1 iulie" in calendar_paragraph
    assert "cu 4 săptămâni înainte de fiecare termen (3 martie și 2 septembrie)" in (
        calendar_paragraph
    )
    assert "se repetă în fiecare an" in calendar_paragraph
    assert "două săptămâni" not in page.get_text(" ")


# --- The question page


def test_whole_journey_ends_with_the_printout_in_both_languages(client_request, app):
    with at(2026, 2, 10):
        confirm(client_request, language="de", country_code="AT")
        page = client_request.get_page(READY)
        text = " ".join(page.get_text(" ").split())
        assert "Casa Județeană de Pensii Dâmbovița" in text
        assert "certificateviata.dambovita@cnpp.ro" in text
        assert "până la 31 martie 2026" in text
        links = [a["href"] for a in page.find_all("a", href=True)]
        assert PDF in links and DOCX in links and PRINT_VIEW in links and CALENDAR in links

        pdf = client_request.get(PDF, expected_status=200)
        assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
        assert pdf.headers["Content-Disposition"] == (
            'attachment; filename="certificat-de-viata-ro-de.pdf"'
        )
        assert pdf.headers["Cache-Control"] == "private, no-store"
        text = pdf_text(pdf.data)
        for printed in (
            # Part A in capitals, as the official model asks.
            "ȚĂRĂNESCU ANA-MARIA ȘTEFANIA",
            CNP,
            "Certificat de viață",
            "Lebensbescheinigung",
            "AUSTRIA / ÖSTERREICH",
            "+39 06 1234 5678",
        ):
            assert printed in text
        docx = client_request.get(DOCX, expected_status=200)
        assert docx.data.startswith(b"PK")
        assert 'filename="certificat-de-viata-ro-de.docx"' in docx.headers["Content-Disposition"]
        view = client_request.get_page(PRINT_VIEW)
        assert "Lebensbescheinigung" in view.get_text()
        # The print view is the same page as the PDF: the official model's filling instruction,
        # the house's confirmed e-mail in part A, the identity document line in part B.
        shown = " ".join(view.get_text(" ").split())
        assert "Formularul trebuie completat cu majuscule" in shown
        assert "Das Formular ist in Großbuchstaben" in shown
        assert "CASA JUDEȚEANĂ DE PENSII DÂMBOVIȚA" in shown
        assert "certificateviata.dambovita@cnpp.ro" in shown
        assert "Act de identitate prezentat / Vorgelegtes Ausweisdokument" in shown
        for printed in ("Formularul trebuie completat cu majuscule", "Act de identitate prezentat"):
            assert printed in text
        # It can also be sent back online: the upload page's public address, in all three.
        with app.app_context():
            online = public_url("life_certificate.upload_start")
        assert online.startswith(app.config["PUBLIC_BASE_URL"])
        assert "Sie können sie auch online senden" in shown and online in shown
        assert online in document_text.pdf_text(pdf.data)
        assert online in document_text.docx_text(docx.data)


def test_check_page_shows_the_answers_with_change_links(client_request):
    fill(client_request)
    page = client_request.get_page(CHECK)
    cards = page.find_all(class_="summary-card")
    assert [card.h2.get_text() for card in cards] == [
        "Datele dumneavoastră",
        "Unde locuiți",
        "Limbile certificatului",
    ]
    for card in cards:
        links = card.select(".summary-action a")
        assert links and len(links) == len(card.select(".summary-row"))
        assert all(link["href"].startswith(f"{DETAILS}?schimbare=") for link in links)
    birth = page.find("a", href=f"{DETAILS}?schimbare=birth_date")
    assert birth.get_text(" ", strip=True) == "Schimbați data nașterii"
    text = page.get_text(" ")
    for shown in (
        "Țărănescu",
        CNP,
        "14.05.1950",
        "Casa Județeană de Pensii Dâmbovița",
        "Italia",
        "+39 06 1234 5678",
    ):
        assert shown in text
    # The language's own name is marked (m15); get_text(" ") spaces it out.
    assert "Română și italiană ( italiano )" in text
    assert page.find("span", lang="it").get_text() == "italiano"
    assert "Adresa: alte detalii" not in text  # empty optional answers are left out


def test_invalid_answers_come_back_with_errors_keeping_everything_typed(client_request):
    response = fill(client_request, cnp="2500514123450", phone="06 1234 5678", country_code="RO")
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    links = [a["href"] for a in page.select(".error-summary a")]
    assert links == ["#cnp", "#country_code", "#phone"]
    assert page.find("input", id="cnp")["value"] == "2500514123450"
    assert page.find("input", id="phone")["value"] == "06 1234 5678"
    assert page.find("input", id="address_line1")["value"] == "Via Giuseppe Garibaldi 128, int. 4"
    assert page.find("input", id="cnp")["aria-invalid"] == "true"
    # And they were saved: the page shows them again later.
    page = client_request.get_page(DETAILS)
    assert page.find("input", id="phone")["value"] == "06 1234 5678"
    assert page.find("input", id="language-1").has_attr("checked")


def test_check_page_needs_valid_answers_first(client_request):
    response = client_request.get(CHECK, expected_status=302)
    assert response.headers["Location"] == f"{DETAILS}?verificare=1"
    fill(client_request, pension_file="")
    client_request.get(CHECK, expected_status=302)
    page = client_request.get_page(f"{DETAILS}?verificare=1")
    assert (
        "Introduceți numărul dosarului de pensie." in page.select_one(".error-summary").get_text()
    )


def test_field_is_checked_when_left(client_request):
    token = client_request.csrf_token(DETAILS)
    response = client_request.post(
        DETAILS,
        data=answers(phone="12 34") | {"csrf_token": token},
        headers={"HX-Request": "true", "X-Field": "phone"},
        expected_status=200,
    )
    assert response.headers["HX-Retarget"] == "#field-phone"
    assert response.headers["HX-Reswap"] == "outerHTML"
    page = soup(response)
    assert "prefixul țării" in page.find(id="phone-error").get_text()
    assert not page.find(id="cnp")


def test_submit_with_htmx_returns_the_content_block_or_redirects(client_request):
    token = client_request.csrf_token(DETAILS)
    response = client_request.post(
        DETAILS,
        data=answers(last_name="") | {"csrf_token": token},
        headers={"HX-Request": "true"},
        expected_status=200,
    )
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert html.lstrip().startswith("<title>Eroare: Datele pentru certificatul de viață")
    assert "HX-Request" in response.headers["Vary"]
    response = client_request.post(
        DETAILS,
        data=answers() | {"csrf_token": token},
        headers={"HX-Request": "true"},
        expected_status=204,
    )
    assert response.headers["HX-Redirect"] == CHECK


def test_the_form_is_enhanced_by_htmx_like_the_other_question_pages(client_request):
    form = client_request.get_page(DETAILS).find("form", action=DETAILS)
    assert form["method"] == "post"
    assert form["hx-post"] == DETAILS
    assert form["hx-target"] == "#content"
    assert form["hx-trigger"] == "submit, focusout"
    assert form["hx-sync"] == "this:queue all"


# --- Downloads belong to the browser that filled the certificate


def test_downloads_are_not_given_to_another_browser(client_request, app):
    confirm(client_request)
    stranger = PageClient(app.test_client())
    for path in (PDF, DOCX, PRINT_VIEW, READY):
        response = stranger.get(path, expected_status=302)
        assert response.headers["Location"] == DETAILS
        assert not response.data.startswith((b"%PDF", b"PK"))


def test_changed_answers_must_be_checked_again(client_request):
    confirm(client_request)
    fill(client_request, pension_file="654321")
    assert client_request.get(PDF, expected_status=302).headers["Location"] == CHECK
    token = client_request.csrf_token(CHECK)
    client_request.post(CHECK, data={"csrf_token": token}, expected_status=303)
    assert "654321" in pdf_text(client_request.get(PDF, expected_status=200).data)


def test_answers_can_be_deleted_from_the_browser(client_request):
    confirm(client_request)
    token = client_request.csrf_token(READY)
    response = client_request.post(f"{BASE}/stergere", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == f"{BASE}/?sters=1"
    assert "au fost șterse" in client_request.get_page(f"{BASE}/?sters=1").get_text()
    client_request.get(PDF, expected_status=302)
    page = client_request.get_page(DETAILS)
    assert page.find("input", id="last_name")["value"] == ""


def test_confirmed_answers_that_no_longer_fit_the_lists_are_checked_again(client_request, app):
    """A house or country taken off its list after confirming: back to the check, not a 500."""
    from webapp.db import db
    from webapp.models import Draft

    confirm(client_request)
    with client_request.client.session_transaction() as session:
        draft_id = session["draft:life_certificate"]
    with app.app_context():
        draft = db().get(Draft, draft_id)
        draft.answers = {
            **draft.answers,
            "confirmed": draft.answers["confirmed"] | {"country_code": "XX"},
        }
        db().commit()
    assert client_request.get(PDF, expected_status=302).headers["Location"] == CHECK


def test_a_repeated_download_comes_from_the_cache(client_request):
    cache.clear()
    confirm(client_request)
    first = client_request.get(PDF, expected_status=200).data
    second = client_request.get(PDF, expected_status=200).data
    assert first == second
    info = cache.info()
    assert info["misses"] == 1 and info["hits"] == 1


# --- The calendar file


def unfold(ics: str) -> list[str]:
    """RFC 5545 §3.1: a CRLF followed by one space or tab continues the line."""
    return re.sub(r"\r\n[ \t]", "", ics).split("\r\n")


def test_calendar_file_is_valid_icalendar_with_yearly_events_and_alarms(client_request):
    with at(2026, 5, 20):
        response = client_request.get(CALENDAR, expected_status=200)
    assert response.mimetype == "text/calendar"
    assert response.mimetype_params.get("charset") == "utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="certificat-de-viata.ics"'
    )
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    raw = response.data
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line  # octets, folded lines included
    lines = unfold(raw.decode("utf-8"))[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"

    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    events = calendar.walk("VEVENT")
    starts = [event.decoded("DTSTART") for event in events]
    # From 20 May 2026: the second window this year, the first one next year.
    assert starts == [
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 2),
        dt.date(2026, 9, 30),
        dt.date(2027, 1, 1),
        dt.date(2027, 3, 3),
        dt.date(2027, 3, 31),
    ]
    for event in events:
        assert event["RRULE"]["FREQ"] == ["YEARLY"]
        assert event.decoded("DTEND") == event.decoded("DTSTART") + dt.timedelta(days=1)
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == dt.timedelta(hours=9)
        assert str(alarm["ACTION"]) == "DISPLAY"
    assert len({str(event["UID"]) for event in events}) == 6


def test_ready_page_says_from_when_the_certificate_counts_for_the_next_deadline(client_request):
    with at(2026, 12, 3):
        confirm(client_request)
        page = client_request.get_page(READY)
    accepted = " ".join(page.select_one("#accepted-from").get_text(" ").split())
    assert accepted.startswith(
        "Pentru termenul din 31 martie 2027, certificatul trebuie semnat și ștampilat de "
        "autoritate cel mai devreme pe 1 ianuarie 2027"
    )
    calendar_paragraph = " ".join(page.find("a", href=CALENDAR).parent.get_text(" ").split())
    assert "cu 4 săptămâni înainte de fiecare termen" in calendar_paragraph


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:5000"])
def test_calendar_names_the_public_host_whatever_the_request_host(app, client_request, host):
    """F1: the file is public and cacheable, so nothing in it may come from the request."""
    app.config["PUBLIC_BASE_URL"] = "https://portal-pensii.example"
    response = client_request.get(CALENDAR, headers={"Host": host}, expected_status=200)
    lines = unfold(response.get_data(as_text=True))
    uids = [line for line in lines if line.startswith("UID:")]
    urls = [line for line in lines if line.startswith("URL")]
    assert len(uids) == 6 and all(uid.endswith("@portal-pensii.example") for uid in uids)
    assert urls and all(
        url.split(":", 1)[1] == "https://portal-pensii.example/certificat-de-viata/" for url in urls
    )
    assert host.split(":")[0] not in response.get_data(as_text=True)


def test_calendar_text_is_escaped():
    from domain.life_certificate import calendar_file

    ics = calendar_file(
        dt.date(2026, 1, 5), stamp=dt.datetime.now(dt.UTC), host="x", page_url="https://x/"
    )
    description = next(line for line in unfold(ics) if line.startswith("DESCRIPTION:Dacă"))
    # Commas and semicolons in TEXT are escaped; new lines are \n.
    assert "\\," in description and "\\n" in description
    assert not re.search(r"(?<!\\),", description.removeprefix("DESCRIPTION:"))


# --- Bad input never becomes a 500


@pytest.mark.parametrize(
    "overrides",
    [
        {"country_code": "RO"},
        {"country_code": "ZZ" * 40},
        {"language": "xx"},
        {"language": "ro"},
        {"house_code": "../../etc"},
        {"birth_date": "99.99.9999"},
        {"cnp": "\x00" * 20},
        {"address_line1": "<script>alert(1)</script>"},
        {"phone": "+" * 25},
        {"email": "@" * 50},
        {"last_name": "A" * 5000},
    ],
)
def test_tampered_answers_are_field_errors(client_request, overrides):
    response = fill(client_request, **overrides)
    assert response.status_code == 200
    assert soup(response).select(".error-summary a")


def test_missing_fields_are_errors_not_crashes(client_request):
    token = client_request.csrf_token(DETAILS)
    response = client_request.post(DETAILS, data={"csrf_token": token})
    assert response.status_code == 200
    assert len(soup(response).select(".error-summary a")) == 11


def test_unknown_field_name_in_x_field_is_a_400(client_request):
    token = client_request.csrf_token(DETAILS)
    # The raw client: the 400 is a whole error page, not a fragment.
    response = client_request.client.post(
        DETAILS,
        data=answers() | {"csrf_token": token},
        headers={"HX-Request": "true", "X-Field": "nope"},
    )
    assert response.status_code == 400


def test_honeypot_refuses_bots(client_request):
    token = client_request.csrf_token(DETAILS)
    client_request.post(
        DETAILS, data=answers(website="http://spam") | {"csrf_token": token}, expected_status=400
    )


def test_without_csrf_token_the_post_is_refused(client_request):
    client_request.post(DETAILS, data=answers(), expected_status=400)
    client_request.post(CHECK, data={}, expected_status=400)
    client_request.post(f"{BASE}/stergere", data={}, expected_status=400)


def test_oversized_body_is_a_413(client_request):
    token = client_request.csrf_token(DETAILS)
    client_request.post(
        DETAILS,
        data=answers(address_line1="x" * 70_000) | {"csrf_token": token},
        expected_status=413,
    )


def test_bytes_that_are_not_utf8_are_not_a_crash(client_request):
    token = client_request.csrf_token(DETAILS)
    body = "&".join(f"{key}={value}" for key, value in (answers() | {"csrf_token": token}).items())
    body = body.encode("utf-8").replace(b"last_name=%C8%9A", b"last_name=\xff\xfe")
    response = client_request.client.post(
        DETAILS, data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 303, 400)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", f"{BASE}/certificat-de-viata.exe", 404),
        ("get", f"{BASE}/nu-exista", 404),
        ("post", f"{BASE}/", 405),
        ("post", CALENDAR, 405),
        ("get", f"{BASE}/stergere", 405),
    ],
)
def test_wrong_addresses_and_methods(client_request, method, path, status):
    getattr(client_request, method)(path, expected_status=status)


def test_the_language_question_does_not_repeat_its_heading(client_request):
    """m5: "Limbile certificatului" was both the h2 and the legend under it."""
    page = client_request.get_page(DETAILS)
    headings = [h2.get_text() for h2 in page.select("main h2")]
    legends = [legend.get_text(" ", strip=True) for legend in page.select("main legend")]
    assert "Limbile certificatului" in headings
    assert not set(headings) & set(legends)
    assert page.find("span", lang="de").get_text() == "Deutsch"
