"""The online-account printout: one context, three renderings (HTML page, PDF, Word).

The central check: every value of the context is printed in both files, so an answer added to
the context but forgotten in a template fails here.
"""

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import html5lib
import pytest
from docx import Document
from lxml import etree
from pypdf import PdfReader

from documents import account_request, rendering
from tests.documents.document_text import (
    A4_POINTS,
    CEDILLA,
    docx_text,
    normalised,
    page_texts,
    pdf_text,
)

ROOT = Path(__file__).resolve().parents[2]
GENERATED_ON = dt.date(2026, 1, 15)
MARKUP = '<b>Ion</b> & "Co"'


def natural(number: int, **overrides) -> dict:
    person = {
        "kind": "natural",
        "last_name": "Țărănescu",
        "first_name": f"Ștefania {number}",
        "cnp": "2950101123457",
        "category": "asigurat",
        "legal_basis": "parinte",
        "document_number": f"{1200 + number}/2025",
        "document_date": dt.date(2025, 3, 14),
    }
    return person | overrides


def legal(number: int, **overrides) -> dict:
    person = {
        "kind": "legal",
        "name": f"Asociația Pensionarilor Șoimii {number}",
        "cui": "18547290",
        "role": "reprezentant_legal",
        "document_number": f"D-{40 + number}",
        "document_date": dt.date(2024, 11, 2),
    }
    return person | overrides


def request_data(persons=(), **overrides) -> dict:
    data = {
        "reference": "CC-2026-000123",
        "submitted_at": dt.datetime(2026, 1, 15, 10, 42, tzinfo=dt.UTC),
        "last_name": "Popescu-Țăranu",
        "first_name": "Ana Ștefănică",
        "cnp": "2850315125803",
        "birth_date": dt.date(1985, 3, 15),
        "sex": "F",
        "id_type": "CI",
        "id_series": "CJ",
        "id_number": "123456",
        "id_issuer": "SPCLEP Cluj-Napoca",
        "id_issued_on": dt.date(2021, 3, 27),
        "id_expires_on": dt.date(2031, 3, 15),
        "county_code": "CJ",
        "locality": "Cluj-Napoca",
        "street": "Strada Observatorului",
        "street_number": "34",
        "block": "A2",
        "staircase": "1",
        "floor": "3",
        "apartment": "12",
        "postal_code": "400363",
        "phone": "0722 123 456",
        "email": "ana.popescu@example.ro",
        "office_code": "B",
        "persons": list(persons),
        # From the web side: the qualified e-signature route's page.
        "qes_url": QES_URL,
    }
    return data | overrides


QES_URL = "https://portal.cnpp.ro/cont/cerere/CC-2026-000123/semnatura-electronica"


THREE_PERSONS = request_data(
    [
        natural(1, legal_basis="procura"),
        legal(2, role="imputernicit"),
        natural(3, legal_basis="consiliere_judiciara"),
    ],
    office_code="CJ",
)
# A passport: no series, valid without limit; a house without block or flat; nobody administered.
PASSPORT_NO_PERSONS = request_data(
    id_type="PASAPORT",
    id_series="",
    id_number="051234567",
    id_issuer="DGP - Serviciul Pașapoarte Sibiu",
    id_expires_on=None,
    county_code="SB",
    locality="Cisnădie",
    street="Strada Măgurii",
    street_number="7",
    block="",
    staircase="",
    floor="",
    apartment="",
    office_code="SB",
    sex="M",
    last_name="Țuțuianu",
    first_name="Mircea",
)
# M7: a home in Italy; a pensioner administered, and a person stored before the category was asked.
ABROAD = request_data(
    [natural(1, category="beneficiar"), natural(2, category=None), legal(3)],
    residence="strainatate",
    county_code="",
    locality="",
    street="",
    street_number="",
    block="",
    staircase="",
    floor="",
    apartment="",
    postal_code="",
    country_code="IT",
    foreign_address_line1="Via Roma 12, int. 4",
    foreign_address_line2="Scala B",
    foreign_locality="Roma",
    foreign_region="RM",
    foreign_postal_code="00184",
    email="maria.taranu.d-js@example-mail.it",
)
SAMPLES = {
    "three persons": THREE_PERSONS,
    "passport, no persons": PASSPORT_NO_PERSONS,
    "home abroad": ABROAD,
}


def context_of(data: dict) -> dict:
    return account_request.build_context(data, today=GENERATED_ON)


@pytest.fixture(scope="module", params=list(SAMPLES))
def rendered(request):
    context = context_of(SAMPLES[request.param])
    return context, account_request.render_pdf(context), account_request.render_docx(context)


def leaf_values(context: dict) -> list[tuple[str, str]]:
    """(path, value) for every printed value; the QR code is a picture, checked separately."""
    values = []
    for key, value in context.items():
        if key in ("qr_svg", "qr_png"):
            continue
        if key == "persons":
            for index, person in enumerate(value):
                values += [(f"persons[{index}].{name}", text) for name, text in person.items()]
        else:
            values.append((key, value))
    return values


# --- The context


def test_context_is_display_ready():
    context = context_of(THREE_PERSONS)
    assert context["reference"] == "CC-2026-000123"
    assert context["submitted_at"] == "15.01.2026, 12:42"  # UTC+2 in January
    assert context["generated_on"] == "15.01.2026"
    assert context["birth_date"] == "15.03.1985"
    assert context["sex"] == "Femeie"
    assert context["id_type"] == "Carte de identitate"
    assert context["id_issued_on"] == "27.03.2021"
    assert (context["home_area_label"], context["home_area"]) == ("Județul", "Cluj")
    assert (context["locality"], context["postal_code"]) == ("Cluj-Napoca", "400363")
    assert context["name_ascii"] == "POPESCU-TARANU ANA STEFANICA"
    assert [person["category"] for person in context["persons"]] == [
        "asigurat",
        "angajator",
        "asigurat",
    ]
    assert context["office_name"] == "Casa Județeană de Pensii Cluj"
    assert context["office_seat"] == "Cluj-Napoca"
    assert context["address"] == "Strada Observatorului nr. 34, bl. A2, sc. 1, et. 3, ap. 12"
    assert [person["capacity"] for person in context["persons"]] == [
        "Procură notarială",
        "Împuternicit",
        "Consiliere judiciară",
    ]
    assert context["persons"][0]["name"] == "Țărănescu Ștefania 1"
    assert context["persons"][1]["identifier_label"] == "CUI"
    assert context["persons"][1]["document_date"] == "02.11.2024"
    assert context["qr_svg"].startswith("<svg") and "<title>" in context["qr_svg"]
    assert context["qr_png"].startswith(b"\x89PNG")


def test_context_of_a_home_abroad():
    context = context_of(ABROAD)
    assert (context["home_area_label"], context["home_area"]) == ("Țara", "Italia")
    assert context["locality"] == "Roma"
    assert context["postal_code"] == "00184"
    assert context["address"] == "Via Roma 12, int. 4, Scala B, RM"
    # The category of a person stored before it was asked is not guessed.
    assert [person["category"] for person in context["persons"]] == [
        "pensionar / beneficiar",
        "—",
        "angajator",
    ]


def test_a_home_abroad_without_a_known_country_is_refused():
    with pytest.raises(ValueError):
        context_of(ABROAD | {"country_code": "XX"})


def test_a_request_stored_before_the_residence_question_is_in_romania():
    data = dict(THREE_PERSONS)
    data.pop("residence", None)
    assert context_of(data)["home_area_label"] == "Județul"


def test_bucharest_has_its_own_house():
    context = context_of(request_data(county_code="B", office_code="B"))
    assert context["home_area"] == "București"
    assert context["office_name"] == "Casa de Pensii a Municipiului București"


def test_context_of_a_passport_without_limit_or_flat():
    context = context_of(PASSPORT_NO_PERSONS)
    assert context["id_type"] == "Pașaport"
    assert context["id_series"] == "—"
    assert context["id_expires_on"] == "valabilitate nelimitată"
    assert context["sex"] == "Bărbat"
    assert context["address"] == "Strada Măgurii nr. 7"
    assert context["office_name"] == "Casa Județeană de Pensii Sibiu"
    assert context["persons"] == []


def test_context_accepts_the_stored_json_form():
    """ISO strings for dates; the submission time in Bucharest time."""
    stored = THREE_PERSONS | {
        "birth_date": "1985-03-15",
        "id_expires_on": "",
        "submitted_at": dt.datetime(2026, 7, 1, 9, 5, tzinfo=dt.UTC),
        "persons": [natural(1, document_date="2025-03-14")],
    }
    context = context_of(stored)
    assert context["birth_date"] == "15.03.1985"
    assert context["id_expires_on"] == "valabilitate nelimitată"
    assert context["submitted_at"] == "01.07.2026, 12:05"  # UTC+3 in summer
    assert context["persons"][0]["document_date"] == "14.03.2025"


def test_context_cleans_text():
    context = context_of(THREE_PERSONS | {"last_name": "  Ştefănescu\tŢepeş\x07 ", "block": " "})
    assert context["last_name"] == "Ștefănescu Țepeș"
    assert "bl." not in context["address"]


@pytest.mark.parametrize(
    "field, value", [("sex", "X"), ("id_type", "BULETIN"), ("county_code", "ZZ")]
)
def test_unknown_codes_are_refused(field, value):
    with pytest.raises((ValueError, KeyError)):
        context_of(THREE_PERSONS | {field: value})


def test_unknown_person_kind_is_refused():
    with pytest.raises(ValueError):
        context_of(request_data([natural(1, kind="robot")]))


# --- Every value in both files


def test_every_context_value_is_in_the_pdf(rendered):
    context, pdf, _ = rendered
    text = pdf_text(pdf)
    missing = [path for path, value in leaf_values(context) if normalised(value) not in text]
    assert not missing, f"not in the PDF: {missing}"


def test_every_context_value_is_in_the_docx(rendered):
    context, _, docx = rendered
    text = docx_text(docx)
    missing = [path for path, value in leaf_values(context) if normalised(value) not in text]
    assert not missing, f"not in the Word file: {missing}"


def test_both_files_carry_the_fixed_text(rendered):
    context, pdf, docx = rendered
    for text in (pdf_text(pdf), docx_text(docx)):
        for expected in (
            "Cerere pentru crearea unui cont online",
            "Casa Națională de Pensii Publice",
            "Semnătura",
            "Data",
            "72 de ore",
            "cel puțin 8 caractere",
            "o literă mare și o cifră",
            "Declar pe propria răspundere",
        ):
            assert expected in text
        assert ("Nu administrați alte persoane" in text) == (not context["persons"])
        # The seat only where the house's name does not already say it ("... Sibiu, Sibiu").
        seat_shown = f"cu sediul în {context['office_seat']}" in text
        assert seat_shown == (context["office_seat"] not in context["office_name"])
        assert ("documentele justificative" in text) == bool(context["persons"])


def test_both_files_inform_of_the_legal_basis_and_ask_no_consent(rendered):
    # A public authority's legal duty is not based on consent (B4): no "Sunt de acord".
    _, pdf, docx = rendered
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "de acord" not in text.lower()
        for expected in (
            "art. 6 alin. (1) lit. c) și e) din Regulamentul (UE) 2016/679",
            "Legea nr. 360/2023",
            "nu pe baza acordului meu",
            "„Protecția datelor personale” (/protectia-datelor)",
        ):
            assert normalised(expected) in text


# --- The PDF


def test_pdf_is_a4_with_page_numbers_and_comma_below_diacritics(rendered):
    _, pdf, _ = rendered
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)
    text = pdf_text(pdf)
    pages = len(reader.pages)
    assert f"Pagina 1 din {pages}" in text
    assert f"Pagina {pages} din {pages}" in text
    assert "ș" in text and "ț" in text
    assert not CEDILLA.search(text)


@pytest.mark.parametrize("persons", [0, 1, 3])
def test_pdf_is_the_request_on_one_page_and_the_instructions_on_another(persons):
    """M12: one sheet to print and sign; the instructions on a second that stays at home."""
    data = request_data([natural(n) if n % 2 else legal(n) for n in range(1, persons + 1)])
    pdf = account_request.render_pdf(context_of(data))
    request, instructions = page_texts(pdf)  # exactly two pages
    for expected in ("Nr. de înregistrare", "Solicitantul", "Declar pe propria", "Semnătura"):
        assert expected in request
    assert "Ultima pagină (instrucțiunile) nu trebuie tipărită" in request
    assert "Ce aveți de făcut" not in request
    assert "Ce aveți de făcut" in instructions
    assert "Nu trebuie tipărită și nu se depune la ghișeu" in instructions
    assert "Declar pe propria" not in instructions and "Semnătura" not in instructions
    assert len(pdf) <= 30_000


@pytest.mark.parametrize("persons", [0, 1])
def test_the_instructions_describe_the_qualified_e_signature_route(persons):
    """Both files, on the instructions page only: sign the PDF with a QES and upload it with an
    ID copy at the page's address; the persons' originals still need a counter."""
    data = request_data([natural(n) for n in range(1, persons + 1)])
    context = context_of(data)
    request, instructions = page_texts(account_request.render_pdf(context))
    word = docx_text(account_request.render_docx(context))
    route = "dacă aveți o semnătură electronică calificată: semnați cu ea acest PDF"
    originals = "Documentele justificative ale persoanelor pe care le veți administra"
    for text in (instructions, word):
        assert route in text
        assert f"copie a actului de identitate, la adresa {QES_URL}" in text
        assert (originals in text) == bool(persons)
        assert "Prezentați-vă personal, cu cererea semnată" in text
    assert route not in request and QES_URL not in request
    # Without the address (a caller outside the web side), no route that names none.
    plain = context_of({key: value for key, value in data.items() if key != "qes_url"})
    assert route not in pdf_text(account_request.render_pdf(plain))
    assert route not in docx_text(account_request.render_docx(plain))


def test_a_long_list_of_persons_still_leaves_the_instructions_alone_on_the_last_page():
    pdf = account_request.render_pdf(context_of(request_data([natural(n) for n in range(1, 21)])))
    *request, instructions = page_texts(pdf)
    assert "Semnătura" in request[-1]
    assert instructions.startswith("Ce aveți de făcut")


def _pdf_label_sizes(pdf: bytes) -> dict[str, float]:
    """The size in points each text of the first page is printed at (font size times the
    scale of the text and graphics matrices)."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.setdefault(text.strip(), size * abs(tm[0] * cm[0]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return sizes


LABELS = (
    "Nume",
    "Prenume",
    "CNP",
    "Data nașterii",
    "Sexul",
    "Telefon",
    "Numele fără diacritice",
    "E-mail (numele de utilizator)",
    "Tipul actului",
    "Eliberat de",
    "Data eliberării",
    "Data expirării",
    "Județul",
    "Localitatea",
    "Codul poștal",
    "Adresa",
    "Nr. de înregistrare",
    "Număr de referință",
)


def test_pdf_labels_are_at_least_10_pt(rendered):
    """M12: labels of 8 pt grey were too small for elderly readers and photocopies."""
    _, pdf, _ = rendered
    sizes = _pdf_label_sizes(pdf)
    labels = [label for label in LABELS if label != "Județul" or "Județul" in sizes]
    missing = [label for label in labels if label not in sizes]
    assert not missing, missing
    small = {label: sizes[label] for label in labels if sizes[label] < 9.99}
    assert not small, small


def test_docx_labels_are_at_least_10_pt(rendered):
    _, _, docx = rendered
    document = Document(io.BytesIO(docx))
    runs = {}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        runs.setdefault(run.text.strip(), run)
                for inner in cell.tables:
                    for inner_cell in inner.rows[0].cells:
                        for run in inner_cell.paragraphs[0].runs:
                            runs.setdefault(run.text.strip(), run)
    labels = [label for label in LABELS if label != "Număr de referință"]
    labels = [label for label in labels if label != "Județul" or "Județul" in runs]
    missing = [label for label in labels if label not in runs]
    assert not missing, missing
    small = {label: runs[label].font.size.pt for label in labels if runs[label].font.size.pt < 10}
    assert not small, small


def test_the_e_mail_never_wraps_at_its_hyphen():
    """M12: "maria.taranu.d-" / "js@example.ro" cannot be told from a real hyphen. The address
    stays on one line and is the very address in the text, to search and copy."""
    email = "maria.taranu.d-js.foarte-lunga@exemplu-de-domeniu.ro"
    context = context_of(request_data([natural(1)], email=email))
    pdf = account_request.render_pdf(context)
    lines = [
        line
        for page in PdfReader(io.BytesIO(pdf)).pages
        for line in page.extract_text().split("\n")
    ]
    assert sum(email in line for line in lines) == 2  # the box, and the instructions
    assert not [line for line in lines if line.rstrip().endswith(("d-", "foarte-"))]
    html = account_request.render_html(context)
    assert f'<span class="nowrap">{email}</span>' in html

    # Word breaks at a hyphen too: the address has a whole row of its own.
    document = Document(io.BytesIO(account_request.render_docx(context)))
    for table in document.tables:
        for row in table.rows:
            if any(email == cell.text.split("\n")[-1] for cell in row.cells):
                assert len({id(cell._tc) for cell in row.cells}) == 1, "not a whole row"
                break
        else:
            continue
        break
    else:
        pytest.fail("e-mail not in a table row of the Word file")


def test_docx_has_the_instructions_after_a_page_break(rendered):
    _, _, docx = rendered
    document = Document(io.BytesIO(docx))
    breaks = [
        paragraph
        for paragraph in document.paragraphs
        if paragraph.paragraph_format.page_break_before
    ]
    assert [paragraph.text for paragraph in breaks] == ["Ce aveți de făcut"]
    body = document.element.body
    position = list(body).index(breaks[0]._p)
    after = " ".join("".join(node.itertext()) for node in list(body)[position:])
    assert "Nu trebuie tipărită și nu se depune la ghișeu" in after
    assert "Declar pe propria" not in after and "Semnătura" not in after
    assert "w:br" not in etree.tostring(body, encoding="unicode").replace("w:br/>", "")


def test_both_files_name_the_plain_letters_name_and_originals_and_copies(rendered):
    context, pdf, docx = rendered
    for text in (pdf_text(pdf), docx_text(docx)):
        assert f"Numele fără diacritice {context['name_ascii']}" in text
        assert "Aduceți actul de identitate, în original și copie" in text
        if context["persons"]:
            assert "Temei și document (în original și copie)" in text
            assert "pentru fiecare persoană pe care o veți administra, în original și copie" in text
        else:
            assert "Calitatea" not in text


def test_both_files_print_the_home_abroad():
    context = context_of(ABROAD)
    pdf, docx = account_request.render_pdf(context), account_request.render_docx(context)
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "Țara Italia" in text
        assert "Localitatea Roma" in text
        assert "Codul poștal 00184" in text
        assert "Adresa Via Roma 12, int. 4, Scala B, RM" in text
        assert "Județul" not in text
        assert "pensionar / beneficiar" in text and "angajator" in text


def test_pdf_is_tagged_for_screen_readers(rendered):
    _, pdf, _ = rendered
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "ro"


def test_pdf_renderer_reads_only_the_static_folder():
    fetcher = rendering.StaticFilesOnly()
    assert b"@page" in fetcher.fetch(rendering.STATIC_FILE_URL + "css/print.css").read()
    for url in (
        "https://example.com/print.css",
        (ROOT / "pyproject.toml").as_uri(),
        rendering.STATIC_FILE_URL + "../pyproject.toml",
    ):
        with pytest.raises(PermissionError):
            fetcher.fetch(url)


# --- The Word file


def test_docx_is_a4_with_page_number_fields(rendered):
    _, _, docx = rendered
    document = Document(io.BytesIO(docx))
    section = document.sections[0]
    size = (section.page_width.mm, section.page_height.mm)
    assert size == pytest.approx((210, 297), abs=0.1)  # stored in twips
    footer_xml = etree.tostring(section.footer._element, encoding="unicode")
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer_xml)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer_xml)
    assert "Pagina" in docx_text(docx)
    assert not CEDILLA.search(docx_text(docx))
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist()), "no QR code"


# --- Markup typed into a field stays text


def test_markup_in_a_field_is_text_in_every_rendering():
    context = context_of(request_data([legal(1, name=MARKUP)], last_name=MARKUP))

    docx = account_request.render_docx(context)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                etree.fromstring(archive.read(name))  # strict parser: raises on broken XML
        body = archive.read("word/document.xml").decode()
    assert "<b>" not in body
    assert docx_text(docx).count(MARKUP) == 3  # lead paragraph, name box, persons table

    html = account_request.render_html(context)
    assert "<b>Ion</b>" not in html
    assert "&lt;b&gt;Ion&lt;/b&gt; &amp; " in html

    assert MARKUP in pdf_text(account_request.render_pdf(context))


# --- Any number of persons


def test_no_persons_and_twenty_persons_render():
    empty = context_of(request_data())
    assert "Nu administrați alte persoane" in pdf_text(account_request.render_pdf(empty))
    assert "Nu administrați alte persoane" in docx_text(account_request.render_docx(empty))

    many = context_of(request_data([natural(n) for n in range(1, 21)]))
    pdf = account_request.render_pdf(many)
    docx = account_request.render_docx(many)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    for text in (pdf_text(pdf), docx_text(docx)):
        for person in many["persons"]:
            assert person["name"] in text and person["document_number"] in text
        assert "Nu administrați alte persoane" not in text
    assert f"Pagina {pages} din {pages}" in pdf_text(pdf)


# --- The HTML page


def test_html_page_is_valid_and_self_contained():
    context = context_of(THREE_PERSONS)
    html = account_request.render_html(
        context, static_url="/static/", links=[("Descarcă PDF", "/cont/cerere/x.pdf")]
    )
    html5lib.HTMLParser(strict=True).parse(html)
    page = html5lib.parse(html, namespaceHTMLElements=False)

    assert page.get("lang") == "ro"
    assert len(page.findall(".//h1")) == 1
    title = page.find(".//title").text
    assert title.startswith(page.find(".//h1").text)
    ids = Counter(element.get("id") for element in page.iter() if element.get("id"))
    assert ids and max(ids.values()) == 1, ids
    # The site's Content-Security-Policy has no 'unsafe-inline': no style attribute or element.
    assert not [element.tag for element in page.iter() if element.get("style") is not None]
    assert page.find(".//style") is None and page.find(".//script") is None
    stylesheets = [link.get("href") for link in page.iter("link")]
    assert stylesheets == ["/static/css/print.css"]
    assert [a.get("href") for a in page.iter("a")] == ["/cont/cerere/x.pdf"]
    assert not CEDILLA.search(html)


def test_html_links_are_on_screen_only():
    context = context_of(THREE_PERSONS)
    pdf = account_request.render_pdf(context)
    html = account_request.render_html(context, links=[("Descarcă PDF", "/x.pdf")])
    assert "Descarcă PDF" in html
    assert "Descarcă PDF" not in pdf_text(pdf)


def test_stylesheet_needs_no_web_fonts():
    css = (ROOT / "static/css/print.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "@import" not in css and "url(" not in css


# --- Names and packaging


def test_filename():
    context = context_of(THREE_PERSONS)
    assert account_request.filename(context, "pdf") == "cerere-cont-CC-2026-000123.pdf"
    assert account_request.filename(context, ".DOCX") == "cerere-cont-CC-2026-000123.docx"
    hostile = context | {"reference": 'CC-2026-1"; x=/../y'}
    assert account_request.filename(hostile, "pdf") == "cerere-cont-CC-2026-1xy.pdf"


def test_documents_package_does_not_load_flask():
    code = (
        "import sys, datetime; import documents.account_request as m; "
        "assert not [name for name in sys.modules if name.split('.')[0] == 'flask'], 'flask'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"sex": "F"}, "Subsemnata"),
        ({"sex": "M", "cnp": "1850315125803"}, "Subsemnatul"),
    ],
)
def test_the_lead_says_subsemnatul_or_subsemnata(overrides, expected):
    """M12: the sex is known, so the printout does not print both words."""
    context = account_request.build_context(request_data() | overrides, today=dt.date(2026, 1, 15))
    assert context["undersigned"] == expected
    for text in (
        pdf_text(account_request.render_pdf(context)),
        docx_text(account_request.render_docx(context)),
    ):
        assert f"{expected} Popescu" in text
        assert "Subsemnatul/Subsemnata" not in text
        assert "E-mail (numele de utilizator)" in text


def test_undersigned_without_a_known_sex_prints_both_words():
    from domain import ro

    assert ro.undersigned(None) == "Subsemnatul/Subsemnata"
    assert ro.undersigned("F") == "Subsemnata"


def test_birth_date_and_sex_come_from_the_cnp_when_not_stored():
    """M14: the CNP says them, so a request need not store them; the printout still shows them."""
    data = request_data()
    stored = context_of(data)
    del data["birth_date"], data["sex"]
    derived = context_of(data)
    assert (derived["birth_date"], derived["sex"]) == (stored["birth_date"], stored["sex"])
    assert derived["birth_date"] != "—"
