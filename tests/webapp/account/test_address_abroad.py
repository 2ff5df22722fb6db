"""M7: the address page takes a home abroad (country, free-form lines, the postal code as that
country writes it) as well as one in Romania; without JavaScript the server shows the questions
of the answer it was sent. The check page, the counter's request page and the printout show it."""

import io

from docx import Document

from tests import builders
from tests.builders import as_staff, fill_identity, submit_request
from tests.documents.document_text import docx_text, pdf_text
from tests.page_checks import soup
from webapp.models import AccountRequest

ADDRESS = "/cont/cerere/adresa"
ROMANIAN = {
    "county_code": "",
    "locality": "",
    "street": "",
    "street_number": "",
    "postal_code": "",
}
ABROAD = ROMANIAN | {
    "residence": "strainatate",
    "address_shown": "strainatate",
    "country_code": "IT",
    "foreign_address_line1": "Via Roma 12, int. 4",
    "foreign_address_line2": "",
    "foreign_locality": "Roma",
    "foreign_region": "RM",
    "foreign_postal_code": "00184",
}


def at_the_address_page(client_request):
    """Answers the pages before the address page."""
    for endpoint in builders.IDENTITY_PAGES[:2]:
        token = client_request.csrf_token(endpoint)
        client_request.post(
            endpoint, data=builders.identity() | {"csrf_token": token}, expected_status=303
        )


def post_address(client_request, **answers):
    token = client_request.csrf_token(ADDRESS)
    return client_request.post(ADDRESS, data={"csrf_token": token, "website": "", **answers})


def blocks(page):
    """The two address blocks: (hidden, disabled) of each."""
    return {
        div["id"]: (div.has_attr("hidden"), div.fieldset.has_attr("disabled"))
        for div in page.select(".conditional-reveal")
    }


def test_the_page_asks_where_first_and_shows_neither_address_before_an_answer(client_request):
    at_the_address_page(client_request)
    page = client_request.get_page(ADDRESS)
    radios = page.find_all("input", attrs={"name": "residence"})
    assert [radio["value"] for radio in radios] == ["ro", "strainatate"]
    assert not any(radio.has_attr("checked") for radio in radios)
    assert blocks(page) == {
        "conditional-romania": (True, True),
        "conditional-abroad": (True, True),
    }
    # Every country of the reference list but Romania, in Romanian.
    countries = [o["value"] for o in page.select("select[name=country_code] option")][1:]
    assert "IT" in countries and "MD" in countries and "RO" not in countries


def test_without_javascript_picking_abroad_shows_its_questions_without_an_error(client_request):
    at_the_address_page(client_request)
    # The Romanian block was on the page; the foreign one was disabled, so nothing of it came.
    response = post_address(client_request, residence="strainatate", address_shown="ro")
    assert response.status_code == 200
    page = soup(response)
    assert not page.select(".error-summary")
    assert not page.title.get_text().startswith("Eroare")
    assert blocks(page) == {
        "conditional-romania": (True, True),
        "conditional-abroad": (False, False),
    }
    assert page.find("select", attrs={"name": "country_code"}).has_attr("autofocus")
    # Then the address abroad goes on to the contact page.
    response = post_address(client_request, **ABROAD)
    assert response.status_code == 303
    assert response.headers["Location"] == "/cont/cerere/contact"


def test_without_javascript_picking_romania_shows_the_county_questions(client_request):
    at_the_address_page(client_request)
    response = post_address(client_request, residence="ro")
    assert response.status_code == 200
    page = soup(response)
    assert not page.select(".error-summary")
    assert blocks(page)["conditional-romania"] == (False, False)
    assert page.find("select", attrs={"name": "county_code"}).has_attr("autofocus")


def test_an_address_abroad_needs_its_lines_and_a_postal_code_of_its_country(client_request):
    at_the_address_page(client_request)
    response = post_address(
        client_request,
        **ABROAD | {"foreign_address_line1": "", "foreign_postal_code": "1234"},
    )
    assert response.status_code == 200
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    problems = {a["href"]: a.get_text() for a in page.select(".error-summary a")}
    assert problems == {
        "#foreign_address_line1": "Introduceți adresa: strada și numărul.",
        "#foreign_postal_code": "Codul poștal nu arată ca unul din țara aleasă. Scrieți-l cum "
        "apare în adresa dumneavoastră, de exemplu 00144.",
    }
    # Only the chosen address is checked: the empty Romanian boxes are no problem.
    assert "#county_code" not in problems


def test_the_choice_is_required(client_request):
    at_the_address_page(client_request)
    response = post_address(client_request, **ROMANIAN)
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    assert [a["href"] for a in page.select(".error-summary a")] == ["#residence-0"]


def test_an_address_abroad_reaches_the_check_page_the_counter_and_the_printout(app, client_request):
    reference = submit_request(client_request, **ABROAD).headers["Location"].rsplit("/", 1)[1]
    # Nothing of a Romanian address is stored for it, and nothing of the page's machinery.
    stored = builders.stored(app, AccountRequest)[0].answers
    assert stored["residence"] == "strainatate" and stored["country_code"] == "IT"
    assert stored["county_code"] == "" and stored["street"] == ""
    assert "address_shown" not in stored

    client, _ = as_staff(app)
    page = client.get_page("counter.request_page", reference=reference)
    card = next(
        card for card in page.find_all(class_="summary-card") if "Roma" in card.get_text(" ")
    )
    text = " ".join(card.get_text(" ").split())
    for expected in ("În altă țară", "Italia", "Via Roma 12, int. 4", "Roma", "RM", "00184"):
        assert expected in text, expected
    assert "Județul" not in text

    counter = client.within("counter")
    pdf = counter.get(".download", reference=reference, extension="pdf", expected_status=200)
    docx = counter.get(".download", reference=reference, extension="docx", expected_status=200)
    for text in (pdf_text(pdf.data), docx_text(docx.data)):
        assert "Țara Italia" in text and "Codul poștal 00184" in text
        assert "Adresa Via Roma 12, int. 4, RM" in text
    assert Document(io.BytesIO(docx.data))  # a Word file that opens


def test_the_check_page_shows_the_address_abroad(client_request):
    assert fill_identity(client_request, **ABROAD).status_code == 303
    account = client_request.within("account")
    token = account.csrf_token(".persons")
    account.post(".persons", data={"csrf_token": token, "action": "continue"}, expected_status=303)
    page = client_request.get_page("/cont/cerere/verificare")
    rows = {
        " ".join(row.dt.get_text().split()): " ".join(row.find("dd").get_text().split())
        for row in page.select(".summary-card")[2].select(".summary-row")
    }
    assert rows == {
        "Unde aveți domiciliul?": "În altă țară",
        "Țara": "Italia",
        "Adresa": "Via Roma 12, int. 4",
        "Localitatea": "Roma",
        "Regiunea, provincia sau statul": "RM",
        "Codul poștal": "00184",
    }


def test_a_romanian_address_is_unchanged(client_request):
    """Today's journey: the county, the six-digit postal code."""
    at_the_address_page(client_request)
    response = post_address(client_request, **builders.identity(postal_code="1234"))
    page = soup(response)
    assert [a.get_text() for a in page.select(".error-summary a")] == [
        "Codul poștal are exact 6 cifre, de exemplu 400001."
    ]


def test_the_persons_page_asks_insured_or_pensioner(client_request):
    assert fill_identity(client_request).status_code == 303
    account = client_request.within("account")
    token = account.csrf_token(".persons")
    row = builders.natural_person(0, category="")
    response = account.post(".persons", data={"csrf_token": token, "action": "continue", **row})
    page = soup(response)
    assert "Alegeți dacă persoana este asigurat sau pensionar." in [
        a.get_text() for a in page.select(".error-summary a")
    ]
    labels = [label.get_text(" ", strip=True) for label in page.select(".radios label")]
    assert any(label.startswith("Asigurat") for label in labels)
    assert any(label.startswith("Pensionar sau beneficiar") for label in labels)
