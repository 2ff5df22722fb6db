"""The declaration for a transfer of the pension abroad through the test client: every page
through the page-checking client, drafts, htmx fragments, check your answers, and downloads
that only the browser that filled the declaration gets."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from documents import cache
from tests.builders import (
    PENSIONER_CNP,
    REPRESENTATIVE_CNP,
    foreign_account,
    pensioner_abroad,
    representative_answers,
)
from tests.page_checks import PageClient, soup
from webapp import create_app

BASE = "/plata-strainatate"
PAGES = {
    "pensioner": f"{BASE}/declaratie",
    "account": f"{BASE}/declaratie/cont",
    "filer": f"{BASE}/declaratie/depunere",
    "representative": f"{BASE}/declaratie/reprezentant",
}
CHECK = f"{BASE}/declaratie/verificare"
CONFIRMATION = f"{BASE}/declaratie/gata"
PDF = f"{BASE}/declaratie/declaratie-transfer-pensie-strainatate.pdf"
DOCX = f"{BASE}/declaratie/declaratie-transfer-pensie-strainatate.docx"
PRINT_VIEW = f"{BASE}/declaratie/tiparire"
ITALIAN_IBAN = "IT60X0542811101000000123456"


def post_page(client, page: str, data: dict, **kwargs):
    token = client.csrf_token(PAGES[page])
    return client.post(PAGES[page], data=data | {"csrf_token": token}, **kwargs)


def fill_pages(client, *, who: str = "titular", **pensioner_overrides) -> None:
    pages = [
        ("pensioner", pensioner_abroad(**pensioner_overrides)),
        ("account", foreign_account()),
        ("filer", {"who_files": who}),
    ]
    if who != "titular":
        pages.append(("representative", representative_answers()))
    for page, data in pages:
        response = post_page(client, page, data)
        assert response.status_code == 303, response.get_data(True)[:3000]


def confirm(client):
    token = client.csrf_token(CHECK)
    return client.post(CHECK, data={"csrf_token": token}, expected_status=303)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


# --- The pages


def test_start_page_says_what_to_prepare_and_links_the_romanian_request(client_request):
    page = client_request.get_page(f"{BASE}/")
    text = page.get_text(" ")
    assert "art. 98 alin. (1)" in text and "BIC (SWIFT)" in text
    assert page.find("a", href="/plata-card/")
    assert page.find("a", href="/certificat-de-viata/")
    assert page.find("a", href=PAGES["pensioner"])


@pytest.mark.parametrize("url", ["/", "/plata-card/", "/certificat-de-viata/"])
def test_the_service_is_linked_from_home_payment_and_life_certificate(client_request, url):
    assert client_request.get_page(url).find("a", href=f"{BASE}/")


def test_the_romanian_account_page_links_the_service(client_request):
    from tests.builders import pensioner

    token = client_request.csrf_token("/plata-card/cerere")
    client_request.post(
        "/plata-card/cerere", data=pensioner() | {"csrf_token": token}, expected_status=303
    )
    assert client_request.get_page("/plata-card/cerere/cont").find("a", href=f"{BASE}/")


def test_whole_journey_without_javascript(client_request):
    fill_pages(client_request)
    assert confirm(client_request).headers["Location"] == CONFIRMATION
    page = client_request.get_page(CONFIRMATION)
    text = page.get_text(" ")
    assert "Declarația este gata de tipărit" in text
    assert "Casa Județeană de Pensii Dâmbovița" in text
    assert "casadepensiidambovita@cnpp.ro" in text
    assert "documentul băncii care confirmă datele contului" in text
    assert "art. 98 alin. (3)" in text
    links = [a["href"] for a in page.find_all("a", href=True)]
    assert PDF in links and DOCX in links and PRINT_VIEW in links

    pdf = client_request.get(PDF, expected_status=200)
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"] == (
        'attachment; filename="declaratie-transfer-pensie-strainatate.pdf"'
    )
    assert pdf.headers["Cache-Control"] == "private, no-store"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    for value in ("IT60 X054 2811 1010 0000 0123 456", "BPMOIT22XXX", PENSIONER_CNP, "Italia"):
        assert value in text, value

    docx = client_request.get(DOCX, expected_status=200)
    assert docx.mimetype.endswith("wordprocessingml.document")
    body = " ".join(p.text for p in Document(io.BytesIO(docx.data)).paragraphs)
    assert "Declarație de transfer în străinătate a drepturilor de pensie" in body

    view = client_request.get_page(PRINT_VIEW)
    assert "BPMOIT22XXX" in view.get_text()


def test_check_page_shows_every_answer_with_a_change_link(client_request):
    fill_pages(client_request, who="imputernicit")
    page = client_request.get_page(CHECK)
    cards = page.find_all(class_="summary-card")
    assert [card.h2.get_text() for card in cards] == [
        "Titularul pensiei",
        "Adresa din străinătate",
        "Contact",
        "Contul din străinătate",
        "Cine depune declarația",
        "Persoana care depune declarația",
    ]
    pages = [card.find("a")["href"].split("?")[0] for card in cards]
    assert pages == [PAGES["pensioner"]] * 3 + [
        PAGES["account"],
        PAGES["filer"],
        PAGES["representative"],
    ]
    for card in cards:
        assert len(card.select(".summary-action a")) == len(card.select(".summary-row"))
    text = page.get_text(" ")
    for shown in ("IT60 X054 2811 1010 0000 0123 456", "BPMOIT22XXX", "Italia", "00184"):
        assert shown in text, shown
    assert page.find("a", href=f"{PAGES['account']}?schimbare=bic")


def test_every_question_page_passes_the_page_checks(client_request):
    # The page-checking client checks each page it gets (title, h1, ids, description, ...).
    client_request.get_page(PAGES["pensioner"])
    post_page(client_request, "pensioner", pensioner_abroad())
    client_request.get_page(PAGES["account"])
    post_page(client_request, "account", foreign_account())
    client_request.get_page(PAGES["filer"])
    post_page(client_request, "filer", {"who_files": "reprezentant_legal"})
    client_request.get_page(PAGES["representative"])


def test_a_romanian_iban_is_refused_with_the_way_to_the_romanian_request(client_request):
    post_page(client_request, "pensioner", pensioner_abroad())
    response = post_page(
        client_request,
        "account",
        foreign_account(iban="RO49 BTRL 0000 0000 0000 0076"),
        expected_status=200,
    )
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    summary = page.select_one(".error-summary")
    assert "A apărut o problemă" in summary.get_text()
    assert summary.find("a", href="#iban")
    assert "Acesta este un IBAN din România" in page.get_text(" ")
    # The link the message points to.
    assert page.select_one("main form").find_previous("a", href="/plata-card/")
    # What was typed stays in the box.
    assert page.find("input", id="iban")["value"] == "RO49 BTRL 0000 0000 0000 0076"


def test_iban_and_bic_must_belong_to_the_bank_country(client_request):
    post_page(client_request, "pensioner", pensioner_abroad())
    response = post_page(
        client_request,
        "account",
        foreign_account(bank_country="DE"),
        expected_status=200,
    )
    text = soup(response).get_text(" ")
    assert "IBAN-ul este al unui cont din Italia" in text and "o bancă din Germania" in text
    assert "Codul BIC (SWIFT) este al unei bănci din Italia" in text


def test_pages_need_the_earlier_ones(client_request):
    for page in ("account", "filer", "representative"):
        response = client_request.get(PAGES[page], expected_status=302)
        assert response.headers["Location"].startswith(PAGES["pensioner"])
    assert (
        client_request.get(CHECK, expected_status=302)
        .headers["Location"]
        .startswith(PAGES["pensioner"])
    )


def test_leaving_a_field_returns_that_field_only(client_request):
    post_page(client_request, "pensioner", pensioner_abroad())
    response = post_page(
        client_request,
        "account",
        foreign_account(bic="DEUT"),
        headers={"HX-Request": "true", "X-Field": "bic"},
        expected_status=200,
    )
    assert response.headers["HX-Retarget"] == "#field-bic"
    assert "8 sau 11 caractere" in response.get_data(True)


def test_question_pages_carry_htmx_on_the_form(client_request):
    post_page(client_request, "pensioner", pensioner_abroad())
    post_page(client_request, "account", foreign_account())
    for page in ("pensioner", "account", "filer"):
        form = client_request.get_page(PAGES[page]).select_one("main form")
        assert form["action"] == PAGES[page] and form["hx-post"] == PAGES[page]


def test_without_a_representative_the_page_is_skipped(client_request):
    fill_pages(client_request)
    response = client_request.get(PAGES["representative"], expected_status=302)
    assert response.headers["Location"] == CHECK
    confirm(client_request)
    assert "Popescu" not in client_request.get_page(CONFIRMATION).get_text(" ")


def test_the_representative_is_printed_when_someone_else_files(client_request):
    fill_pages(client_request, who="imputernicit")
    confirm(client_request)
    pdf = client_request.get(PDF, expected_status=200)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert REPRESENTATIVE_CNP in text and "Semnătura persoanei împuternicite" in text


def test_downloads_are_refused_to_another_browser(client_request, app):
    fill_pages(client_request)
    confirm(client_request)
    stranger = PageClient(app.test_client())
    for url in (PDF, DOCX, PRINT_VIEW, CONFIRMATION):
        stranger.get(url, expected_status=403)


def test_downloads_wait_for_the_check_page(client_request):
    fill_pages(client_request)
    for url in (PDF, DOCX, CONFIRMATION, PRINT_VIEW):
        assert client_request.get(url, expected_status=302).headers["Location"] == CHECK


def test_a_changed_answer_needs_confirming_again(client_request):
    fill_pages(client_request)
    confirm(client_request)
    client_request.get(PDF, expected_status=200)
    post_page(client_request, "account", foreign_account(bic="BPMOIT22"))
    assert client_request.get(PDF, expected_status=302).headers["Location"] == CHECK


def test_honeypot_refuses_bots(client_request):
    post_page(client_request, "pensioner", pensioner_abroad(website="x"), expected_status=400)


@pytest.mark.parametrize(
    "overrides",
    [
        {"country_code": "RO"},
        {"country_code": "ZZ"},
        {"postal_code": "00184!"},
        {"phone": "12"},
        {"house_code": "XX"},
        {"cnp": "1" * 5000},
    ],
)
def test_bad_pensioner_input_is_an_error_not_a_500(client_request, overrides):
    response = post_page(
        client_request, "pensioner", pensioner_abroad(**overrides), expected_status=200
    )
    assert soup(response).title.get_text().startswith("Eroare: ")


@pytest.mark.parametrize(
    "overrides",
    [
        {"bank_country": "RO"},
        {"bank_country": "US"},
        {"iban": "IT60 X054 2811 1010 0000 0123 457"},
        {"iban": "ș" * 30},
        {"bic": "1EUTDEFF"},
        {"own_account": ""},
    ],
)
def test_bad_account_input_is_an_error_not_a_500(client_request, overrides):
    post_page(client_request, "pensioner", pensioner_abroad())
    response = post_page(
        client_request, "account", foreign_account(**overrides), expected_status=200
    )
    assert soup(response).title.get_text().startswith("Eroare: ")


def test_the_check_page_is_rate_limited(migrated):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "RATELIMIT_ENABLED": True,
            "ACCOUNT_SUBMIT_RATE_LIMIT": "2 per minute",
        }
    )
    client = PageClient(app.test_client())
    token = client.csrf_token(PAGES["pensioner"])
    statuses = [client.post(CHECK, data={"csrf_token": token}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    # Reading the check page is not limited.
    client.get(CHECK, expected_status=302)
