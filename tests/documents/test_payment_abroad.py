"""The declaration for a transfer of the pension abroad as a printout: one context, HTML page,
PDF and Word.

The central check, as for the payment request: every value of the context is printed in both
files, so a value added to the context but forgotten in one template fails here.
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

from documents import cache, payment_abroad
from tests.documents.document_text import A4_POINTS, CEDILLA, docx_text, normalised, pdf_text
from tests.documents.test_payment_request import leaf_values

ROOT = Path(__file__).resolve().parents[2]
GENERATED_ON = dt.date(2026, 1, 15)
MARKUP = '<b>Ion</b> & "Co"'


def answers(**overrides) -> dict:
    """Confirmed answers as webapp.payment_abroad.views stores them (JSON: ISO dates)."""
    data = {
        "last_name": "Țărănescu-Șerban",
        "first_name": "Ana-Maria Ștefania",
        "cnp": "2580514123457",
        "pension_number": "123456/2019",
        "house_code": "CJ",
        "country_code": "IT",
        "street": "Via Roma 12, int. 4",
        "locality": "Roma",
        "region": "RM",
        "postal_code": "00184",
        "phone": "+39 06 1234 5678",
        "email": "ana.taranescu@example.it",
        "bank_country": "IT",
        "iban": "IT60X0542811101000000123456",
        "bic": "BPMOIT22XXX",
        "bank_name": "Banco BPM",
        "bank_address": "Piazza Filippo Meda 4, 20121 Milano",
        "holder_name": "TARANESCU ANA MARIA STEFANIA",
        "own_account": True,
        "who_files": "titular",
    }
    return data | overrides


def represented(who: str = "imputernicit", **overrides) -> dict:
    representative = {
        "who_files": who,
        "rep_last_name": "Popescu-Ţepeş",
        "rep_first_name": "Ion",
        "rep_cnp": "1800101123469",
        "rep_document_number": "1234/2024",
        "rep_document_date": "2024-01-10",
    }
    return answers() | representative | overrides


SAMPLES = {
    "pensioner in Italy, Cluj (no known contact)": answers(),
    "authorised person, Germany, Dâmbovița (known email)": represented(
        house_code="DB",
        email="",
        country_code="DE",
        bank_country="DE",
        iban="DE89370400440532013000",
        bic="COBADEFFXXX",
        region="",
        postal_code="10115",
        locality="Berlin",
    ),
    "legal representative, United Kingdom, Vâlcea (known address)": represented(
        "reprezentant_legal",
        house_code="VL",
        country_code="GB",
        bank_country="GB",
        iban="GB29NWBK60161331926819",
        bic="NWBKGB2L",
        postal_code="SW1A 1AA",
        region="",
    ),
    "no postal code": answers(postal_code="", region=""),
}


def context_of(data: dict) -> dict:
    return payment_abroad.build_context(data, today=GENERATED_ON)


@pytest.fixture(scope="module", params=list(SAMPLES))
def rendered(request):
    context = context_of(SAMPLES[request.param])
    return context, payment_abroad.render_pdf(context), payment_abroad.render_docx(context)


# --- The context


def test_context_is_display_ready():
    context = context_of(represented(house_code="DB"))
    assert context["generated_on"] == "15.01.2026"
    assert context["house_name"] == "Casa Județeană de Pensii Dâmbovița"
    assert context["country"] == "Italia" and context["bank_country"] == "Italia"
    assert context["address"] == "Via Roma 12, int. 4, 00184 Roma, RM"
    assert context["iban"] == "IT60 X054 2811 1010 0000 0123 456"
    assert context["bic"] == "BPMOIT22XXX"
    assert context["undersigned"] is None  # the representative signs
    assert context["signature"] == "Semnătura persoanei împuternicite"
    assert context["representative"]["last_name"] == "Popescu-Țepeș"
    assert context["representative"]["document_date"] == "10.01.2024"


def test_the_pensioner_signs_when_filing_alone():
    context = context_of(answers())
    assert context["undersigned"] == "Subsemnata"
    assert context["representative"] is None
    assert context["signature"] == "Semnătura titularului pensiei"


def test_an_address_without_postal_code_or_region_has_no_gaps():
    context = context_of(answers(postal_code="", region=""))
    assert context["address"] == "Via Roma 12, int. 4, Roma"
    assert context["postal_code"] == "—"


def test_attachments_are_the_ones_the_research_names():
    own = context_of(answers())["attachments"]
    assert own[0].startswith("documentul băncii care confirmă datele contului")
    assert "BIC (SWIFT)" in own[0]
    assert own[1] == (
        "copia actului de identitate al titularului pensiei, din care reiese domiciliul din "
        "străinătate."
    )
    authorised = context_of(represented())["attachments"]
    assert authorised[1].endswith(";") and authorised[-1].endswith("și copia procurii speciale.")


def test_sending_is_by_post_email_or_in_person_with_confirmed_contacts_only():
    cluj = context_of(answers())["sending"]
    assert cluj[0].startswith("Prin poștă, ca scrisoare recomandată cu confirmare de primire")
    assert "o găsiți pe www.cnpp.ro" in cluj[1] and "@" not in cluj[1]
    assert "declarația semnată" in cluj[1] and "PDF, JPG, JPEG, PNG, XML sau CMS" in cluj[1]
    assert cluj[2].startswith("Sau personal, la registratura casei de pensii")
    assert len(cluj) == 3
    valcea = context_of(answers(house_code="VL"))["sending"]
    assert valcea[-1].startswith("Pentru întrebări, la casa de pensii: telefon")


def test_notes_cite_article_98_and_invent_no_day_bank_or_currency():
    notes = " ".join(context_of(answers())["notes"])
    for article in (
        "art. 98 alin. (1)",
        "art. 98 alin. (2)",
        "art. 98 alin. (3)",
        "art. 98 alin. (5)",
    ):
        assert article in notes, article
    assert "Legea nr. 209/2019" in notes
    # The research has the 20th and Citibank only from the press: not printed.
    assert "Citibank" not in notes and not re.search(r"\b20\b", notes)
    assert "EUR" not in notes
    assert "procura specială" not in notes
    assert "procura specială" in " ".join(context_of(represented())["notes"])


@pytest.mark.parametrize(
    "field, value",
    [("house_code", "ZZ"), ("country_code", "ZZ"), ("bank_country", "ZZ"), ("who_files", "x")],
)
def test_unknown_codes_are_refused(field, value):
    with pytest.raises((ValueError, KeyError)):
        context_of(answers(**{field: value}))


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


def test_both_files_are_addressed_to_the_house_and_hold_the_same_text(rendered):
    context, pdf, docx = rendered
    first_page = normalised(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert f"Către {context['house_name']}" in first_page
    for text in (pdf_text(pdf), docx_text(docx)):
        for expected in (
            "Declarație de transfer în străinătate a drepturilor de pensie",
            "Nr. de înregistrare",
            "art. 98 alin. (1) din Legea nr. 360/2023",
            "Domiciliul din străinătate",
            "Contul din străinătate în care se transferă pensia",
            "Codul BIC (SWIFT)",
            "Adresa băncii",
            "Numele titularului contului, așa cum îl scrie banca",
            "Declar pe propria răspundere",
            "titularul pensiei nu are domiciliul în România",
            "Anexez:",
            context["signature"],
            "Cum trimiteți declarația",
            "Ce trebuie să știți despre plata în străinătate",
        ):
            assert normalised(expected) in text, expected
        assert ("Persoana care depune declarația" in text) == bool(context["representative"])
        assert ("solicit transferul pensiei mele" in text) == (not context["representative"])


# --- The PDF


def test_pdf_is_a4_tagged_with_page_numbers_and_comma_below_diacritics(rendered):
    _, pdf, _ = rendered
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)
    text = pdf_text(pdf)
    pages = len(reader.pages)
    for number in range(1, pages + 1):
        assert f"Pagina {number} din {pages}" in text
    assert "Ș" in text and "Ț" in text
    assert not CEDILLA.search(text)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "ro"


def test_pdf_is_the_declaration_on_page_one_and_what_to_do_on_page_two(rendered):
    _, pdf, _ = rendered
    pages = [normalised(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 2
    assert "Declar pe propria răspundere" in pages[0] and "Semnătura" in pages[0]
    assert "Cum trimiteți declarația" in pages[1]
    assert len(pdf) <= 30_000


def test_longest_answers_still_print():
    long = answers(
        last_name="Ș" * 50,
        street="S" * 100,
        bank_address="A" * 150,
        holder_name="H" * 100,
        email=("a" * 60) + "@" + ("b" * 60) + ".it",
    )
    for data in (long, represented(**long, rep_document_number="N" * 40)):
        context = context_of(data)
        pdf = payment_abroad.render_pdf(context)
        assert "Ș" * 50 in pdf_text(pdf).replace(" ", "")
        assert len(PdfReader(io.BytesIO(pdf)).pages) <= 3
        assert "A" * 150 in docx_text(payment_abroad.render_docx(context)).replace(" ", "")


# --- The Word file


def test_docx_is_a4_with_page_number_fields_and_no_template_tags(rendered):
    _, _, docx = rendered
    document = Document(io.BytesIO(docx))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    footer_xml = etree.tostring(section.footer._element, encoding="unicode")
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer_xml)
    assert document.core_properties.language == "ro-RO"
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml, name


def test_template_file_is_the_one_the_builder_writes(tmp_path):
    from documents.word.build_templates import build_payment_abroad

    rebuilt = tmp_path / "payment_abroad.docx"
    build_payment_abroad(rebuilt)
    committed = ROOT / "documents/word/payment_abroad.docx"
    assert rebuilt.read_bytes() == committed.read_bytes(), (
        "run python -m documents.word.build_templates"
    )


def test_markup_in_a_field_is_text_in_every_rendering():
    context = context_of(represented(bank_name=MARKUP, rep_document_number=MARKUP))
    docx = payment_abroad.render_docx(context)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                etree.fromstring(archive.read(name))
        assert "<b>" not in archive.read("word/document.xml").decode()
    assert docx_text(docx).count(MARKUP) == 2
    html = payment_abroad.render_html(context)
    assert "<b>Ion</b>" not in html and "&lt;b&gt;Ion&lt;/b&gt; &amp; " in html
    assert MARKUP in pdf_text(payment_abroad.render_pdf(context))


def test_html_page_is_valid_and_self_contained():
    html = payment_abroad.render_html(
        context_of(represented()),
        static_url="/static/",
        links=[("Descărcați PDF", "/plata-strainatate/x.pdf")],
    )
    html5lib.HTMLParser(strict=True).parse(html)
    page = html5lib.parse(html, namespaceHTMLElements=False)
    assert page.get("lang") == "ro"
    assert len(page.findall(".//h1")) == 1
    assert page.find(".//title").text.startswith(page.find(".//h1").text)
    ids = Counter(element.get("id") for element in page.iter() if element.get("id"))
    assert ids and max(ids.values()) == 1, ids
    assert page.find(".//style") is None and page.find(".//script") is None
    assert [a.get("href") for a in page.iter("a")] == ["/plata-strainatate/x.pdf"]
    assert not CEDILLA.search(html)


def test_filename_and_no_flask():
    context = context_of(answers())
    assert payment_abroad.filename(context, ".DOCX") == (
        "declaratie-transfer-pensie-strainatate.docx"
    )
    assert payment_abroad.filename(context, 'pdf"; x=/') == (
        "declaratie-transfer-pensie-strainatate.pdfx"
    )
    code = (
        "import sys; import documents.payment_abroad as m; "
        "assert not [name for name in sys.modules if name.split('.')[0] == 'flask'], 'flask'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_a_repeated_download_is_rendered_once():
    cache.clear()
    context = context_of(answers())
    first = payment_abroad.render_pdf(context)
    assert payment_abroad.render_pdf(dict(context)) is first
    cache.clear()
