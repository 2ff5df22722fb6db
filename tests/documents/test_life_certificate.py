"""The bilingual life certificate: one context, three renderings (HTML page, PDF, Word), in each
of the six languages; the translations themselves; and the cache of rendered files.

The central checks: for every language, every value of the context is printed in both files, the
PDF has exactly two pages (page 1 the certificate, ending with part B's stamp box; page 2 the
instructions), and it stays under 30 KB. Faithful to the official model (CNPP Order 874/2024;
research official-forms-and-account.md §1): its filling instruction, legal basis, part A filled
in capitals in front of a legal authority and opening with the house it is addressed to, part B
certifying the signature with the identity document shown; page 1 keeps room for one more line.
"""

import datetime as dt
import io
import re
import string
import subprocess
import sys
import tomllib
import zipfile
from collections import Counter
from pathlib import Path

import html5lib
import pytest
from docx import Document
from lxml import etree
from pypdf import PdfReader
from weasyprint import CSS, HTML

from documents import cache, life_certificate, rendering
from domain.certificate_texts import LANGUAGES, ROMANIAN, texts
from domain.reference.counties import all_counties, county
from domain.reference.countries import countries, countries_by_code
from tests.documents.document_text import (
    CEDILLA,
    docx_text,
    normalised,
    page_texts,
    pdf_text,
)

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "domain" / "certificate_texts"
TODAY = dt.date(2026, 2, 10)
MAX_PDF_BYTES = 30_000
MARKUP = '<b>Ion</b> & "Co"'

# The titles as a reader of each language knows the document.
TITLES = {
    "ro": "Certificat de viață",
    "en": "Life certificate",
    "it": "Certificato di esistenza in vita",
    "es": "Certificado de fe de vida",
    "de": "Lebensbescheinigung",
    "fr": "Certificat de vie",
    "hu": "Életben léti igazolás",
}
# Letters each language's texts must show, printed as themselves (the font has them).
DIACRITICS = {
    "ro": "ăâîșțȘȚ",
    "it": "àèò",
    "es": "áéíóúñ",
    "de": "äöüß",
    "fr": "àèéêçù",
    "hu": "áéíóöőúüű",
    "en": "",
}


ONLINE_URL = "https://portal.cnpp.ro/certificat-de-viata/trimitere"


def data(**overrides) -> dict:
    answers = {
        "last_name": "Țărănescu-Popovici",
        "first_name": "Ana-Maria Ștefania",
        "cnp": "2500514123451",
        "birth_date": dt.date(1950, 5, 14),
        "pension_file": "123456/2019",
        "house_code": "DB",
        "country_code": "IT",
        "address_line1": "Via Giuseppe Garibaldi 128, scala B, interno 14",
        "address_line2": "00184 Roma (RM)",
        "address_line3": "Lazio",
        "phone": "+39 06 1234 5678",
        "email": "ana.taranescu@example.it",
        "language": "it",
        # From the web side: where the certificate is sent back online.
        "online_url": ONLINE_URL,
    }
    return answers | overrides


# As long as the form lets each answer be: the page must still not overflow.
LONGEST = data(
    last_name="Wolfeschlegelsteinhausen-Bergerdorff Ștefănescu-Țăranu Ab",
    first_name="Maria-Magdalena Alexandrina Ștefania-Ecaterina Ioa",
    pension_file="AB-123456/2019/XYZ 1",
    house_code="VL",
    country_code="GS",
    address_line1="Via Giuseppe Garibaldi Nuova del Quartiere Storico Centrale, numero civico 128, scala B, int. 14",
    address_line2="00184 Roma Capitale, Città metropolitana di Roma Capitale, frazione di Castel Giubileo Nuovo a",
    address_line3="Regione Lazio, presso la famiglia Rossi-Bianchi, casella postale numero 123456, ufficio Roma 4",
    phone="+39 06 1234 5678 901 234",
    email="a" * 60 + "@" + "b" * 27 + ".example.it",
)


def context_of(answers: dict) -> dict:
    return life_certificate.build_context(answers, today=TODAY)


@pytest.fixture(scope="module", params=LANGUAGES)
def rendered(request):
    context = context_of(data(language=request.param))
    return (
        context,
        life_certificate._render_pdf(context),
        life_certificate._render_docx(context),
    )


def leaf_values(context: dict, path: str = "") -> list[tuple[str, str]]:
    """(path, value) of every printed string; the language codes only steer the rendering."""
    values = []
    items = context.items() if isinstance(context, dict) else enumerate(context)
    for key, value in items:
        where = f"{path}.{key}" if path else str(key)
        if where in ("lang", "lang_tag") or value is None:
            continue
        if isinstance(value, dict | list):
            values += leaf_values(value, where)
        else:
            values.append((where, value))
    return values


# --- The PDF in each language


def test_pdf_names_the_pensioner_in_both_languages(rendered):
    context, pdf, _ = rendered
    text = pdf_text(pdf)
    assert "ȚĂRĂNESCU-POPOVICI ANA-MARIA ȘTEFANIA" in text
    assert "2500514123451" in text
    assert TITLES["ro"] in text
    assert TITLES[context["lang"]] in text
    assert context["t"]["title"]["tr"] == TITLES[context["lang"]]


def test_pdf_is_two_pages_the_certificate_then_the_instructions(rendered):
    context, pdf, _ = rendered
    first, second = page_texts(pdf)  # exactly two pages
    t = context["t"]
    # Page 1 ends with part B's stamp box: nothing of the certificate spilled over.
    for pair in (
        t["fill_rule"],
        t["addressee"],
        t["part_a"],
        t["part_b"],
        t["statement"],
        t["id_document"],
        t["signature"],
        t["stamp"],
    ):
        assert normalised(pair["ro"]) in first and normalised(pair["tr"]) in first
    assert first.index(t["part_b"]["ro"]) > first.index(t["part_a"]["ro"])
    # Page 2 holds all of the instructions, the last ones included.
    for side in ("ro", "tr"):
        assert normalised(t["instructions"][side]) in second
        assert normalised(context["certifiers"][-1][side]) in second
        assert normalised(t["new_text"][side]) in second
        assert normalised(t["late_text"][side]) in second
        assert normalised(context["generated"][side]) in second
    assert "Pagina 1 din 2" in first and "Pagina 2 din 2" in second


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


def test_pdf_fits_the_size_budget(rendered):
    _, pdf, _ = rendered
    assert len(pdf) <= MAX_PDF_BYTES


def test_pdf_prints_each_languages_letters_and_comma_below(rendered):
    context, pdf, docx = rendered
    text = pdf_text(pdf)
    for letter in DIACRITICS["ro"] + DIACRITICS[context["lang"]]:
        assert letter in text, f"{letter!r} missing from the {context['lang']} PDF"
    assert not CEDILLA.search(text)
    assert not CEDILLA.search(docx_text(docx))


def test_pdf_is_tagged_with_both_languages(rendered):
    context, pdf, _ = rendered
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "ro"
    html = life_certificate.render_html(context)
    assert f'lang="{context["lang"]}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
# Each kind of house section: none confirmed, e-mail only, address only, address and e-mail, and
# address, e-mail and fax (AB), the fax also one more way to send on page 2 (BT: e-mail and fax).
@pytest.mark.parametrize("house", ["B", "DB", "VL", "SJ", "AB", "BT"])
def test_longest_answers_still_fit_two_pages(language, house):
    pdf = life_certificate._render_pdf(
        context_of(LONGEST | {"language": language, "house_code": house})
    )
    assert len(PdfReader(io.BytesIO(pdf)).pages) == life_certificate.PAGES


# The stylesheet asks for Liberation Sans, but a fresh install gets DejaVu Sans only (the Makefile's
# fonts-dejavu-core), about 10 % wider: page 1 must hold the longest answers in either font.
FALLBACK_FONT = "DejaVu Sans"


def base_fonts(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            name = str(font.get_object()["/BaseFont"]).split("+")[-1]
            fonts.add(re.sub(r"[^a-z]", "", name.lower()))  # "DejaVu-Sans-Bold": "dejavusansbold"
    return fonts


@pytest.mark.parametrize("language", LANGUAGES)
def test_longest_answers_fit_page_one_in_the_fallback_font(language):
    context = context_of(LONGEST | {"language": language, "house_code": "VL"})
    document = HTML(
        string=life_certificate._part_html(context, "certificate"),
        base_url=rendering.STATIC_FILE_URL,
        url_fetcher=rendering.StaticFilesOnly(),
    ).render(
        stylesheets=[
            rendering._stylesheet(life_certificate.STYLESHEET),
            CSS(string=f'html {{ font-family: "{FALLBACK_FONT}" }}'),
        ],
        font_config=rendering._font_config(),
    )
    fonts = base_fonts(document.write_pdf())
    if not {"dejavusans", "dejavusansbold"} <= fonts:
        pytest.skip(f"{FALLBACK_FONT} is not installed: {sorted(fonts)}")
    assert len(document.pages) == 1


# --- The Word file


def test_docx_marks_the_second_language_for_spelling(rendered):
    context, _, docx = rendered
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode()
    tags = set(re.findall(r'<w:lang w:val="([^"]+)"', body))
    assert tags == {texts(context["lang"])["language_tag"]}
    assert "{{" not in body and "{%" not in body


def test_docx_is_a4_with_page_numbers_and_a_page_break_before_the_instructions(rendered):
    _, _, docx = rendered
    document = Document(io.BytesIO(docx))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    footer = etree.tostring(section.footer._element, encoding="unicode")
    assert "PAGE" in footer and "NUMPAGES" in footer
    breaks = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == 1 and breaks[0].text.startswith("Instrucțiuni")


# --- The context


def test_context_is_display_ready():
    context = context_of(data())
    # Part A in capitals, as the model asks, the diacritics kept.
    assert context["full_name"] == "ȚĂRĂNESCU-POPOVICI ANA-MARIA ȘTEFANIA"
    assert context["birth_date"] == "14.05.1950"
    assert context["country"] == {"ro": "ITALIA", "tr": "ITALIA"}
    assert context["house"] == "CASA JUDEȚEANĂ DE PENSII DÂMBOVIȚA, TÂRGOVIȘTE"
    assert context["address_lines"] == [
        "VIA GIUSEPPE GARIBALDI 128, SCALA B, INTERNO 14",
        "00184 ROMA (RM)",
        "LAZIO",
    ]
    # An e-mail address as typed: the part before the @ may be case-sensitive.
    assert context["email"] == "ana.taranescu@example.it"
    # The sentences of page 2 name the house as it writes itself.
    assert "la Casa Județeană de Pensii Dâmbovița, Târgoviște" in context["send_intro"]["ro"]
    assert context["next_deadlines"] == {
        "ro": "Următoarele termene: 31 martie 2026 și 30 septembrie 2026.",
        "tr": "Prossime scadenze: 31 marzo 2026 e 30 settembre 2026.",
    }
    assert context["generated"]["tr"] == "Compilato online il 10 febbraio 2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Next deadlines: 31 March 2026 and 30 September 2026."),
        ("es", "Próximos plazos: 31 de marzo de 2026 y 30 de septiembre de 2026."),
        ("de", "Nächste Fristen: 31. März 2026 und 30. September 2026."),
        ("fr", "Prochaines échéances\u00a0: 31 mars 2026 et 30 septembre 2026."),
        ("hu", "A következő határidők: 2026. március 31. és 2026. szeptember 30."),
    ],
)
def test_deadlines_are_written_as_each_language_writes_dates(language, expected):
    assert context_of(data(language=language))["next_deadlines"]["tr"] == expected


def test_deadlines_follow_the_date():
    autumn = life_certificate.build_context(data(), today=dt.date(2026, 10, 1))
    assert autumn["next_deadlines"]["ro"] == (
        "Următoarele termene: 31 martie 2027 și 30 septembrie 2027."
    )


def test_country_is_named_in_both_languages():
    context = context_of(data(country_code="DE", language="hu"))
    assert context["country"] == {"ro": "GERMANIA", "tr": "NÉMETORSZÁG"}


def test_empty_optional_answers_print_as_a_dash():
    context = context_of(data(email="", address_line3=""))
    assert context["email"] == "—"
    assert context["address_lines"] == [
        "VIA GIUSEPPE GARIBALDI 128, SCALA B, INTERNO 14",
        "00184 ROMA (RM)",
    ]


def test_context_cleans_text():
    context = context_of(data(last_name="  Ştefănescu\tŢepeş\x07 ", address_line1="Via\nRoma  1"))
    assert context["full_name"] == "ȘTEFĂNESCU ȚEPEȘ ANA-MARIA ȘTEFANIA"
    assert context["address_lines"][0] == "VIA ROMA 1"


def test_context_accepts_the_stored_json_form():
    assert context_of(data(birth_date="1950-05-14"))["birth_date"] == "14.05.1950"


@pytest.mark.parametrize(
    ("field", "value"),
    [("language", "ro"), ("language", "xx"), ("country_code", "RO"), ("house_code", "ZZ")],
)
def test_unknown_codes_are_refused(field, value):
    with pytest.raises(KeyError):
        context_of(data(**{field: value}))


# --- Where to send it: the house's confirmed contact, or where to look it up; never invented


def test_house_contacts_from_the_reference_data():
    contact = life_certificate.house_contact
    assert contact(county("BT")) == life_certificate.HouseContact(
        email="certificateviata.botosani@cnpp.ro",
        street="",
        phone="+40 231.536.724",
        fax="+40 231.513.517",
    )
    assert contact(county("AB")).fax == "+40 258/819.083"
    # The address kept for life certificates wins over the house's general one.
    assert contact(county("DB")).email == "certificateviata.dambovita@cnpp.ro"
    assert contact(county("SJ")).email == "certificatedeviata.salaj@cnpp.ro"
    assert contact(county("VL")) == life_certificate.HouseContact(
        email="",
        street="Calea lui Traian 157-159, Râmnicu Vâlcea, județul Vâlcea",
        phone="+40 250.730.259",
    )
    # Arad's row is marked `low` (weak source): its address is never printed.
    assert contact(county("AR")) == life_certificate.HouseContact(email="", street="", phone="")
    assert contact(county("CJ")) == life_certificate.HouseContact(email="", street="", phone="")


def test_known_email_is_printed_and_the_postal_address_looked_up():
    context = context_of(data(house_code="SM", language="de"))
    text = pdf_text(life_certificate._render_pdf(context))
    assert "prin e-mail, scanat, la certificate@cjpsm.ro" in text
    assert "per E-Mail, eingescannt, an certificate@cjpsm.ro" in text
    assert "Adresa poștală a casei de pensii o găsiți pe site-ul ei sau pe www.cnpp.ro." in text
    assert context["send_phone"] is None


def test_known_street_is_printed_with_the_house_and_the_country():
    context = context_of(data(house_code="VL", language="fr"))
    assert context["send_ways"][0] == {
        "ro": "prin poștă, la adresa Casa Județeană de Pensii Vâlcea, "
        "Calea lui Traian 157-159, Râmnicu Vâlcea, județul Vâlcea, România",
        "tr": "par la poste, à l’adresse Casa Județeană de Pensii Vâlcea, "
        "Calea lui Traian 157-159, Râmnicu Vâlcea, județul Vâlcea, Roumanie",
    }
    assert context["send_lookup"]["ro"].startswith("Adresa de e-mail a casei de pensii")


def test_house_without_contacts_says_where_to_look_and_invents_nothing():
    for house in ("CJ", "B", "IF"):
        context = context_of(data(house_code=house, email=""))
        assert context["send_ways"][0]["ro"] == "prin poștă"
        assert context["send_ways"][1]["ro"] == "prin e-mail, scanat"
        assert "www.cnpp.ro" in context["send_lookup"]["ro"]
        addresses = re.findall(r"\S+@\S+", pdf_text(life_certificate._render_pdf(context)))
        assert addresses == [], addresses


def test_every_house_and_country_builds():
    for house in all_counties():
        context_of(data(house_code=house.code))
    for country in countries():
        assert context_of(data(country_code=country.code))["country"]["ro"] == country.name.upper()


# --- The translations, as data


def load(language: str) -> dict:
    with (TRANSLATIONS / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def placeholders(value) -> set[str]:
    if isinstance(value, list):
        return set().union(*map(placeholders, value))
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_the_romanian_keys_and_placeholders(language):
    romanian, other = load(ROMANIAN), load(language)
    assert set(other) == set(romanian)
    for key, value in romanian.items():
        assert type(other[key]) is type(value), key
        assert placeholders(other[key]) == placeholders(value), key
        if isinstance(value, list):
            assert len(other[key]) == len(value), key
    assert other["code"] == language
    assert other["title"] == TITLES[language]


@pytest.mark.parametrize("language", (ROMANIAN, *LANGUAGES))
def test_translations_use_each_languages_letters_and_no_cedilla(language):
    values = load(language)
    text = " ".join(
        " ".join(value) if isinstance(value, list) else value for value in values.values()
    )
    assert not CEDILLA.search(text)
    for letter in DIACRITICS[language]:
        assert letter in text, f"{letter!r} never appears in {language}.toml"
    assert text == " ".join(text.split(" "))  # no doubled spaces
    assert "  " not in text


def test_translations_are_not_the_romanian_text():
    romanian = load(ROMANIAN)
    for language in LANGUAGES:
        other = load(language)
        same = [
            key
            for key in ("declaration", "statement", "who_intro", "late_text", "when_text")
            if other[key] == romanian[key]
        ]
        assert not same, (language, same)


def test_country_names_come_in_every_language_and_exclude_romania():
    names = countries_by_code()
    assert "RO" not in names
    assert names["DE"].names == {
        "ro": "Germania",
        "en": "Germany",
        "it": "Germania",
        "es": "Alemania",
        "de": "Deutschland",
        "fr": "Allemagne",
        "hu": "Németország",
    }
    assert all(set(country.names) == {ROMANIAN, *LANGUAGES} for country in names.values())
    assert all(all(country.names.values()) for country in names.values())


# --- Markup typed into a field stays text


def test_markup_in_a_field_is_text_in_every_rendering():
    context = context_of(data(last_name=MARKUP, address_line3=MARKUP))
    docx = life_certificate._render_docx(context)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                etree.fromstring(archive.read(name))  # strict parser: raises on broken XML
    # Printed in capitals, as every answer of part A; the e-mail as typed.
    assert MARKUP.upper() in docx_text(docx)
    html = life_certificate.render_html(context)
    assert "<b>ion</b>" not in html.lower() and "&lt;B&gt;ION&lt;/B&gt;" in html
    assert MARKUP.upper() in pdf_text(life_certificate._render_pdf(context))


# --- The HTML page


def test_html_page_is_valid_and_self_contained():
    context = context_of(data(language="hu"))
    html = life_certificate.render_html(
        context, static_url="/static/", links=[("Descărcați PDF", "/certificat-de-viata/x.pdf")]
    )
    html5lib.HTMLParser(strict=True).parse(html)
    page = html5lib.parse(html, namespaceHTMLElements=False)
    assert page.get("lang") == "ro"
    assert len(page.findall(".//h1")) == 1
    ids = Counter(element.get("id") for element in page.iter() if element.get("id"))
    assert ids and max(ids.values()) == 1, ids
    assert not [element.tag for element in page.iter() if element.get("style") is not None]
    assert page.find(".//style") is None and page.find(".//script") is None
    assert [link.get("href") for link in page.iter("link")] == ["/static/css/print.css"]
    assert not CEDILLA.search(html)


# --- The cache of rendered files


def test_repeated_download_is_served_from_the_cache(monkeypatch):
    cache.clear()
    calls = Counter()
    real_pdf, real_docx = life_certificate._render_pdf, life_certificate._render_docx

    def counting_pdf(context):
        calls["pdf"] += 1
        return real_pdf(context)

    def counting_docx(context):
        calls["docx"] += 1
        return real_docx(context)

    monkeypatch.setattr(life_certificate, "_render_pdf", counting_pdf)
    monkeypatch.setattr(life_certificate, "_render_docx", counting_docx)
    first = life_certificate.render_pdf(context_of(data()))
    again = life_certificate.render_pdf(context_of(data()))  # an equal context, built anew
    assert again is first
    assert calls["pdf"] == 1
    life_certificate.render_docx(context_of(data()))
    life_certificate.render_docx(context_of(data()))
    assert calls["docx"] == 1
    other = life_certificate.render_pdf(context_of(data(pension_file="654321")))
    assert other != first and calls["pdf"] == 2
    assert cache.info() == {
        "hits": 2,
        "shared_hits": 0,
        "misses": 3,
        "shared_errors": 0,
        "size": 3,
        "max_size": cache.ENTRIES,
    }


def test_instructions_page_is_laid_out_once_and_names_nobody(monkeypatch):
    life_certificate.layout_cache_clear()
    laid_out = []
    real = life_certificate._layout_html

    def counting(html, *, page):
        laid_out.append(page)
        return real(html, page=page)

    monkeypatch.setattr(life_certificate, "_layout_html", counting)
    ana = context_of(data())
    ion = context_of(data(last_name="Popescu", first_name="Ion", cnp="1500514123451"))
    for person in (ana, ion):
        first, second = page_texts(life_certificate._render_pdf(person))
        assert person["full_name"] in first and person["cnp"] in first
        assert person["cnp"] not in second and person["full_name"] not in second
        assert "Pagina 1 din 2" in first and "Pagina 2 din 2" in second
    assert laid_out == [1, 2, 1]  # Ion's certificate reused Ana's instructions page
    instructions = life_certificate._part_html(ana, "instructions")
    for value in (ana["full_name"], ana["cnp"], ana["pension_file"], ana["address_lines"][0]):
        assert value not in instructions
    # Another house or language is another page 2.
    life_certificate._render_pdf(context_of(data(house_code="VL")))
    assert laid_out == [1, 2, 1, 1, 2]


def test_a_certificate_longer_than_a_page_is_laid_out_whole(monkeypatch):
    """The split is for the two pages the layout is made for; anything else prints whole."""
    context = context_of(data())
    whole = rendering.render_template(
        life_certificate.TEMPLATE, static_url=None, links=(), part=None, **context
    )
    monkeypatch.setattr(
        life_certificate,
        "_layout",
        lambda context, part, page: life_certificate._layout_html(whole, page=page),
    )
    whole_renders = []
    real = rendering.html_to_pdf
    monkeypatch.setattr(
        rendering, "html_to_pdf", lambda *a, **k: whole_renders.append(1) or real(*a, **k)
    )
    pages = page_texts(life_certificate._render_pdf(context))
    assert whole_renders == [1]
    assert len(pages) == 2
    assert "Pagina 1 din 2" in pages[0] and "Pagina 2 din 2" in pages[1]


def test_cache_is_bounded(monkeypatch):
    cache.clear()
    monkeypatch.setattr(
        life_certificate, "_render_pdf", lambda context: context["pension_file"].encode()
    )
    for number in range(cache.ENTRIES + 10):
        life_certificate.render_pdf(context_of(data(pension_file=str(number))))
    assert cache.info()["size"] == cache.ENTRIES
    # The oldest went first; the newest is still there.
    life_certificate.render_pdf(context_of(data(pension_file=str(cache.ENTRIES + 9))))
    assert cache.info()["hits"] == 1
    cache.clear()


# --- Names and packaging


def test_filename():
    context = context_of(data(language="de"))
    assert life_certificate.filename(context, "pdf") == "certificat-de-viata-ro-de.pdf"
    assert life_certificate.filename(context | {"lang": 'de"; x=/../'}, ".DOCX") == (
        "certificat-de-viata-ro-dex.docx"
    )


def test_documents_package_does_not_load_flask():
    code = (
        "import sys; import documents.life_certificate, domain.certificate_texts; "
        "assert not [name for name in sys.modules if name.split('.')[0] == 'flask'], 'flask'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_both_files_print_the_confirmed_address_email_and_phone():
    # Sălaj: a `current` row with a street and an address for life certificates (M4).
    context = context_of(data(house_code="SJ", language="it"))
    pdf, docx = life_certificate._render_pdf(context), life_certificate._render_docx(context)
    for text in (pdf_text(pdf), docx_text(docx)):
        assert normalised("Bulevardul Mihai Viteazul nr. 85, Zalău, județul Sălaj") in text
        assert "certificatedeviata.salaj@cnpp.ro" in text
        assert "+40 260-622145" in text


def test_the_italian_sending_line_says_alla_casa():
    """m8: "a Casa Județeană" is not Italian; the article joins the preposition: "alla Casa"."""
    context = context_of(data(house_code="SJ", language="it"))
    pdf, docx = life_certificate._render_pdf(context), life_certificate._render_docx(context)
    for text in (pdf_text(pdf), docx_text(docx)):
        assert normalised("compilato e attestato alla Casa Județeană de Pensii Sălaj") in text
        assert normalised("attestato a Casa") not in text


# --- Faithful to the official model (CNPP Order 874/2024, research §1.2–1.3)


def test_part_a_is_printed_in_capitals_with_every_languages_letters(rendered):
    """M3: "completat cu majuscule"; the diacritics are letters, not decoration, and stay."""
    context, pdf, docx = rendered
    first = page_texts(pdf)[0]
    name = "ȚĂRĂNESCU-POPOVICI ANA-MARIA ȘTEFANIA"
    for text in (first, docx_text(docx)):
        assert name in text
        assert "VIA GIUSEPPE GARIBALDI 128, SCALA B, INTERNO 14" in text
        assert "CASA JUDEȚEANĂ DE PENSII DÂMBOVIȚA, TÂRGOVIȘTE" in text
        assert normalised(f"ITALIA / {context['country']['tr']}") in text
        assert "Țărănescu" not in text  # nowhere in small letters
        # The e-mail address as typed (its part before the @ may be case-sensitive).
        assert "ana.taranescu@example.it" in text
    assert context["country"]["tr"] == countries_by_code()["IT"].names[context["lang"]].upper()


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Ștefan Țiriac-Îonescu", "ȘTEFAN ȚIRIAC-ÎONESCU"),
        ("Ödön Erdős", "ÖDÖN ERDŐS"),
        ("Jürgen Groß", "JÜRGEN GROSS"),  # German writes ß as SS in capitals
        ("Françoise Nuñez-Òdena", "FRANÇOISE NUÑEZ-ÒDENA"),
    ],
)
def test_capitals_keep_the_diacritics(typed, printed):
    context = context_of(data(last_name=typed, first_name="Ana"))
    assert context["full_name"] == f"{printed} ANA"


def test_filling_instruction_legal_basis_and_part_a_as_the_model_has_them(rendered):
    context, pdf, docx = rendered
    t = context["t"]
    first = page_texts(pdf)[0]
    # M3: capitals, dotted lines only, two parts, neither removable.
    assert t["fill_rule"]["ro"] == (
        "Formularul trebuie completat cu majuscule, folosindu-se numai liniile punctate. "
        "Cuprinde 2 părți; niciuna dintre acestea nu poate fi eliminată."
    )
    # M2: Regulation (EC) 883/2004 art. 7 and Law 360/2023 art. 98(8), in both languages.
    assert t["legal_basis"]["ro"] == (
        "Regulamentul (CE) nr. 883/2004: articolul 7; Legea nr. 360/2023: articolul 98 alineatul (8)"
    )
    for side in ("ro", "tr"):
        basis = t["legal_basis"][side]
        assert "883/2004" in basis and "360/2023" in basis and "98" in basis and "8" in basis
        assert "5" not in basis.replace("883/2004", "")  # no longer (5)–(8)
    # M4: part A is filled in by the beneficiary in front of a legal authority.
    assert t["part_a_note"]["ro"] == (
        "Se completează de către beneficiarul nerezident în fața unei autorități legale."
    )
    # The file label of the old and new models (2.2).
    assert "dosar de pensie/decizie de pensionare" in t["pension_file"]["ro"]
    for key in ("fill_rule", "legal_basis", "part_a_note", "pension_file", "addressee"):
        for side in ("ro", "tr"):
            assert normalised(t[key][side]) in first, (key, side)
            assert normalised(t[key][side]) in docx_text(docx), (key, side)


def test_part_b_certifies_the_signature_and_records_the_identity_document(rendered):
    """Law 360/2023 art. 98(7): the pensioner signs in front of the authority, which certifies it;
    m9: a line for the identity document the authority checked."""
    context, pdf, docx = rendered
    t = context["t"]
    assert "a semnat certificatul în fața noastră" in t["statement"]["ro"]
    assert "art. 98 alin. (7)" in t["part_b_note"]["ro"]
    assert t["id_document"]["ro"] == "Act de identitate prezentat"
    first = page_texts(pdf)[0]
    for text in (first, docx_text(docx)):
        for key in ("statement", "part_b_note", "id_document"):
            for side in ("ro", "tr"):
                assert normalised(t[key][side]) in text, (key, side)
    # In part B, after its heading and before the stamp box.
    part_b = first[first.index(t["part_b"]["ro"]) :]
    assert t["id_document"]["ro"] in part_b


@pytest.mark.parametrize(
    ("language", "signed", "document"),
    [
        ("en", "signed this certificate in our presence", "Identity document shown"),
        ("it", "ha firmato il presente certificato in nostra presenza", "Documento esibito"),
        ("es", "ha firmado esta fe de vida en nuestra presencia", "Documento de identidad"),
        ("de", "diese Bescheinigung vor uns unterschrieben", "Ausweisdokument"),
        ("fr", "a signé ce certificat en notre présence", "Pièce d’identité présentée"),
        ("hu", "ezt az igazolást előttünk írta alá", "személyazonosító okmány"),
    ],
)
def test_each_language_says_the_person_signed_in_front_of_the_authority(language, signed, document):
    t = context_of(data(language=language))["t"]
    assert signed in t["statement"]["tr"]
    assert document in t["id_document"]["tr"]
    assert "98" in t["part_b_note"]["tr"] and "7" in t["part_b_note"]["tr"]


def test_the_spanish_title_is_the_models():
    """M1: "CERTIFICADO DE FE DE VIDA"."""
    assert context_of(data(language="es"))["t"]["title"] == {
        "ro": "Certificat de viață",
        "tr": "Certificado de fe de vida",
    }


# Part A, section 1: the house it is addressed to, with only what the reference data confirms.
HOUSE_SECTIONS = [
    # house, its postal address as printed, e-mail, fax (None: not confirmed here)
    (
        "SJ",
        "BULEVARDUL MIHAI VITEAZUL NR. 85, ZALĂU, JUDEȚUL SĂLAJ, ROMÂNIA",
        "certificatedeviata.salaj@cnpp.ro",
        None,
    ),
    (
        "AB",
        "STR. TUDOR VLADIMIRESCU NR. 61, ALBA IULIA, JUDEȚUL ALBA, ROMÂNIA",
        "office.cjpalba@cnpp.ro",
        "+40 258/819.083",
    ),
    ("BT", None, "certificateviata.botosani@cnpp.ro", "+40 231.513.517"),
    ("DB", None, "certificateviata.dambovita@cnpp.ro", None),
    ("VL", "CALEA LUI TRAIAN 157-159, RÂMNICU VÂLCEA, JUDEȚUL VÂLCEA, ROMÂNIA", None, None),
    ("CJ", None, None, None),
]


@pytest.mark.parametrize(("house", "address", "email", "fax"), HOUSE_SECTIONS)
def test_page_one_names_the_houses_confirmed_address_email_and_fax(house, address, email, fax):
    context = context_of(data(house_code=house, language="fr", email=""))
    assert (context["house_address"], context["house_email"], context["house_fax"]) == (
        address,
        email,
        fax,
    )
    first = page_texts(life_certificate._render_pdf(context))[0]
    word = docx_text(life_certificate._render_docx(context))
    unconfirmed = context["t"].get("unconfirmed")
    for text in (first, word):
        for value in (address, email, fax):
            if value:
                assert value in text
        if fax:
            assert "Fax / Télécopie" in text
        else:
            assert "Télécopie" not in text
        if address and email:
            assert unconfirmed is None and "www.cnpp.ro" not in text
        else:
            # Not confirmed here: says so and where to look, once for each missing item.
            note = normalised(f"{unconfirmed['ro']} / {unconfirmed['tr']}")
            assert text.count(note) == (address is None) + (email is None)
    # Never an invented address: the only e-mail addresses on page 1 are the house's confirmed one.
    assert re.findall(r"[\w.-]+@[\w.-]+", first) == ([email] if email else [])


def test_the_fax_is_a_way_of_sending_where_the_house_has_one():
    alba = context_of(data(house_code="AB", language="it"))
    assert {"ro": "prin fax, la +40 258/819.083", "tr": "per fax, al numero +40 258/819.083"} in (
        alba["send_ways"]
    )
    second = page_texts(life_certificate._render_pdf(alba))[1]
    assert "prin fax, la +40 258/819.083" in second
    assert "per fax, al numero +40 258/819.083" in second
    salaj = context_of(data(house_code="SJ", language="it"))
    assert not [way for way in salaj["send_ways"] if "fax" in way["ro"]]


def test_instructions_give_the_new_pension_rule(rendered):
    """Order 874/2024 art. 9(1): a new beneficiary's first payment waits for the certificate."""
    context, pdf, docx = rendered
    t = context["t"]
    assert (
        "Prima plată se face numai după ce casa primește înapoi certificatul"
        in (t["new_text"]["ro"])
    )
    for side in ("ro", "tr"):
        assert "874/2024" in t["new_text"][side] and "9" in t["new_text"][side]
        assert "6" in t["new_text"][side]  # more than 6 months between application and payment
    second = page_texts(pdf)[1]
    for text in (second, docx_text(docx)):
        for key in ("new_title", "new_text"):
            for side in ("ro", "tr"):
                assert normalised(t[key][side]) in text


# A line of the size of the reference once reserved on page 1, now taken by the online line.
ONE_MORE_LINE = (
    '<p class="lc-rule">Referință pentru trimiterea online / Reference for sending online: '
    "CV-2026-ABCD-EFGH-JKLM</p>"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_one_holds_the_online_line_in_the_fallback_font(language):
    """The longest answers, the fullest house section (address, e-mail and fax), the line on
    sending it online (in the room page 1 kept for it), in the fallback font: still one page."""
    context = context_of(LONGEST | {"language": language, "house_code": "AB"})
    html = life_certificate._part_html(context, "certificate")
    anchor = '<section class="lc-part" aria-labelledby="part-a">'
    assert html.count(anchor) == 1
    assert '<p class="lc-online">' in html
    document = HTML(
        string=html, base_url=rendering.STATIC_FILE_URL, url_fetcher=rendering.StaticFilesOnly()
    ).render(
        stylesheets=[
            rendering._stylesheet(life_certificate.STYLESHEET),
            CSS(string=f'html {{ font-family: "{FALLBACK_FONT}" }}'),
        ],
        font_config=rendering._font_config(),
    )
    assert len(document.pages) == 1
    # A test that can fail: five more such lines do not fit.
    crowded = html.replace(anchor, ONE_MORE_LINE * 5 + anchor)
    too_many = HTML(
        string=crowded, base_url=rendering.STATIC_FILE_URL, url_fetcher=rendering.StaticFilesOnly()
    ).render(
        stylesheets=[
            rendering._stylesheet(life_certificate.STYLESHEET),
            CSS(string=f'html {{ font-family: "{FALLBACK_FONT}" }}'),
        ],
        font_config=rendering._font_config(),
    )
    assert len(too_many.pages) > 1


def instructions_pages(html: str) -> int:
    document = HTML(
        string=html, base_url=rendering.STATIC_FILE_URL, url_fetcher=rendering.StaticFilesOnly()
    ).render(
        stylesheets=[rendering._stylesheet(life_certificate.STYLESHEET)],
        font_config=rendering._font_config(),
    )
    return len(document.pages)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("house", ["VL", "BT"])  # the fullest page 2: address, or e-mail and fax
def test_page_two_keeps_room_for_one_more_line_in_each_column(language, house):
    """With the online way of sending among the others, still a line to spare in each column."""
    context = context_of(LONGEST | {"language": language, "house_code": house})
    html = life_certificate._part_html(context, "instructions")

    def with_lines(count: int) -> str:
        changed = html
        for side in ("ro", "tr"):
            heading = f"<h3>{context['t']['send_title'][side]}</h3>"
            assert changed.count(heading) == 1
            line = "<p>Referință / Reference: CV-2026-ABCD-EFGH-JKLM</p>"
            changed = changed.replace(heading, line * count + heading)
        return changed

    assert instructions_pages(with_lines(1)) == 1
    assert instructions_pages(with_lines(5)) > 1  # the check can fail


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_one_says_it_can_be_sent_online_in_both_languages(language):
    context = context_of(data(language=language))
    assert context["send_online"]["ro"] == "Îl puteți trimite și online, scanat sau fotografiat"
    assert context["send_online"]["tr"] != context["send_online"]["ro"]
    line = normalised(
        f"{context['send_online']['ro']} / {context['send_online']['tr']}: {ONLINE_URL}"
    )
    pdf = life_certificate._render_pdf(context)
    assert line in page_texts(pdf)[0]
    assert line in docx_text(life_certificate._render_docx(context))


def test_without_the_online_address_no_online_line():
    context = context_of({k: v for k, v in data().items() if k != "online_url"})
    assert context["send_online"] is None and context["online_url"] is None
    pdf = life_certificate._render_pdf(context)
    assert "online" not in page_texts(pdf)[0].replace("Completat online", "")
    assert "/certificat-de-viata/trimitere" not in docx_text(life_certificate._render_docx(context))
