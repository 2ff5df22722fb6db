"""The request for payment into an account as a printout: one context, HTML page, PDF and Word.

The central check, as for the account request: every value of the context is printed in both
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

from documents import cache, payment_request
from tests.builders import count_renders
from tests.documents.document_text import (
    A4_POINTS,
    CEDILLA,
    docx_text,
    normalised,
    pdf_text,
)

ROOT = Path(__file__).resolve().parents[2]
GENERATED_ON = dt.date(2026, 1, 15)
MARKUP = '<b>Ion</b> & "Co"'


def answers(**overrides) -> dict:
    """Confirmed answers as webapp.payment.views.answers_from stores them (JSON: ISO dates)."""
    data = {
        "last_name": "Țărănescu-Șerban",
        "first_name": "Ana-Maria Ștefania",
        "cnp": "2580514123457",
        "pension_number": "123456/2019",
        "house_code": "CJ",
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
        "email": "ana.taranescu@example.ro",
        "bank_code": "BTRL",
        "iban": "RO49BTRL0000000000000076",
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
    "pensioner files, Cluj (no known contact)": answers(),
    "authorised person, Dâmbovița (known email)": represented(house_code="DB", email=""),
    "legal representative, Vâlcea (known address)": represented(
        "reprezentant_legal", house_code="VL", bank_code="RNCB", iban="RO49RNCB0000000000000032"
    ),
    "Bucharest, no flat": answers(
        house_code="B", county_code="B", locality="București, Sector 3", block="", floor=""
    ),
}


def context_of(data: dict) -> dict:
    return payment_request.build_context(data, today=GENERATED_ON)


@pytest.fixture(scope="module", params=list(SAMPLES))
def rendered(request):
    context = context_of(SAMPLES[request.param])
    return context, payment_request.render_pdf(context), payment_request.render_docx(context)


def leaf_values(context: dict) -> list[tuple[str, str]]:
    values = []
    for key, value in context.items():
        if isinstance(value, str):
            values.append((key, value))
        elif isinstance(value, list):
            values += [(f"{key}[{index}]", item) for index, item in enumerate(value)]
        elif isinstance(value, dict):
            values += [(f"{key}.{name}", item) for name, item in value.items()]
        else:
            assert value is None, f"{key} is neither text, a list, a dict nor None"
    return values


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


# --- The context


def test_context_is_display_ready():
    context = context_of(represented(house_code="DB"))
    assert context["generated_on"] == "15.01.2026"
    assert context["house_name"] == "Casa Județeană de Pensii Dâmbovița"
    assert context["house_seat"] == "Târgoviște"
    assert context["county"] == "Cluj"
    assert context["address"] == "Strada Observatorului nr. 34, bl. A2, sc. 1, et. 3, ap. 12"
    assert context["bank"] == "Banca Transilvania"
    assert context["iban"] == "RO49 BTRL 0000 0000 0000 0076"
    assert context["undersigned"] is None  # the representative signs
    assert context["representative"] == {
        "undersigned": "Subsemnatul",
        "capacity": "persoană împuternicită",
        "role": "persoană împuternicită a titularului pensiei",
        "last_name": "Popescu-Țepeș",
        "first_name": "Ion",
        "cnp": "1800101123469",
        "document": "Procura specială",
        "document_number": "1234/2024",
        "document_date": "10.01.2024",
    }


def test_pensioner_filing_has_no_representative_and_an_empty_email_prints_a_dash():
    context = context_of(answers(email=""))
    assert context["representative"] is None
    assert context["email"] == "—"
    assert len(context["attachments"]) == 3


def test_attachments_follow_who_files():
    own = context_of(answers())["attachments"]
    assert own[0].startswith("copia extrasului de cont sau confirmarea băncii")
    assert "IBAN-ul" in own[0] and own[1] == "copia actului de identitate al titularului pensiei;"
    # The last coupon is offered, never required (research §2.2: UNVERIFIED as mandatory).
    assert own[-1] == "copia ultimului cupon de pensie, dacă îl aveți (opțional)."
    authorised = context_of(represented("imputernicit"))["attachments"]
    assert authorised[-2].endswith("și copia procurii speciale;")
    assert authorised[-1].startswith("copia ultimului cupon de pensie")
    legal = context_of(represented("reprezentant_legal"))["attachments"]
    assert legal[-2].endswith("și copia hotărârii judecătorești sau a actului de numire;")


def test_the_signature_line_says_whose_signature_it_is():
    assert context_of(answers())["signature"] == "Semnătura titularului pensiei"
    assert context_of(represented("imputernicit"))["signature"] == (
        "Semnătura persoanei împuternicite"
    )
    assert context_of(represented("reprezentant_legal"))["signature"] == (
        "Semnătura reprezentantului legal"
    )


def test_sending_by_email_names_the_file_types_and_asks_for_the_phone():
    for data in (answers(), answers(house_code="DB")):
        email = context_of(data)["sending"][1]
        assert "PDF, JPG, JPEG, PNG, XML sau CMS" in email
        assert "scrieți în același e-mail numărul dumneavoastră de telefon" in email


def test_both_files_have_the_optional_bank_confirmation_box_on_page_one(rendered):
    _, pdf, docx = rendered
    first_page = normalised(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    for text in (first_page, docx_text(docx)):
        for expected in (
            "Confirmarea băncii (opțional, dacă o cere casa de pensii)",
            "Unitatea bancară",
            "Semnătura și ștampila băncii",
        ):
            assert expected in text, expected


def test_sending_uses_only_contacts_the_reference_data_confirms():
    cluj = context_of(answers())["sending"]
    assert cluj[0].startswith("Prin poștă, ca scrisoare recomandată cu confirmare de primire")
    # Cluj has no confirmed contacts: CNPP's site, never an invented address.
    assert "o găsiți pe www.cnpp.ro" in cluj[0]
    assert "o găsiți pe www.cnpp.ro" in cluj[1] and "@" not in cluj[1]
    assert len(cluj) == 2

    dambovita = context_of(answers(house_code="DB"))["sending"]
    assert "casadepensiidambovita@cnpp.ro" in dambovita[1]
    assert "certificateviata" not in " ".join(dambovita)  # the life-certificate address

    valcea = context_of(answers(house_code="VL"))["sending"]
    assert "Calea lui Traian 157-159, Râmnicu Vâlcea, județul Vâlcea." in valcea[0]
    assert valcea[2] == (
        "Pentru întrebări, la casa de pensii: telefon 0250.730.259, 0250.732.450, "
        "0350.401.608; program cu publicul: Luni–Joi 08:00–16:30, Vineri 08:00–14:00."
    )

    # Botoșani and Sălaj have only life-certificate emails: not for this request.
    for code in ("BT", "SJ"):
        sending = " ".join(context_of(answers(house_code=code))["sending"])
        assert "@" not in sending and "certificat" not in sending

    # Calarasi's row is marked `old`: its street and phones are never printed.
    calarasi = " ".join(context_of(answers(house_code="CL"))["sending"])
    assert "Flacăra" not in calarasi and "0242" not in calarasi


def test_payment_notes_say_monthly_and_the_fee_cap_without_inventing_a_day():
    notes = " ".join(context_of(answers())["payment_notes"])
    assert "Pensia se plătește lunar (art. 95)" in notes
    assert "Casa de pensii vă comunică" in notes and "ziua" not in notes
    assert "0,15%" in notes and "art. 97" in notes
    assert not re.search(r"\bpe \d{1,2}\b|\bîn ziua de \d", notes)
    assert "procura specială" not in notes
    assert "procura specială" in " ".join(context_of(represented())["payment_notes"])


def test_context_cleans_text():
    context = context_of(answers(last_name="  Ştefănescu\tŢepeş\x07 ", block=" "))
    assert context["last_name"] == "Ștefănescu Țepeș"
    assert "bl." not in context["address"]


@pytest.mark.parametrize(
    "field, value",
    [("house_code", "ZZ"), ("county_code", "ZZ"), ("bank_code", "TREZ"), ("who_files", "x")],
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


def test_both_files_are_addressed_to_the_chosen_house_and_say_what_to_do(rendered):
    context, pdf, docx = rendered
    # Addressed to the house, on the first page (the request itself).
    first_page = normalised(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert f"Către {context['house_name']}" in first_page
    assert "Cerere pentru plata pensiei" in first_page
    for text in (pdf_text(pdf), docx_text(docx)):
        assert f"Către {context['house_name']}" in text
        seat_shown = f"cu sediul în {context['house_seat']}" in text
        assert seat_shown == (context["house_seat"] not in context["house_name"])
        for expected in (
            "Cerere pentru plata pensiei în cont curent sau în cont de card",
            "Nr. de înregistrare",
            "art. 96 alin. (1) lit. b) din Legea nr. 360/2023",
            "Declar pe propria răspundere",
            "deschis pe numele titularului pensiei",
            "Anexez:",
            "Semnătura",
            "Cum trimiteți cererea",
            "scrisoare recomandată cu confirmare de primire",
            "adresa oficială a casei de pensii",
            "Când se plătește pensia în cont",
            "lunar",
            "0,15%",
        ):
            assert expected in text, expected
        assert ("Persoana care depune cererea" in text) == bool(context["representative"])
        assert ("solicit ca pensia mea" in text) == (not context["representative"])


# --- The PDF


def test_pdf_is_a4_with_page_numbers_and_comma_below_diacritics(rendered):
    _, pdf, _ = rendered
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)
    text = pdf_text(pdf)
    pages = len(reader.pages)
    for number in range(1, pages + 1):
        assert f"Pagina {number} din {pages}" in text
    for letter in "ăâîșțĂÂÎȘȚ":
        assert letter in text or letter.isupper(), letter
    assert "Ș" in text and "Ț" in text
    assert not CEDILLA.search(text)


def test_pdf_is_the_request_on_page_one_and_what_to_do_on_page_two(rendered):
    _, pdf, _ = rendered
    pages = [normalised(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 2
    assert "Declar pe propria răspundere" in pages[0] and "Semnătura" in pages[0]
    assert "Cum trimiteți cererea" in pages[1] and "Când se plătește pensia în cont" in pages[1]
    assert len(pdf) <= 30_000


def test_pdf_is_tagged_for_screen_readers(rendered):
    _, pdf, _ = rendered
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "ro"


def test_longest_answers_still_print():
    long = answers(
        last_name="Ș" * 50,
        first_name="Ț" * 50,
        street="S" * 100,
        locality="L" * 60,
        email=("a" * 60) + "@" + ("b" * 60) + ".ro",
        pension_number="9" * 30,
    )
    for data in (long, represented(**long, rep_document_number="N" * 40)):
        context = context_of(data)
        pdf = payment_request.render_pdf(context)
        text = pdf_text(pdf)
        assert "Ș" * 50 in text.replace(" ", "") and len(pdf) <= 30_000
        # The request may run onto a second page; what to do still starts a page of its own.
        assert pdf_pages(pdf) <= 3
        assert "Ș" * 50 in docx_text(payment_request.render_docx(context))


# --- The Word file


def test_docx_is_a4_with_page_number_fields(rendered):
    _, _, docx = rendered
    document = Document(io.BytesIO(docx))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    footer_xml = etree.tostring(section.footer._element, encoding="unicode")
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footer_xml)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footer_xml)
    footer = docx_text(docx)
    assert "Pagina" in footer and "din" in footer
    assert not CEDILLA.search(footer)
    assert document.core_properties.language == "ro-RO"


def test_docx_leaves_no_template_tags(rendered):
    _, _, docx = rendered
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml, name


def test_template_file_is_the_one_the_builder_writes(tmp_path):
    from documents.word.build_templates import build_payment_request

    rebuilt = tmp_path / "payment_request.docx"
    build_payment_request(rebuilt)
    committed = ROOT / "documents/word/payment_request.docx"
    assert rebuilt.read_bytes() == committed.read_bytes(), (
        "run python -m documents.word.build_templates"
    )


# --- Markup typed into a field stays text


def test_markup_in_a_field_is_text_in_every_rendering():
    context = context_of(represented(last_name=MARKUP, rep_document_number=MARKUP))

    docx = payment_request.render_docx(context)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                etree.fromstring(archive.read(name))  # strict parser: raises on broken XML
        body = archive.read("word/document.xml").decode()
    assert "<b>" not in body
    assert docx_text(docx).count(MARKUP) == 3  # lead, name box, document number box

    html = payment_request.render_html(context)
    assert "<b>Ion</b>" not in html and "&lt;b&gt;Ion&lt;/b&gt; &amp; " in html
    assert MARKUP in pdf_text(payment_request.render_pdf(context))


# --- The HTML page


def test_html_page_is_valid_and_self_contained():
    context = context_of(represented())
    html = payment_request.render_html(
        context, static_url="/static/", links=[("Descărcați PDF", "/plata-card/x.pdf")]
    )
    html5lib.HTMLParser(strict=True).parse(html)
    page = html5lib.parse(html, namespaceHTMLElements=False)
    assert page.get("lang") == "ro"
    assert len(page.findall(".//h1")) == 1
    assert page.find(".//title").text.startswith(page.find(".//h1").text)
    ids = Counter(element.get("id") for element in page.iter() if element.get("id"))
    assert ids and max(ids.values()) == 1, ids
    assert not [element.tag for element in page.iter() if element.get("style") is not None]
    assert page.find(".//style") is None and page.find(".//script") is None
    assert [link.get("href") for link in page.iter("link")] == ["/static/css/print.css"]
    assert [a.get("href") for a in page.iter("a")] == ["/plata-card/x.pdf"]
    assert not CEDILLA.search(html)


# --- The cache


def test_a_repeated_download_is_rendered_once(monkeypatch):
    cache.clear()
    calls = count_renders(monkeypatch, "payment_request")
    context = context_of(answers())
    first = payment_request.render_pdf(context)
    assert payment_request.render_pdf(dict(context)) is first
    payment_request.render_docx(context)
    payment_request.render_docx(context)
    assert calls == ["pdf", "docx"]
    payment_request.render_pdf(context_of(answers(phone="0733 000 111")))
    assert calls == ["pdf", "docx", "pdf"]
    cache.clear()


# --- Names and packaging


def test_filename():
    context = context_of(answers())
    assert payment_request.filename(context, "pdf") == "cerere-plata-pensie-in-cont.pdf"
    assert payment_request.filename(context, ".DOCX") == "cerere-plata-pensie-in-cont.docx"
    assert payment_request.filename(context, 'pdf"; x=/../') == "cerere-plata-pensie-in-cont.pdfx"


def test_documents_package_does_not_load_flask():
    code = (
        "import sys; import documents.payment_request as m; "
        "assert not [name for name in sys.modules if name.split('.')[0] == 'flask'], 'flask'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# --- The house's confirmed contacts printed in both files (M4)


def test_both_files_print_the_confirmed_address_phone_and_hours():
    context = context_of(answers(house_code="VL"))
    pdf, docx = payment_request.render_pdf(context), payment_request.render_docx(context)
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "Calea lui Traian 157-159, Râmnicu Vâlcea, județul Vâlcea" in text
        assert normalised("telefon 0250.730.259, 0250.732.450, 0350.401.608") in text
        assert normalised("program cu publicul: Luni–Joi 08:00–16:30, Vineri 08:00–14:00") in text


def test_both_files_send_a_house_without_confirmed_contacts_to_cnpp():
    context = context_of(answers(house_code="CJ"))
    pdf, docx = payment_request.render_pdf(context), payment_request.render_docx(context)
    for text in (pdf_text(pdf), docx_text(docx)):
        assert normalised("Adresa poștală a casei de pensii o găsiți pe www.cnpp.ro.") in text
        assert "Pentru întrebări, la casa de pensii" not in text


@pytest.mark.parametrize(
    "data, pensioner, representative",
    [
        (answers(), "Subsemnata", None),
        (answers(cnp="1850315125803"), "Subsemnatul", None),
        (represented(rep_cnp="2800101123460"), None, "Subsemnata"),
    ],
)
def test_the_lead_says_subsemnatul_or_subsemnata_from_the_cnp(data, pensioner, representative):
    """M12: the CNP says the sex, so the printout does not ask the reader to strike a word out."""
    context = context_of(data)
    assert context["undersigned"] == pensioner
    if representative:
        assert context["representative"]["undersigned"] == representative
    lead = representative or pensioner
    for text in (
        pdf_text(payment_request.render_pdf(context)),
        docx_text(payment_request.render_docx(context)),
    ):
        assert f"{lead} " in text
        assert "Subsemnatul/Subsemnata" not in text
