"""The legal pages (B4), the footer that links them from every page, and the header's sign-in
state (M16)."""

import pytest
from flask import url_for

from domain.reference import counties
from tests.builders import as_staff, signed_in_citizen

LEGAL_PAGES = {
    "/declaratia-de-accesibilitate": "Declarația de accesibilitate",
    "/protectia-datelor": "Protecția datelor personale",
    "/cookie-uri": "Cookie-uri",
    "/contact": "Contact",
    "/despre": "Despre acest site",
}
CONFIGURED = {
    "OPERATOR_NAME": "Casa Națională de Pensii Publice",
    "OPERATOR_ADDRESS": "Strada Exemplu nr. 1, București",
    "OPERATOR_EMAIL": "contact@exemplu.ro",
    "OPERATOR_PHONE": "021 000 00 00",
    "DPO_EMAIL": "dpo@exemplu.ro",
    "DPO_ADDRESS": "Strada Exemplu nr. 2, București",
    "ACCESSIBILITY_FEEDBACK_EMAIL": "accesibilitate@exemplu.ro",
    "ACCESSIBILITY_STATEMENT_DATE": "2026-12-01",
}


def text_of(page) -> str:
    return page.main.get_text(" ", strip=True)


@pytest.mark.parametrize(("path", "heading"), LEGAL_PAGES.items())
def test_each_legal_page_is_there(client_request, path, heading):
    page = client_request.get_page(path)
    assert page.h1.get_text(strip=True) == heading


# --- Not configured: the page names the missing setting, never a guessed value


def test_unconfigured_pages_name_each_missing_setting(client_request):
    checks = {
        "/declaratia-de-accesibilitate": (
            "ACCESSIBILITY_STATEMENT_DATE",
            "ACCESSIBILITY_FEEDBACK_EMAIL",
        ),
        "/protectia-datelor": ("OPERATOR_NAME", "DPO_EMAIL"),
        "/contact": ("OPERATOR_NAME",),
        "/despre": ("OPERATOR_NAME",),
        "/": ("OPERATOR_NAME",),
    }
    for path, settings in checks.items():
        page = client_request.get_page(path)
        for setting in settings:
            assert setting in text_of(page), (path, setting)
        assert "exemplu.ro" not in text_of(page)
    privacy = text_of(client_request.get_page("/protectia-datelor"))
    assert (
        "Datele de contact ale responsabilului cu protecția datelor nu au fost încă configurate"
        in privacy
    )


def test_configured_pages_show_the_operator(app, client_request):
    app.config.update(CONFIGURED)
    accessibility = text_of(client_request.get_page("/declaratia-de-accesibilitate"))
    assert "Declarația a fost întocmită la 1 decembrie 2026." in accessibility
    assert "accesibilitate@exemplu.ro" in accessibility
    privacy = text_of(client_request.get_page("/protectia-datelor"))
    for value in ("Casa Națională de Pensii Publice", "contact@exemplu.ro", "dpo@exemplu.ro"):
        assert value in privacy
    contact = text_of(client_request.get_page("/contact"))
    assert "021 000 00 00" in contact and "Strada Exemplu nr. 1, București" in contact
    home = text_of(client_request.get_page("/"))
    assert "Site administrat de Casa Națională de Pensii Publice" in home
    for path in ("/", *LEGAL_PAGES):
        assert "nu au fost încă configurat" not in text_of(client_request.get_page(path)), path
        assert "nu a fost încă configurat" not in text_of(client_request.get_page(path)), path


def test_a_mistyped_statement_date_is_asked_for_again(app, client_request):
    app.config["ACCESSIBILITY_STATEMENT_DATE"] = "1 decembrie"
    page = client_request.get_page("/declaratia-de-accesibilitate")
    assert "ACCESSIBILITY_STATEMENT_DATE" in text_of(page)


def test_config_reads_the_operator_from_the_environment(monkeypatch, tmp_path):
    from webapp.config import TestingConfig

    monkeypatch.setenv("OPERATOR_NAME", " Casa Națională de Pensii Publice ")
    monkeypatch.setenv("DPO_EMAIL", "dpo@exemplu.ro")
    monkeypatch.setenv("ACCESSIBILITY_STATEMENT_DATE", "")
    config = TestingConfig(str(tmp_path))
    assert config.OPERATOR_NAME == "Casa Națională de Pensii Publice"
    assert config.DPO_EMAIL == "dpo@exemplu.ro"
    assert config.ACCESSIBILITY_STATEMENT_DATE is None


# --- What each page must say


def test_accessibility_statement_says_partial_what_is_not_accessible_and_the_route(
    client_request,
):
    text = text_of(client_request.get_page("/declaratia-de-accesibilitate"))
    assert "parțial conform" in text and "WCAG 2.1, nivelul AA" in text and "EN 301 549" in text
    assert "Ordonanței de urgență a Guvernului nr. 112/2018" in text
    assert "Autoritatea pentru Digitalizarea României (ADR)" in text
    assert "PDF" in text  # the printouts' limits are stated


def test_privacy_notice_has_what_article_13_asks(client_request):
    page = client_request.get_page("/protectia-datelor")
    text = text_of(page)
    for expected in (
        "art. 6 alin. (1) lit. c) și e)",
        "Legii nr. 360/2023",
        "Nu vă cerem acordul",
        "art. 4 din Legea nr. 190/2018",
        "Cui dăm datele",
        "dreptul de acces",
        "rectificare",
        "ștergere",
        "restricționarea",
        "opoziție",
        "Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal",
        "B-dul G-ral. Gheorghe Magheru 28-30, București",
        "anspdcp@dataprotection.ro",
    ):
        assert expected in text, expected
    assert page.find("a", href="https://www.dataprotection.ro")
    assert "de acord" not in text.lower()


def test_cookie_page_reads_name_and_lifetime_from_the_config(app, client_request):
    text = text_of(client_request.get_page("/cookie-uri"))
    assert app.config["SESSION_COOKIE_NAME"] in text
    assert (
        "cel mult 7 zile de la ultima folosire, ca răspunsurile să rămână și dacă închideți browserul"
        in text
    )
    assert "Legea nr. 506/2004, art. 4 alin. (5)" in text
    app.config.update(
        SESSION_COOKIE_NAME="__Host-alt",
        PERMANENT_SESSION_LIFETIME=__import__("datetime").timedelta(days=30),
        DRAFT_MAX_AGE_DAYS=30,
    )
    text = text_of(client_request.get_page("/cookie-uri"))
    assert "__Host-alt" in text
    assert "cel mult 30 de zile de la ultima folosire" in text
    assert "după 30 de zile de la ultima modificare" in text


def test_about_page_links_to_cnpp(client_request):
    page = client_request.get_page("/despre")
    assert page.main.find("a", href="https://www.cnpp.ro")
    assert "http://localhost" in text_of(page)


def test_home_page_has_the_official_site_marker_and_a_plain_title(client_request):
    page = client_request.get_page("/")
    assert page.title.get_text() == "Servicii online pentru pensiile publice – Portal pensii"
    marker = page.find(class_="official-site")
    assert marker.find("a", href="https://www.cnpp.ro")
    assert marker.find("a", href="/despre")


# --- The contact page's county chooser (a GET form: no JavaScript needed)


def test_contact_chooser_is_a_get_form_listing_every_house(client_request):
    page = client_request.get_page("/contact")
    form = page.find("form", class_="house-chooser")
    assert form["method"] == "get" and form["action"] == "/contact"
    options = [o["value"] for o in form.find_all("option") if o["value"]]
    assert len(options) == 42
    assert not page.find(class_="house-contacts")


def test_contact_chooser_shows_a_confirmed_house(client_request):
    page = client_request.get_page("/contact", query_string={"casa": "DB"})
    contacts = page.find(class_="house-contacts")
    text = contacts.get_text(" ", strip=True)
    assert "Casa Județeană de Pensii Dâmbovița" in text
    assert "certificateviata.dambovita@cnpp.ro" in text
    assert "0374.491.199" in text
    assert "Luni–Joi 08:30–16:00" in text
    assert page.find("option", value="DB").has_attr("selected")


def test_contact_chooser_shows_no_unconfirmed_contacts(client_request):
    # Călărași's street and phones are dated (`old`): never shown, CNPP's site instead.
    page = client_request.get_page("/contact", query_string={"casa": "CL"})
    text = page.find(class_="house-contacts").get_text(" ", strip=True)
    assert "Flacăra" not in text and "0242" not in text
    assert "Nu avem încă adresa, e-mailul sau telefonul confirmate" in text
    assert page.find(class_="house-contacts").find("a", href="https://www.cnpp.ro")


def test_contact_chooser_ignores_an_unknown_code(client_request):
    page = client_request.get_page("/contact", query_string={"casa": "ZZ"})
    assert not page.find(class_="house-contacts")


def test_a_new_csv_line_is_all_a_house_needs(client_request, monkeypatch, tmp_path):
    copy = tmp_path / "houses.csv"
    copy.write_text(
        counties.DATA.read_text(encoding="utf-8")
        + "ZZ,Test,Casa de Pensii Test,Testești,str. Nouă nr. 1,,test@cnpp.ro,,,,,,current,x,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(counties, "DATA", copy)
    counties.all_counties.cache_clear()
    counties.by_code.cache_clear()
    try:
        page = client_request.get_page("/contact", query_string={"casa": "ZZ"})
        text = page.find(class_="house-contacts").get_text(" ", strip=True)
        assert "str. Nouă nr. 1, Testești, județul Test" in text and "test@cnpp.ro" in text
    finally:
        counties.all_counties.cache_clear()
        counties.by_code.cache_clear()


# --- Every page's footer links the legal pages


def get_pages(app) -> list[str]:
    """Every GET page of the URL map that needs no URL values."""
    paths = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static":
                paths.append(url_for(rule.endpoint))
    return sorted(set(paths))


def test_every_html_page_links_the_legal_pages_in_its_footer(app, client):
    pages = 0
    for path in get_pages(app):
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        from bs4 import BeautifulSoup

        page = BeautifulSoup(response.get_data(as_text=True), "html5lib")
        if not page.find("footer"):
            continue  # printouts' own layout (print views): not a site page
        links = {a["href"] for a in page.find("footer").find_all("a")}
        assert set(LEGAL_PAGES) <= links, path
        pages += 1
    assert pages >= 15


# --- The header: who is signed in (M16)


def header_of(page):
    return page.find("header", class_="site-header")


def test_header_offers_sign_in_to_anonymous_visitors(client_request):
    header = header_of(client_request.get_page("/"))
    assert header.find("a", href="/autentificare").get_text(strip=True) == "Autentificare"
    assert not header.find("form")
    assert "Contul meu" not in header.get_text()


def test_header_of_a_citizen_has_the_account_and_a_sign_out_form(app):
    citizen, _, _ = signed_in_citizen(app)
    header = header_of(citizen.get_page("/"))
    assert header.find("a", href="/contul-meu/").get_text(strip=True) == "Contul meu"
    form = header.find("form")
    assert form["action"] == "/iesire" and form["method"] == "post"
    assert form.find("input", {"name": "csrf_token"})["value"]
    assert form.button.get_text(strip=True) == "Ieșiți din cont"
    assert "Autentificare" not in header.get_text()
    # The form signs out.
    token = form.find("input", {"name": "csrf_token"})["value"]
    citizen.post("/iesire", data={"csrf_token": token}, expected_status=303)
    assert "Autentificare" in header_of(citizen.get_page("/")).get_text()


def test_header_of_staff_has_the_counter_and_a_sign_out_form(app):
    staff, _ = as_staff(app)
    header = header_of(staff.get_page("/"))
    assert header.find("a", href="/ghiseu/").get_text(strip=True) == "Ghișeul"
    assert header.find("form")["action"] == "/iesire"
    assert "Contul meu" not in header.get_text()


def test_home_header_does_not_repeat_the_h1(client_request):
    home = client_request.get_page("/")
    assert not home.find(class_="site-tagline")
    assert client_request.get_page("/contact").find(class_="site-tagline")
