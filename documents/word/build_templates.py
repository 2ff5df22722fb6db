"""Builds the Word templates of documents/ with python-docx, so that they are reviewed as code.

    .venv/bin/python -m documents.word.build_templates

writes documents/word/account_request.docx. The template holds docxtpl (Jinja) tags over the
context of documents.account_request.build_context; commit the regenerated file with this script.
Layout mirrors templates/print/account_request.html: same sections, labels and order.
"""

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FONT = "Arial"  # LibreOffice substitutes Liberation Sans, its metric twin, as in the PDF
GREY = RGBColor(0x44, 0x44, 0x44)
LABEL_GREY = RGBColor(0x22, 0x22, 0x22)
CONTENT_WIDTH_MM = 180  # A4 (210 mm) minus 15 mm margins


def build_account_request(path: Path) -> None:
    document = _new_document(
        title="Cerere pentru crearea unui cont online – {{ reference }}",
        footer_text="Cerere cont online {{ reference }}",
    )
    _masthead(document)

    document.add_paragraph("Cerere pentru crearea unui cont online", style="Title")
    lead = document.add_paragraph("{{ undersigned }} ")
    lead.add_run("{{ last_name }} {{ first_name }}").bold = True
    lead.add_run(
        " solicit crearea unui cont online pe portalul Casei Naționale de Pensii Publice"
        " (www.cnpp.ro), cu datele de mai jos. Adresa de e-mail va fi numele meu de utilizator."
    )
    dates = document.add_paragraph(
        "Completată online la {{ submitted_at }}. Document generat la {{ generated_on }}."
        " Ultima pagină (instrucțiunile) nu trebuie tipărită."
    )
    _small(dates)

    _section(document, "Solicitantul")
    _request_fields(
        document,
        [
            ("Nume", "last_name"),
            ("Prenume", "first_name"),
            ("CNP", "cnp"),
            ("Data nașterii", "birth_date"),
            ("Sexul", "sex"),
            ("Telefon", "phone"),
            ("Numele fără diacritice", "name_ascii", "wide"),
            # A whole row: Word breaks a line at a hyphen too, and the address must not wrap (M12).
            ("E-mail (numele de utilizator)", "email", "wide"),
        ],
    )
    _section(document, "Actul de identitate")
    _request_fields(
        document,
        [
            ("Tipul actului", "id_type"),
            ("Seria", "id_series"),
            ("Numărul", "id_number"),
            ("Eliberat de", "id_issuer"),
            ("Data eliberării", "id_issued_on"),
            ("Data expirării", "id_expires_on"),
        ],
    )
    _section(document, "Domiciliul")
    _request_fields(
        document,
        [
            # "Județul" in Romania, "Țara" abroad (M7).
            ("{{ home_area_label }}", "home_area"),
            ("Localitatea", "locality"),
            ("Codul poștal", "postal_code"),
            ("Adresa", "address", "wide"),
        ],
    )

    _section(document, "Persoane administrate")
    _persons(document)

    _section(document, "Declarație")
    _keep_with_next(
        document.add_paragraph(
            "Declar pe propria răspundere, cunoscând prevederile art. 326 din Codul penal privind"
            " falsul în declarații, că datele din această cerere sunt reale, corecte și complete."
        )
    )
    _keep_with_next(
        document.add_paragraph(
            # Information, not consent (B4): the same sentence as the PDF.
            "Casa Națională de Pensii Publice și casele teritoriale de pensii prelucrează datele"
            " din această cerere ca să creeze și să administreze contul online, în temeiul unei"
            " obligații legale și al unei sarcini de interes public (art. 6 alin. (1) lit. c) și"
            " e) din Regulamentul (UE) 2016/679 și Legea nr. 360/2023), nu pe baza acordului meu."
            " Informarea completă, cu drepturile pe care le am, este pe portal, la pagina"
            " „Protecția datelor personale” (/protectia-datelor)."
        )
    )
    _signature(document)

    # The instructions on a sheet of their own, which is not printed (M12).
    heading = document.add_paragraph()
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.keep_with_next = True
    heading.add_run("Ce aveți de făcut").bold = True
    heading.runs[0].font.size = Pt(11)
    note = document.add_paragraph()
    note.add_run(
        "Această pagină cuprinde instrucțiunile. Nu trebuie tipărită și nu se depune la ghișeu."
    ).bold = True
    for step in (
        "Tipăriți cererea, fără această pagină, și semnați-o.",
        "Prezentați-vă personal, cu cererea semnată, la ghișeul oricărei case județene de pensii"
        " sau al Casei de Pensii a Municipiului București. Aduceți actul de identitate, în"
        " original și copie{% if persons %}, și documentele justificative pentru fiecare"
        " persoană pe care o veți administra, în original și copie{% endif %}.",
        "{%p if qes_url %}",
        "În locul pașilor 1 și 2, dacă aveți o semnătură electronică calificată: semnați cu ea"
        " acest PDF, fără să-l tipăriți, și încărcați-l, împreună cu o copie a actului de"
        " identitate, la adresa {{ qes_url }} (din browserul din care ați trimis cererea; de pe"
        " alt dispozitiv, din legătura primită prin e-mail).{% if persons %} Documentele"
        " justificative ale persoanelor pe care le veți administra trebuie totuși arătate în"
        " original la ghișeul unei case de pensii.{% endif %}",
        "{%p endif %}",
        "După aprobarea cererii primiți pe adresa {{ email }} un mesaj cu o legătură pentru"
        " stabilirea parolei. Legătura este valabilă 72 de ore.",
        "Parola trebuie să aibă cel puțin 8 caractere, dintre care cel puțin o literă mare și"
        " o cifră.",
    ):
        # The {%p %} tags are paragraphs of their own, removed by docxtpl: no number of theirs.
        document.add_paragraph(step, style=None if step.startswith("{%p") else "List Number")

    _slim(document)
    _save_reproducibly(document, path)


def _new_document(*, title: str, footer_text: str) -> Document:
    document = Document()
    properties = document.core_properties
    # docxtpl renders these through Jinja too.
    properties.title = title
    properties.language = "ro-RO"
    properties.author = "Casa Națională de Pensii Publice"
    properties.comments = ""
    properties.last_modified_by = ""
    # Fixed, so that rebuilding the template does not change it for nothing.
    properties.created = properties.modified = dt.datetime(2026, 1, 1)
    properties.revision = 1

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(14), Mm(16)
    section.left_margin = section.right_margin = Mm(15)
    section.footer_distance = Mm(7)

    _styles(document)
    _footer(section.footer, footer_text)
    return document


def _styles(document: Document) -> None:
    styles = document.styles
    # Romanian for spelling and hyphenation, in every run that does not say otherwise.
    run_defaults = (
        styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "ro-RO")
    run_defaults.append(language)
    _set_font(run_defaults)

    normal = styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    title = styles["Title"]
    title.font.size = Pt(16)
    title.font.bold = True
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.space_before = Pt(10)
    title.paragraph_format.space_after = Pt(4)
    # The default Title has a blue rule under it and wide letter spacing.
    for element in title.element.pPr.findall(qn("w:pBdr")):
        title.element.pPr.remove(element)
    for unwanted in (qn("w:spacing"), qn("w:kern")):
        for element in title.element.rPr.findall(unwanted):
            title.element.rPr.remove(element)

    heading = styles["Heading 2"]
    heading.font.size = Pt(11)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = Pt(8)
    heading.paragraph_format.space_after = Pt(3)
    heading.paragraph_format.keep_with_next = True
    _bottom_border(heading.element.get_or_add_pPr(), size=12)

    # The default footer has tab stops for Letter paper; ours sets its own for A4.
    styles["Footer"].paragraph_format.tab_stops.clear_all()

    for name in ("Title", "Heading 2", "List Number", "Footer"):
        _set_font(styles[name].element.get_or_add_rPr())


def _set_font(run_properties) -> None:
    """Arial everywhere, replacing the theme fonts (Calibri, Cambria) of python-docx's template."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{kind}"), FONT)


def _footer(footer, text: str) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(CONTENT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{text}\t")
    paragraph.add_run("Pagina ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" din ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = GREY


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out the page."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    paragraph.add_run("1")  # shown until the field is updated
    char("end")


def _masthead(document: Document) -> None:
    table = _table(document, rows=1, widths_mm=(93, 30, 57))
    addressee, qr, reference = table.rows[0].cells
    institution = addressee.paragraphs[0]
    institution.add_run("Casa Națională de Pensii Publice").bold = True
    # "Casa Județeană de Pensii Arad, cu sediul în Arad" says the city twice: only when it differs.
    addressee.add_paragraph(
        "prin {{ office_name }}{% if office_seat not in office_name %}, cu sediul în"
        " {{ office_seat }}{% endif %}"
    )
    # For the clerk: the number and date the request is registered under (M12).
    registry = addressee.add_table(rows=1, cols=2)
    registry.autofit = False
    for cell, label, width in zip(
        registry.rows[0].cells, ("Nr. de înregistrare", "Data"), (52, 36), strict=True
    ):
        cell.width = Mm(width)
        _label(cell.paragraphs[0], label)
        cell.paragraphs[0].paragraph_format.space_after = Pt(16)
        _cell_borders(cell, top=8, left=8, bottom=8, right=8)

    qr.paragraphs[0].add_run("{{ qr_image }}")
    qr.paragraphs[0].paragraph_format.space_after = Pt(0)
    label = reference.paragraphs[0]
    label.paragraph_format.space_before = Pt(14)
    _small(label, "Număr de referință")
    value = reference.add_paragraph()
    run = value.add_run("{{ reference }}")
    run.bold = True
    run.font.size = Pt(15)
    for cell in (qr, reference):
        _cell_borders(cell, top=8, bottom=8)
    _cell_borders(qr, left=8)
    _cell_borders(reference, right=8)


def _section(document: Document, title: str) -> None:
    document.add_paragraph(title, style="Heading 2")


def _fields(document: Document, items: list[tuple[str, str]], *, wide_last: bool = False) -> None:
    """Label above value, three to a row, each on a ruled line: the PDF's layout."""
    rows = [items[start : start + 3] for start in range(0, len(items), 3)]
    if wide_last and len(rows[-1]) > 1:
        rows[-1:] = [rows[-1][:-1], rows[-1][-1:]]
    # No left padding and a right one as wide as the PDF's gutter: the rules line up with the text.
    table = _table(document, rows=len(rows), widths_mm=(60, 60, 60), padding_mm=(0, 6))
    for row, row_items in zip(table.rows, rows, strict=True):
        _cant_split(row)
        if len(row_items) == 1 and wide_last:
            row.cells[0].merge(row.cells[2])
        for cell, (label, key) in zip(row.cells, row_items, strict=False):
            _small(cell.paragraphs[0], label)
            cell.paragraphs[0].paragraph_format.space_before = Pt(2)
            value = cell.add_paragraph()
            value.add_run(f"{{{{ {key} }}}}").bold = True
            value.paragraph_format.space_after = Pt(2)
            _cell_borders(cell, bottom=4, color="666666")


def _request_fields(document: Document, items: list[tuple]) -> None:
    """The account request's answers (M12): as _fields, with 10 pt labels, and an item
    (label, key, "wide") on a whole row wherever it is."""
    rows: list[list[tuple]] = []
    for item in items:
        if "wide" in item[2:]:
            rows.append([item])
        elif rows and len(rows[-1]) < 3 and "wide" not in rows[-1][0][2:]:
            rows[-1].append(item)
        else:
            rows.append([item])
    # No left padding and a right one as wide as the PDF's gutter: the rules line up with the text.
    table = _table(document, rows=len(rows), widths_mm=(60, 60, 60), padding_mm=(0, 6))
    for row, row_items in zip(table.rows, rows, strict=True):
        _cant_split(row)
        if "wide" in row_items[0][2:]:
            row.cells[0].merge(row.cells[2])
        for cell, (label, key, *_) in zip(row.cells, row_items, strict=False):
            _label(cell.paragraphs[0], label)
            cell.paragraphs[0].paragraph_format.space_before = Pt(2)
            value = cell.add_paragraph()
            value.add_run(f"{{{{ {key} }}}}").bold = True
            value.paragraph_format.space_after = Pt(2)
            _cell_borders(cell, bottom=4, color="666666")


def _persons(document: Document) -> None:
    # {%p %} and {%tr %} tags replace their whole paragraph or table row (docxtpl).
    document.add_paragraph("{%p if persons %}")
    headers = (
        "Nr.",
        "Nume / denumire",
        "Calitatea",
        "CNP / CUI",
        "Temei și document (în original și copie)",
    )
    table = _table(document, rows=4, widths_mm=(10, 46, 26, 38, 60), grid=True)
    header, loop_start, body, loop_end = table.rows
    _repeat_as_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell, "EEEEEE")
    loop_start.cells[0].paragraphs[0].add_run("{%tr for person in persons %}")
    _cant_split(body)
    cells = (
        "{{ person.number }}",
        "{{ person.name }}",
        "{{ person.category }}",
        "{{ person.identifier_label }} {{ person.identifier }}",
        "{{ person.capacity }}, nr. {{ person.document_number }} din {{ person.document_date }}",
    )
    for cell, text in zip(body.cells, cells, strict=True):
        cell.paragraphs[0].add_run(text)
    loop_end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("Nu administrați alte persoane.")
    document.add_paragraph("{%p endif %}")


def _signature(document: Document, signer: str = "Semnătura") -> None:
    table = _table(document, rows=1, widths_mm=(80, 20, 80), padding_mm=(0, 0))
    _cant_split(table.rows[0])
    for cell, label in zip(
        (table.rows[0].cells[0], table.rows[0].cells[2]), ("Data", signer), strict=True
    ):
        cell.paragraphs[0].add_run(label)
        cell.paragraphs[0].paragraph_format.space_after = Pt(28)
        _cell_borders(cell, bottom=6)


def _save_reproducibly(document: Document, path: Path) -> None:
    """Same template, same bytes: zip entries get a fixed date instead of the time of the build.

    Entries are stored, not deflated: the templates are small, the downloads docxtpl writes are
    compressed anyway, and plain XML lets a byte search (the repo's cedilla check) read the text.
    """
    built = io.BytesIO()
    document.save(built)
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_STORED
            target.writestr(fixed, source.read(entry))


def _slim(document: Document) -> None:
    """Drop what python-docx's default template carries and this document does not use.

    Its styles.xml alone is 350 KB (every table style Word knows); docxtpl parses and re-zips every
    part on each render, so the unused ones cost time and bytes on every download.
    """
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # a picture of python-docx's blank sample page
            package_rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml", "/webSettings")):
            document.part.rels.pop(rel_id)

    styles = document.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    users = [document.element, document.part.numbering_part.element]
    users += [section.footer._element for section in document.sections]
    wanted = {
        node.get(qn("w:val"))
        for user in users
        for node in user.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
    }
    wanted |= {key for key, style in by_id.items() if style.get(qn("w:default")) in ("1", "true")}
    pending = list(wanted)
    while pending:  # styles a kept style is based on, links to or is followed by
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:link", "w:next"):
            for reference in style.findall(qn(tag)):
                key = reference.get(qn("w:val"))
                if key not in wanted:
                    wanted.add(key)
                    pending.append(key)
    for key, style in by_id.items():
        if key not in wanted:
            styles.remove(style)


# --- python-docx has no API for these table and paragraph details; they are plain WordprocessingML.


def _table(document, *, rows: int, widths_mm, padding_mm=(1.2, 1.2), grid: bool = False):
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    if grid:
        table.style = document.styles["Table Grid"]
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side, width_mm in zip(("left", "right"), padding_mm, strict=True):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(width_mm * 56.7)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    # Word reads the cell widths, LibreOffice the grid: set both.
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def _cell_borders(cell, *, color: str = "000000", style: str = "single", **sizes: int) -> None:
    properties = cell._tc.get_or_add_tcPr()
    borders = properties.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        properties.append(borders)
    for side in ("top", "left", "bottom", "right"):
        if side in sizes:
            border = OxmlElement(f"w:{side}")
            border.set(qn("w:val"), style)
            border.set(qn("w:sz"), str(sizes[side]))  # eighths of a point
            border.set(qn("w:color"), color)
            borders.append(border)


def _bottom_border(paragraph_properties, *, size: int) -> None:
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    border.append(bottom)
    paragraph_properties.append(border)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    element = OxmlElement("w:tblHeader")
    row._tr.get_or_add_trPr().append(element)


def _cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _keep_with_next(paragraph):
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _label(paragraph, text: str):
    """A field's label: 10 pt, as large as its answer, dark enough for a photocopy (M12)."""
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size = Pt(10)
    run.font.color.rgb = LABEL_GREY
    return paragraph


def _small(paragraph, text: str | None = None):
    """8 pt grey, for labels and the dates line."""
    paragraph.paragraph_format.space_after = Pt(0)
    if text is not None:
        paragraph.add_run(text)
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = GREY
    return paragraph


def _payment_opening(title: str, footer_text: str, for_holder: str, own: str):
    """Both payment printouts open alike: the house's masthead, the title, and who asks what,
    for the holder (a representative files) or for themself."""
    document = _new_document(
        title=title + " – {{ last_name }} {{ first_name }}", footer_text=footer_text
    )
    _house_masthead(document)
    document.add_paragraph(title, style="Title")
    document.add_paragraph("{%p if representative %}")
    lead = document.add_paragraph("{{ representative.undersigned }} ")
    lead.add_run("{{ representative.last_name }} {{ representative.first_name }}").bold = True
    lead.add_run(", CNP {{ representative.cnp }}, în calitate de {{ representative.role }}, ")
    lead.add_run("{{ last_name }} {{ first_name }}").bold = True
    lead.add_run(for_holder)
    document.add_paragraph("{%p else %}")
    lead = document.add_paragraph("{{ undersigned }} ")
    lead.add_run("{{ last_name }} {{ first_name }}").bold = True
    lead.add_run(own)
    document.add_paragraph("{%p endif %}")
    return document


def build_payment_request(path: Path) -> None:
    """The request to be paid into an account (documents.payment_request.build_context).

    Mirrors templates/print/payment_request.html: same sections, labels and order.
    """
    document = _payment_opening(
        "Cerere pentru plata pensiei în cont curent sau în cont de card",
        footer_text="Cerere de plată a pensiei în cont · CNP {{ cnp }}",
        for_holder=", solicit plata pensiei titularului în contul de mai jos, deschis pe numele"
        " titularului, potrivit art. 96 alin. (1) lit. b) din Legea nr. 360/2023.",
        own=" solicit ca pensia mea să fie plătită în contul de mai jos, deschis pe numele meu,"
        " potrivit art. 96 alin. (1) lit. b) din Legea nr. 360/2023.",
    )
    _small(document.add_paragraph("Completată online. Document generat la {{ generated_on }}."))

    _section(document, "Titularul pensiei")
    _fields(
        document,
        [
            ("Nume", "last_name"),
            ("Prenume", "first_name"),
            ("CNP", "cnp"),
            ("Numărul dosarului sau al deciziei de pensie", "pension_number"),
            ("Telefon", "phone"),
            ("E-mail", "email"),
        ],
    )
    _section(document, "Domiciliul titularului")
    _fields(
        document,
        [
            ("Județul", "county"),
            ("Localitatea", "locality"),
            ("Codul poștal", "postal_code"),
            ("Adresa", "address"),
        ],
        wide_last=True,
    )
    _section(document, "Contul în care se plătește pensia")
    # The IBAN on a line of its own: in a third of the page it would wrap.
    _fields(document, [("Banca", "bank"), ("IBAN", "iban")], wide_last=True)

    document.add_paragraph("{%p if representative %}")
    _section(document, "Persoana care depune cererea")
    _fields(
        document,
        [
            ("Calitatea", "representative.capacity"),
            ("Nume", "representative.last_name"),
            ("Prenume", "representative.first_name"),
            ("CNP", "representative.cnp"),
            ("Documentul", "representative.document"),
            (
                "Numărul și data documentului",
                'representative.document_number ~ " din " ~ representative.document_date',
            ),
        ],
    )
    document.add_paragraph("{%p endif %}")

    _section(document, "Declarație")
    _keep_with_next(
        document.add_paragraph(
            "Declar pe propria răspundere, cunoscând prevederile art. 326 din Codul penal privind"
            " falsul în declarații, că acest cont este deschis pe numele titularului pensiei și"
            " că datele din această cerere sunt reale, corecte și complete."
        )
    )
    _keep_with_next(document.add_paragraph("Anexez:"))
    document.add_paragraph("{%p for item in attachments %}")
    _keep_with_next(document.add_paragraph("{{ item }}", style="List Bullet"))
    document.add_paragraph("{%p endfor %}")
    _signature(document, "{{ signature }}")
    _bank_confirmation(document)

    # Two tables in a row would merge into one: a paragraph keeps them apart. What to do with
    # the request starts page 2, as in the PDF: page 1 is the request to send.
    spacer = document.add_paragraph().paragraph_format
    spacer.space_after, spacer.line_spacing = Pt(0), Pt(8)
    spacer.page_break_before = True
    box = _table(document, rows=1, widths_mm=(CONTENT_WIDTH_MM,), padding_mm=(3, 3))
    _cant_split(box.rows[0])
    cell = box.rows[0].cells[0]
    _cell_borders(cell, top=6, left=6, bottom=6, right=6)
    for number, (heading_text, intro, items) in enumerate(
        (
            (
                "Cum trimiteți cererea",
                "Semnați cererea și trimiteți-o împreună cu copiile de mai sus:",
                "sending",
            ),
            ("Când se plătește pensia în cont", None, "payment_notes"),
        )
    ):
        heading = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        heading.paragraph_format.space_before = Pt(4)
        heading.add_run(heading_text).bold = True
        heading.runs[0].font.size = Pt(11)
        if intro:
            cell.add_paragraph(intro)
        cell.add_paragraph(f"{{%p for item in {items} %}}")
        cell.add_paragraph("{{ item }}", style="List Bullet")
        cell.add_paragraph("{%p endfor %}")

    _slim(document)
    _save_reproducibly(document, path)


def _house_masthead(document: Document) -> None:
    """To the county house, beside the registry's box (the payment request and declaration)."""
    masthead = _table(document, rows=1, widths_mm=(105, 5, 70))
    addressee, _, registration = masthead.rows[0].cells
    addressee.paragraphs[0].add_run("Către")
    addressee.add_paragraph().add_run("{{ house_name }}").bold = True
    addressee.add_paragraph(
        "{% if house_seat not in house_name %}cu sediul în {{ house_seat }}{% endif %}"
    )
    for number, label in enumerate(("Nr. de înregistrare", "Data")):
        line = registration.paragraphs[0] if number == 0 else registration.add_paragraph()
        _small(line, label)
        line.paragraph_format.space_after = Pt(16)
    _cell_borders(registration, top=8, left=8, bottom=8, right=8)


def _instructions_box(document: Document, parts) -> None:
    """What to do with the printout, boxed, starting page 2 as in the PDF: page 1 is the paper
    to send. `parts` are (heading, intro or None, name of the context list)."""
    # Two tables in a row would merge into one: a paragraph keeps them apart.
    spacer = document.add_paragraph().paragraph_format
    spacer.space_after, spacer.line_spacing = Pt(0), Pt(8)
    spacer.page_break_before = True
    box = _table(document, rows=1, widths_mm=(CONTENT_WIDTH_MM,), padding_mm=(3, 3))
    _cant_split(box.rows[0])
    cell = box.rows[0].cells[0]
    _cell_borders(cell, top=6, left=6, bottom=6, right=6)
    for number, (heading_text, intro, items) in enumerate(parts):
        heading = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        heading.paragraph_format.space_before = Pt(4)
        heading.add_run(heading_text).bold = True
        heading.runs[0].font.size = Pt(11)
        if intro:
            cell.add_paragraph(intro)
        cell.add_paragraph(f"{{%p for item in {items} %}}")
        cell.add_paragraph("{{ item }}", style="List Bullet")
        cell.add_paragraph("{%p endfor %}")


def _representative_fields(document: Document, title: str) -> None:
    document.add_paragraph("{%p if representative %}")
    _section(document, title)
    _fields(
        document,
        [
            ("Calitatea", "representative.capacity"),
            ("Nume", "representative.last_name"),
            ("Prenume", "representative.first_name"),
            ("CNP", "representative.cnp"),
            ("Documentul", "representative.document"),
            (
                "Numărul și data documentului",
                'representative.document_number ~ " din " ~ representative.document_date',
            ),
        ],
    )
    document.add_paragraph("{%p endif %}")


def build_payment_abroad(path: Path) -> None:
    """The declaration for a transfer abroad (documents.payment_abroad.build_context).

    Mirrors templates/print/payment_abroad.html: same sections, labels and order.
    """
    document = _payment_opening(
        "Declarație de transfer în străinătate a drepturilor de pensie",
        footer_text="Declarație de transfer al pensiei în străinătate · CNP {{ cnp }}",
        for_holder=", cu domiciliul în {{ country }}, {{ address }}, solicit transferul pensiei"
        " titularului în contul din străinătate de mai jos, deschis pe numele titularului,"
        " potrivit art. 98 alin. (1) din Legea nr. 360/2023.",
        own=", cu domiciliul în {{ country }}, {{ address }}, solicit transferul pensiei mele în"
        " contul din străinătate de mai jos, deschis pe numele meu, potrivit art. 98 alin. (1)"
        " din Legea nr. 360/2023.",
    )
    _small(document.add_paragraph("Completată online. Document generat la {{ generated_on }}."))

    _section(document, "Titularul pensiei")
    _fields(
        document,
        [
            ("Nume", "last_name"),
            ("Prenume", "first_name"),
            ("CNP", "cnp"),
            ("Numărul dosarului sau al deciziei de pensie", "pension_number"),
            ("Telefon", "phone"),
            ("E-mail", "email"),
        ],
    )
    _section(document, "Domiciliul din străinătate")
    _fields(
        document,
        [
            ("Țara", "country"),
            ("Localitatea", "locality"),
            ("Codul poștal", "postal_code"),
            ("Provincia, regiunea sau statul", "region"),
            ("Strada, numărul și apartamentul", "street"),
        ],
    )
    _section(document, "Contul din străinătate în care se transferă pensia")
    # Two to a row, a third and two thirds, as in the PDF: the IBAN and the addresses are long.
    pairs = (
        ("Țara băncii", "bank_country", "IBAN", "iban"),
        (
            "Codul BIC (SWIFT)",
            "bic",
            "Numele titularului contului, așa cum îl scrie banca",
            "holder_name",
        ),
        ("Banca", "bank_name", "Adresa băncii", "bank_address"),
    )
    table = _table(document, rows=len(pairs), widths_mm=(60, 120), padding_mm=(0, 6))
    for row, pair in zip(table.rows, pairs, strict=True):
        _cant_split(row)
        for cell, (label, key) in zip(row.cells, (pair[:2], pair[2:]), strict=True):
            _small(cell.paragraphs[0], label)
            cell.paragraphs[0].paragraph_format.space_before = Pt(2)
            value = cell.add_paragraph()
            value.add_run(f"{{{{ {key} }}}}").bold = True
            value.paragraph_format.space_after = Pt(2)
            _cell_borders(cell, bottom=4, color="666666")

    _representative_fields(document, "Persoana care depune declarația")

    _section(document, "Declarație")
    _keep_with_next(
        document.add_paragraph(
            "Declar pe propria răspundere, cunoscând prevederile art. 326 din Codul penal privind"
            " falsul în declarații, că titularul pensiei nu are domiciliul în România, că acest"
            " cont este deschis pe numele titularului pensiei și că datele din această"
            " declarație sunt reale, corecte și complete."
        )
    )
    _keep_with_next(document.add_paragraph("Anexez:"))
    document.add_paragraph("{%p for item in attachments %}")
    _keep_with_next(document.add_paragraph("{{ item }}", style="List Bullet"))
    document.add_paragraph("{%p endfor %}")
    _signature(document, "{{ signature }}")

    _instructions_box(
        document,
        (
            (
                "Cum trimiteți declarația",
                "Semnați declarația și trimiteți-o împreună cu copiile de mai sus:",
                "sending",
            ),
            ("Ce trebuie să știți despre plata în străinătate", None, "notes"),
        ),
    )
    _slim(document)
    _save_reproducibly(document, path)


def _bank_confirmation(document: Document) -> None:
    """The bank's optional box, as in templates/print/payment_request.html: blank lines."""
    spacer = document.add_paragraph().paragraph_format
    spacer.space_after, spacer.line_spacing = Pt(0), Pt(8)
    box = _table(document, rows=1, widths_mm=(CONTENT_WIDTH_MM,), padding_mm=(3, 3))
    _cant_split(box.rows[0])
    cell = box.rows[0].cells[0]
    _cell_borders(cell, top=6, left=6, bottom=6, right=6)
    heading = cell.paragraphs[0]
    heading.add_run("Confirmarea băncii (opțional, dacă o cere casa de pensii)").bold = True
    heading.runs[0].font.size = Pt(11)
    # One row of blank lines, as in the PDF: the unit, the IBAN, the signature and stamp.
    blanks = cell.add_table(rows=1, cols=3)
    for blank, label, width in zip(
        blanks.rows[0].cells,
        ("Unitatea bancară", "IBAN", "Semnătura și ștampila băncii"),
        (50, 70, 50),
        strict=True,
    ):
        blank.width = Mm(width)
        line = blank.paragraphs[0]
        _small(line, label)
        line.paragraph_format.space_after = Pt(18)
        _cell_borders(blank, bottom=6)
    cell.add_paragraph().paragraph_format.space_after = Pt(0)


def build_life_certificate(path: Path) -> None:
    """documents/word/life_certificate.docx over documents.life_certificate.build_context.

    Mirrors templates/print/life_certificate.html: page 1 the certificate after the official model
    (the filling instruction; part A filled in, opening with the house it is addressed to; part B
    left blank for the authority, on dotted lines), page 2 the instructions in two columns. Every label is a pair:
    Romanian, then the chosen language, whose runs carry its language tag ({{ lang_tag }}) so that
    Word checks their spelling as Italian, German... and not as Romanian.
    """
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    document = _new_document(
        title="{{ t.title.ro }} / {{ t.title.tr }} – {{ full_name }}",
        footer_text="{{ t.title.ro }} / {{ t.title.tr }} – CNP {{ cnp }}",
    )
    width = CONTENT_WIDTH_MM

    def second_language(run):
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "{{ lang_tag }}")
        run._r.get_or_add_rPr().append(language)
        return run

    def both(paragraph, key: str, *, bold: bool = False, grey_translation: bool = False):
        """ "Romanian / translation" in one paragraph, the translation in its own run."""
        # None inherits the paragraph style's weight (a heading's bold).
        paragraph.add_run(f"{{{{ {key}.ro }}}}").bold = bold or None
        run = second_language(paragraph.add_run(f" / {{{{ {key}.tr }}}}"))
        run.bold = False if grey_translation else (bold or None)
        if grey_translation:
            run.font.color.rgb = GREY
        return paragraph

    def small_both(paragraph, key: str):
        both(paragraph, key)
        return _small(paragraph)

    def heading(key: str):
        both(document.add_paragraph(style="Heading 2"), key, grey_translation=True)

    def columns(key: str, *, space_mm: float = 1):
        """The same text in two columns, Romanian on the left."""
        table = _table(document, rows=1, widths_mm=(width / 2, width / 2), padding_mm=(0, 4))
        _cant_split(table.rows[0])
        left, right = table.rows[0].cells
        left.paragraphs[0].add_run(f"{{{{ {key}.ro }}}}")
        second_language(right.paragraphs[0].add_run(f"{{{{ {key}.tr }}}}"))
        for cell in (left, right):
            cell.paragraphs[0].paragraph_format.space_before = Pt(space_mm * 2.83)
        return table

    def spacer():
        # Two tables in a row would merge into one: a paragraph keeps them apart.
        paragraph = document.add_paragraph().paragraph_format
        paragraph.space_after, paragraph.line_spacing = Pt(0), Pt(4)

    def blank(cell, key: str):
        """A labelled dotted line to write on (the model: "numai liniile punctate")."""
        small_both(cell.paragraphs[0], key)
        _cell_borders(cell, bottom=6, style="dotted")

    def blanks(rows: list[list[tuple[str, float]]], widths_mm):
        table = _table(document, rows=len(rows), widths_mm=widths_mm, padding_mm=(0, 4))
        for row, items in zip(table.rows, rows, strict=True):
            _cant_split(row)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            row.height = Mm(max(height for _, height in items))
            if len(items) == 1 and len(widths_mm) > 1:
                row.cells[0].merge(row.cells[-1])
            for cell, (key, _) in zip(row.cells, items, strict=False):
                blank(cell, key)
        return table

    # --- Page 1: the certificate
    both(document.add_paragraph(style="Title"), "t.title", grey_translation=True)
    small_both(document.add_paragraph(), "t.legal_basis")
    # The model's filling instruction, in a box.
    rule = _table(document, rows=1, widths_mm=(width,), padding_mm=(2, 2))
    cell = rule.rows[0].cells[0]
    _cell_borders(cell, top=6, left=6, bottom=6, right=6)
    rule_text = cell.paragraphs[0]
    rule_text.paragraph_format.space_before = Pt(2)
    small_both(rule_text, "t.fill_rule")
    # Under the rule: it can also be sent back online, at the page's public address.
    document.add_paragraph("{%p if send_online %}")
    online = both(document.add_paragraph(), "send_online")
    online.add_run(": {{ online_url }}")
    online.paragraph_format.space_before = Pt(3)
    _small(online)
    document.add_paragraph("{%p endif %}")

    heading("t.part_a")
    small_both(document.add_paragraph(), "t.part_a_note")

    def answer_cell(cell, key: str, value: str | None):
        """A label and its value on a dotted line; None: the address lines, one paragraph each."""
        label = small_both(cell.paragraphs[0], key)
        label.paragraph_format.space_before = Pt(2)
        if value is None:
            # One paragraph per line of the address, as in the PDF.
            cell.add_paragraph("{%p for line in address_lines %}")
            line = cell.add_paragraph()
            line.add_run("{{ line }}")
            line.paragraph_format.space_after = Pt(0)
            cell.add_paragraph("{%p endfor %}")
        else:
            answer = cell.add_paragraph()
            answer.add_run(value)
            answer.paragraph_format.space_after = Pt(2)
        _cell_borders(cell, bottom=4, style="dotted")

    # Section 1 of the model: the house the certificate is addressed to (the PDF boxes it; here
    # its dotted lines are the cells' borders). What the data does not confirm says so, the line
    # left to fill in; the fax only where there is one.
    unconfirmed = "{{ t.unconfirmed.ro }} / {{ t.unconfirmed.tr }}"
    house_box = _table(document, rows=2, widths_mm=(width * 0.6, width * 0.4), padding_mm=(0, 6))
    house_box.rows[0].cells[0].merge(house_box.rows[0].cells[1])
    answer_cell(house_box.rows[0].cells[0], "t.addressee", "{{ house }}")
    address_cell, email_cell = house_box.rows[1].cells
    answer_cell(
        address_cell,
        "t.address",
        f"{{% if house_address %}}{{{{ house_address }}}}{{% else %}}{unconfirmed}{{% endif %}}",
    )
    answer_cell(
        email_cell,
        "t.email",
        f"{{% if house_email %}}{{{{ house_email }}}}{{% else %}}{unconfirmed}{{% endif %}}",
    )
    email_cell.add_paragraph("{%p if house_fax %}")
    small_both(email_cell.add_paragraph(), "t.fax")
    email_cell.add_paragraph("{{ house_fax }}").paragraph_format.space_after = Pt(2)
    email_cell.add_paragraph("{%p endif %}")
    for row in house_box.rows:
        _cant_split(row)
    spacer()

    answers = [
        [("t.name_label", "{{ full_name }}")],
        [("t.cnp", "{{ cnp }}"), ("t.birth_date", "{{ birth_date }}")],
        [
            ("t.pension_file", "{{ pension_file }}"),
            ("t.country", "{{ country.ro }} / {{ country.tr }}"),
        ],
        [("t.address", None)],
        [("t.phone", "{{ phone }}"), ("t.email", "{{ email }}")],
    ]
    table = _table(document, rows=len(answers), widths_mm=(width / 2, width / 2), padding_mm=(0, 6))
    for row, items in zip(table.rows, answers, strict=True):
        _cant_split(row)
        if len(items) == 1:
            row.cells[0].merge(row.cells[1])
        for cell, (key, value) in zip(row.cells, items, strict=False):
            answer_cell(cell, key, value)
    spacer()
    columns("t.declaration")
    spacer()
    signature = _table(document, rows=1, widths_mm=(width / 2, width / 2), padding_mm=(0, 4))
    row = signature.rows[0]
    _cant_split(row)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    row.height = Mm(12)
    blank(row.cells[1], "t.pensioner_signature")

    # Part B in a box, kept on the page with the heading.
    heading("t.part_b")
    small_both(document.add_paragraph(), "t.part_b_note")
    blanks([[("t.authority_name", 9)], [("t.authority_address", 15)]], (width / 2, width / 2))
    spacer()
    columns("t.statement")
    spacer()
    blanks([[("t.place", 9), ("t.date", 9)], [("t.id_document", 10)]], (width / 2, width / 2))
    spacer()
    stamp_table = _table(document, rows=1, widths_mm=(width / 2, width / 2), padding_mm=(0, 4))
    row = stamp_table.rows[0]
    _cant_split(row)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    row.height = Mm(30)
    signer, stamp = row.cells
    blank(signer, "t.signature")
    small_both(stamp.paragraphs[0], "t.stamp")
    _cell_borders(stamp, top=4, left=4, bottom=4, right=4, color="666666")

    # --- Page 2: the instructions
    instructions = document.add_paragraph(style="Heading 2")
    instructions.paragraph_format.page_break_before = True
    both(instructions, "t.instructions", grey_translation=True)
    table = _table(document, rows=1, widths_mm=(width / 2, width / 2), padding_mm=(0, 5))

    def instructions_column(cell, side: str):
        """One language's column: headings, paragraphs and {%p %} loops over bulleted items."""
        paragraphs = iter([cell.paragraphs[0]])

        def add(text: str, *, style: str | None = None, bold: bool = False):
            paragraph = next(paragraphs, None) or cell.add_paragraph()
            if style:
                paragraph.style = document.styles[style]
            run = paragraph.add_run(text)
            run.bold = bold or None
            if side == "tr":
                second_language(run)
            return paragraph

        def subheading(key: str):
            paragraph = add(f"{{{{ t.{key}.{side} }}}}", bold=True)
            paragraph.paragraph_format.space_before = Pt(6)
            paragraph.paragraph_format.keep_with_next = True

        def loop(items: str):
            add(f"{{%p for item in {items} %}}")
            add(f"{{{{ item.{side} }}}}", style="List Bullet")
            add("{%p endfor %}")

        subheading("who_title")
        add(f"{{{{ t.who_intro.{side} }}}}")
        loop("certifiers")
        subheading("send_title")
        add(f"{{{{ send_intro.{side} }}}}")
        loop("send_ways")
        for optional in ("send_lookup", "send_phone"):
            add(f"{{%p if {optional} %}}")
            add(f"{{{{ {optional}.{side} }}}}")
            add("{%p endif %}")
        subheading("when_title")
        add(f"{{{{ t.when_text.{side} }}}}")
        add(f"{{{{ next_deadlines.{side} }}}}", bold=True)
        subheading("new_title")
        add(f"{{{{ t.new_text.{side} }}}}")
        subheading("late_title")
        add(f"{{{{ t.late_text.{side} }}}}")

    for cell, side in zip(table.rows[0].cells, ("ro", "tr"), strict=True):
        instructions_column(cell, side)
    dates = document.add_paragraph()
    dates.paragraph_format.space_before = Pt(10)
    dates.add_run("{{ generated.ro }}")
    second_language(dates.add_run(" / {{ generated.tr }}"))
    _small(dates)

    _slim(document)
    _save_reproducibly(document, path)


if __name__ == "__main__":
    target = HERE / "account_request.docx"
    build_account_request(target)
    print(f"wrote {target.relative_to(HERE.parent.parent)}")
    target = HERE / "payment_request.docx"
    build_payment_request(target)
    print(f"wrote {target.relative_to(HERE.parent.parent)}")
    target = HERE / "payment_abroad.docx"
    build_payment_abroad(target)
    print(f"wrote {target.relative_to(HERE.parent.parent)}")
    target = HERE / "life_certificate.docx"
    build_life_certificate(target)
    print(f"wrote {target.relative_to(HERE.parent.parent)}")
