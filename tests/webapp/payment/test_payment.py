"""The request for payment into an account through the test client: pages, drafts, htmx fragments,
check your answers, and downloads that only the browser that filled the request gets."""

import io

import pytest
from pypdf import PdfReader

from documents import cache
from tests.builders import (
    PENSIONER_CNP,
    REPRESENTATIVE_CNP,
    bank_account,
    count_renders,
    filer,
    pensioner,
    representative,
)
from tests.page_checks import PageClient, soup

BTRL_IBAN = "RO49BTRL0000000000000076"  # a valid checksum, Banca Transilvania's code
BASE = "/plata-card"
PAGES = {
    "pensioner": f"{BASE}/cerere",
    "account": f"{BASE}/cerere/cont",
    "filer": f"{BASE}/cerere/depunere",
    "representative": f"{BASE}/cerere/reprezentant",
}
CHECK = f"{BASE}/cerere/verificare"
CONFIRMATION = f"{BASE}/cerere/gata"
PDF = f"{BASE}/cerere/cerere-plata-pensie-in-cont.pdf"
DOCX = f"{BASE}/cerere/cerere-plata-pensie-in-cont.docx"
PRINT_VIEW = f"{BASE}/cerere/tiparire"


def post_page(client, page: str, data: dict, **kwargs):
    token = client.csrf_token(PAGES[page])
    return client.post(PAGES[page], data=data | {"csrf_token": token}, **kwargs)


def fill_pages(client, *, who=None, **pensioner_overrides) -> None:
    for page, data in (
        ("pensioner", pensioner(**pensioner_overrides)),
        ("account", bank_account()),
        ("filer", who or filer()),
    ):
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


def test_start_page_lists_the_banks_and_the_steps(client_request):
    page = client_request.get_page(f"{BASE}/")
    text = page.get_text(" ")
    assert len(page.select("main ul.list-bullet")[0].find_all("li")) == 17
    for bank in ("Banca Transilvania", "BCR (Banca Comercială Română)", "Vista Bank"):
        assert bank in text
    assert "scrisoare recomandată cu confirmare de primire" in text
    assert "0,15%" in text and "lunar" in text
    assert page.find("a", href=PAGES["pensioner"])


def test_home_page_links_to_the_service(client_request):
    assert client_request.get_page("/").find("a", href=f"{BASE}/")


def test_whole_journey_without_javascript(client_request):
    fill_pages(client_request)
    response = confirm(client_request)
    assert response.headers["Location"] == CONFIRMATION
    page = client_request.get_page(CONFIRMATION)
    text = page.get_text(" ")
    assert "Cererea este gata de tipărit" in text
    assert "Casa Județeană de Pensii Dâmbovița" in text
    # Dâmbovița's official email is in the reference data; no postal address is, so none is shown.
    assert "casadepensiidambovita@cnpp.ro" in text
    assert "Adresa poștală a casei de pensii o găsiți pe www.pensiidb.ro sau pe www.cnpp.ro" in text
    assert "copia extrasului de cont" in text and "copia actului de identitate" in text
    links = [a["href"] for a in page.find_all("a", href=True)]
    assert PDF in links and DOCX in links and PRINT_VIEW in links

    pdf = client_request.get(PDF, expected_status=200)
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"] == (
        'attachment; filename="cerere-plata-pensie-in-cont.pdf"'
    )
    assert pdf.headers["Cache-Control"] == "private, no-store"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "RO49 BTRL 0000 0000 0000 0076" in text and PENSIONER_CNP in text

    docx = client_request.get(DOCX, expected_status=200)
    assert docx.data.startswith(b"PK")
    assert docx.mimetype.endswith("wordprocessingml.document")
    assert 'filename="cerere-plata-pensie-in-cont.docx"' in docx.headers["Content-Disposition"]

    view = client_request.get_page(PRINT_VIEW)
    assert PENSIONER_CNP in view.get_text()


def test_check_page_shows_every_answer_with_a_change_link(client_request):
    fill_pages(client_request, who=representative())
    page = client_request.get_page(CHECK)
    cards = page.find_all(class_="summary-card")
    assert [card.h2.get_text() for card in cards] == [
        "Titularul pensiei",
        "Adresa de domiciliu",
        "Contact",
        "Contul bancar",
        "Cine depune cererea",
        "Persoana care depune cererea",
    ]
    # M15: one link per answer, to its question on its page.
    pages = [card.find("a")["href"].split("?")[0] for card in cards]
    assert pages == [PAGES["pensioner"]] * 3 + [
        PAGES["account"],
        PAGES["filer"],
        PAGES["representative"],
    ]
    for card in cards:
        assert len(card.select(".summary-action a")) == len(card.select(".summary-row"))
    iban = page.find("a", href=f"{PAGES['account']}?schimbare=iban")
    assert iban.get_text(" ", strip=True) == "Schimbați IBAN-ul contului"
    text = page.get_text(" ")
    for shown in (
        "Țărănescu",
        PENSIONER_CNP,
        "123456/2019",
        "Casa Județeană de Pensii Dâmbovița",
        "Banca Transilvania",
        "RO49 BTRL 0000 0000 0000 0076",
        "O persoană împuternicită de titular prin procură specială",
        "Popescu",
        REPRESENTATIVE_CNP,
        "10.01.2024",
    ):
        assert shown in text


def test_representative_typed_then_abandoned_is_not_printed(client_request):
    fill_pages(client_request, who=representative(who_files="titular"))
    text = client_request.get_page(CHECK).get_text(" ")
    assert "Eu, titularul pensiei" in text and "Popescu" not in text
    confirm(client_request)
    assert "Popescu" not in client_request.get_page(CONFIRMATION).get_text(" ")
    # Still in the draft: choosing the representative again brings it back.
    page = client_request.get_page(PAGES["filer"])
    assert page.find("input", id="rep_last_name")["value"] == "Popescu"


def test_pages_need_the_earlier_ones(client_request):
    for page in ("account", "filer"):
        response = client_request.get(PAGES[page], expected_status=302)
        assert response.headers["Location"] == f"{PAGES['pensioner']}?verificare=1"
    response = client_request.get(CHECK, expected_status=302)
    assert response.headers["Location"] == f"{PAGES['pensioner']}?verificare=1"
    post_page(client_request, "pensioner", pensioner())
    response = client_request.get(CHECK, expected_status=302)
    assert response.headers["Location"] == f"{PAGES['account']}?verificare=1"
    page = client_request.get_page(f"{PAGES['account']}?verificare=1")
    assert page.title.get_text().startswith("Eroare: ")
    assert "Introduceți IBAN-ul contului." in page.select_one(".error-summary").get_text()


def test_invalid_answers_come_back_with_errors_keeping_everything_typed(client_request):
    post_page(client_request, "pensioner", pensioner())
    response = post_page(
        client_request,
        "account",
        bank_account(iban="RO49 btrl 0000 0000 0000 0076", own_account=""),
        expected_status=200,
    )
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    summary = page.select_one(".error-summary")
    links = {a["href"]: a.get_text() for a in summary.find_all("a")}
    assert "#iban" not in links
    assert "#own_account" in links
    iban = page.find("input", id="iban")
    assert iban["value"] == "RO49BTRL0000000000000076"  # normalised, not lost
    # M13: the bank is shown from the IBAN, not asked.
    assert not page.find(id="bank_code")
    assert page.find(id="iban-hint").get_text() == (
        "Banca: Banca Transilvania ✓ (după codul BTRL din IBAN)"
    )
    # Reloading the page shows the same answers: the draft kept them.
    again = client_request.get_page(PAGES["account"])
    assert again.find("input", id="iban")["value"] == "RO49BTRL0000000000000076"
    assert not again.find("input", id="own_account").has_attr("checked")


def test_ticked_declaration_survives_the_draft(client_request):
    post_page(client_request, "pensioner", pensioner())
    post_page(client_request, "account", bank_account(iban="not an iban"), expected_status=200)
    page = client_request.get_page(PAGES["account"])
    assert page.find("input", id="own_account").has_attr("checked")
    assert page.find("input", id="iban")["value"] == "not an iban"


def test_leaving_a_field_returns_that_field_only(client_request):
    post_page(client_request, "pensioner", pensioner())
    response = post_page(
        client_request,
        "account",
        bank_account(iban="RO49 TREZ 0000 0000 0000 0061"),
        headers={"HX-Request": "true", "X-Field": "iban"},
        expected_status=200,
    )
    assert response.headers["HX-Retarget"] == "#field-iban"
    assert response.headers["HX-Reswap"] == "outerHTML"
    page = soup(response)
    assert "cont de Trezorerie" in page.find(id="iban-error").get_text()
    assert not page.find(id="bank_code")


def test_htmx_submit_with_errors_returns_the_content_block(client_request):
    response = post_page(
        client_request,
        "pensioner",
        pensioner(cnp="2580514123450"),
        headers={"HX-Request": "true"},
        expected_status=200,
    )
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert html.lstrip().startswith("<title>Eroare: Titularul pensiei")
    assert "HX-Request" in response.headers["Vary"]
    assert "CNP-ul nu este valid" in soup(response).select_one(".error-summary").get_text()


def test_valid_submit_with_htmx_redirects_the_whole_page(client_request):
    response = post_page(
        client_request,
        "pensioner",
        pensioner(),
        headers={"HX-Request": "true"},
        expected_status=204,
    )
    assert response.headers["HX-Redirect"] == PAGES["account"]


def test_question_pages_carry_htmx_on_the_form(client_request):
    fill_pages(client_request, who=representative())
    for url in PAGES.values():
        form = client_request.get_page(url).select_one("main form")
        assert form["action"] == url and form["method"] == "post"
        assert form["hx-post"] == url and form["hx-target"] == "#content"
        # The filer page holds another page's questions in its reveal: checked on submit only.
        expected = "submit" if url == PAGES["filer"] else "submit, focusout"
        assert form["hx-trigger"] == expected
        assert form["hx-sync"] == "this:queue all"


def test_representative_is_checked_only_when_someone_else_files(client_request):
    fill_pages(client_request)
    response = post_page(
        client_request,
        "filer",
        representative(rep_cnp=PENSIONER_CNP, rep_document_date="31.02.2024"),
        expected_status=200,
    )
    summary = soup(response).select_one(".error-summary").get_text(" ")
    assert "Acesta este CNP-ul titularului pensiei" in summary
    assert "trebuie să fie o dată care există" in summary


# --- Downloads: only for the browser that filled the request, and only once confirmed


def test_downloads_are_refused_to_another_browser(client_request, app):
    fill_pages(client_request)
    confirm(client_request)
    stranger = PageClient(app.test_client())
    for url in (PDF, DOCX, PRINT_VIEW, CONFIRMATION):
        stranger.get(url, expected_status=403)
    # The stranger starting their own request still does not see the first one.
    post_page(stranger, "pensioner", pensioner(last_name="Ionescu"))
    response = stranger.get(PDF, expected_status=302)
    assert response.headers["Location"] == CHECK


def test_downloads_wait_for_the_check_page(client_request):
    fill_pages(client_request)
    for url in (PDF, DOCX, CONFIRMATION, PRINT_VIEW):
        assert client_request.get(url, expected_status=302).headers["Location"] == CHECK


def test_a_changed_answer_needs_confirming_again(client_request):
    fill_pages(client_request)
    confirm(client_request)
    client_request.get(PDF, expected_status=200)
    # Leaving a field without changing it keeps the confirmation...
    post_page(
        client_request,
        "account",
        bank_account(),
        headers={"HX-Request": "true", "X-Field": "iban"},
        expected_status=200,
    )
    client_request.get(PDF, expected_status=200)
    # ...a different IBAN does not, valid or not.
    post_page(
        client_request,
        "account",
        bank_account(iban="RO49 XXXX 0000 0000 0000 0032"),
        expected_status=200,
    )
    assert client_request.get(PDF, expected_status=302).headers["Location"] == CHECK
    location = client_request.get(CHECK, expected_status=302).headers["Location"]
    assert location == f"{PAGES['account']}?verificare=1"
    post_page(client_request, "account", bank_account(iban=" ro49rncb0000000000000032"))
    confirm(client_request)
    pdf = client_request.get(PDF, expected_status=200).data
    assert "RO49 RNCB 0000 0000 0000 0032" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_repeated_download_is_served_from_the_cache(client_request, monkeypatch):
    calls = count_renders(monkeypatch, "payment_request")
    fill_pages(client_request)
    confirm(client_request)
    first_pdf = client_request.get(PDF, expected_status=200).data
    first_docx = client_request.get(DOCX, expected_status=200).data
    assert client_request.get(PDF, expected_status=200).data == first_pdf
    assert client_request.get(DOCX, expected_status=200).data == first_docx
    assert calls == ["pdf", "docx"]
    # Other answers are other bytes.
    post_page(client_request, "pensioner", pensioner(first_name="Maria"))
    confirm(client_request)
    assert client_request.get(PDF, expected_status=200).data != first_pdf
    assert calls == ["pdf", "docx", "pdf"]


# --- Bad input never a 500


@pytest.mark.parametrize(
    "overrides",
    [
        {"last_name": "<script>alert(1)</script>"},
        {"first_name": "Ana\x00\x07"},
        {"last_name": "A" * 10_000},
        {"house_code": "ZZ"},
        {"county_code": "'; drop table drafts; --"},
        {"pension_number": "\u202e123"},
        {"cnp": "٢٥٨٠٥١٤١٢٣٤٥٧"},
    ],
)
def test_bad_pensioner_input_is_an_error_not_a_500(client_request, overrides):
    response = post_page(client_request, "pensioner", pensioner(**overrides), expected_status=200)
    assert soup(response).select_one(".error-summary")


@pytest.mark.parametrize(
    "overrides",
    [
        {"iban": "RO49 <b>BTRL</b>"},
        {"iban": "RO49BTRL0000000000000076\x00"},
        {"iban": "Ø" * 10_000},
        {"iban": "RО49BTRL0000000000000076"},  # a Cyrillic О
        {"iban": "RO49 NOPE 0000 0000 0000 0076"},
        {"own_account": "maybe", "iban": ""},
    ],
)
def test_bad_account_input_is_an_error_not_a_500(client_request, overrides):
    post_page(client_request, "pensioner", pensioner())
    response = post_page(client_request, "account", bank_account(**overrides), expected_status=200)
    assert soup(response).select_one(".error-summary")


def test_tampered_or_unknown_posts_are_not_a_500(client_request):
    fill_pages(client_request)
    response = post_page(client_request, "filer", {"who_files": "robot"}, expected_status=200)
    assert "Alegeți cine depune cererea." in response.get_data(as_text=True)
    token = client_request.csrf_token(PAGES["pensioner"])
    # The raw client: the 400 is a whole error page, not a fragment.
    response = client_request.client.post(
        PAGES["pensioner"],
        data=pensioner() | {"csrf_token": token},
        headers={"HX-Request": "true", "X-Field": "no_such_field"},
    )
    assert response.status_code == 400
    client_request.get(f"{BASE}/cerere/cerere-plata-pensie-in-cont.exe", expected_status=404)


def test_honeypot_refuses_bots(client_request):
    response = post_page(client_request, "pensioner", pensioner(website="http://spam.example"))
    assert response.status_code == 400


def test_missing_csrf_token_is_a_clear_400(client_request):
    response = client_request.post(PAGES["pensioner"], data=pensioner(), expected_status=400)
    assert "Formularul a expirat" in response.get_data(as_text=True)


# --- Who files: the representative's questions only when they apply (M13)


def test_without_js_the_representative_is_a_page_of_its_own(client_request):
    """JS off, the revealed questions are hidden and disabled, so only the choice is posted: a
    representative's choice leads to their own page; the pensioner's straight to check answers."""
    fill_pages(client_request)
    page = client_request.get_page(PAGES["filer"])
    reveal = page.find(id="conditional-representative")
    assert reveal.has_attr("hidden") and reveal.fieldset.has_attr("disabled")
    assert "lăsați aceste căsuțe goale" not in page.get_text()

    response = post_page(
        client_request, "filer", {"who_files": "imputernicit"}, expected_status=303
    )
    assert response.headers["Location"] == PAGES["representative"]
    page = client_request.get_page(PAGES["representative"])
    assert page.h1.get_text() == "Persoana care depune cererea în numele titularului"
    assert "Pasul 3 din 4" in page.select_one(".caption").get_text()
    # Not complete yet: the check page sends the person to it.
    location = client_request.get(CHECK, expected_status=302).headers["Location"]
    assert location == f"{PAGES['representative']}?verificare=1"
    data = {key: value for key, value in representative().items() if key.startswith("rep_")}
    response = post_page(client_request, "representative", data, expected_status=303)
    assert response.headers["Location"] == CHECK
    assert REPRESENTATIVE_CNP in client_request.get_page(CHECK).get_text()


def test_the_representative_page_is_skipped_when_the_pensioner_files(client_request):
    fill_pages(client_request)
    response = client_request.get(PAGES["representative"], expected_status=302)
    assert response.headers["Location"] == CHECK


def test_revealed_questions_are_checked_with_the_choice(client_request):
    """JS on, the revealed questions come with the choice; answered, no extra page."""
    fill_pages(client_request)
    response = post_page(
        client_request, "filer", representative(rep_last_name=""), expected_status=200
    )
    page = soup(response)
    assert page.title.get_text().startswith("Eroare: ")
    assert page.find("input", value="imputernicit").has_attr("checked")
    summary = page.select_one(".error-summary").get_text(" ")
    assert "Introduceți numele de familie al persoanei care depune cererea." in summary
    assert page.find("input", id="rep_first_name")["value"] == "Ion"
    response = post_page(client_request, "filer", representative(), expected_status=303)
    assert response.headers["Location"] == CHECK


def test_step_counter_counts_the_check_page(client_request):
    """m7: "Pasul 3 din 3" was followed by a fourth page."""
    fill_pages(client_request)
    captions = [
        client_request.get_page(url).select_one(".caption").get_text()
        for url in (PAGES["pensioner"], PAGES["account"], PAGES["filer"], CHECK)
    ]
    assert [caption.rsplit("· ", 1)[1] for caption in captions] == [
        f"Pasul {n} din 4" for n in range(1, 5)
    ]


def test_changing_the_iban_returns_straight_to_the_check_page(client_request):
    """M15 in the shared machinery: the bank account page, then the check page, not the filer's."""
    fill_pages(client_request, who=representative())
    page = client_request.get_page(f"{PAGES['account']}?schimbare=iban")
    assert page.find("input", id="iban").has_attr("autofocus")
    assert page.find("a", class_="back-link")["href"] == CHECK
    action = page.find("form")["action"]
    assert action == f"{PAGES['account']}?schimbare=iban"
    data = {
        key: value["value"] if value.name == "input" else ""
        for key, value in ((i["name"], i) for i in page.select("form input[name]"))
        if value.get("type") not in ("checkbox", "radio")
    }
    data |= {"own_account": "y"}
    response = client_request.post(action, data=data, expected_status=303)
    assert response.headers["Location"] == CHECK
