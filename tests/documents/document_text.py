"""Reading the text back out of our PDFs and Word files, for the document tests."""

import io
import re

from docx import Document
from pypdf import PdfReader

CEDILLA = re.compile("[\u015f\u0163\u015e\u0162]")
A4_POINTS = (595.28, 841.89)


def normalised(text: str) -> str:
    # A value may wrap inside its box: a line break in the extracted text stands for a space.
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    # A line may also break after the hyphen of a compound such as "Cluj-Napoca", or after a
    # slash inside an address such as "https://portal.cnpp.ro/..." (never after " / ").
    return [
        normalised(re.sub(r"(?<=-)\n|(?<=\S/)\n", "", page.extract_text()))
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def pdf_text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def docx_text(docx: bytes) -> str:
    document = Document(io.BytesIO(docx))
    chunks = _block_text(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            chunks += _block_text(part)
    return normalised(" ".join(chunks))


def _block_text(container) -> list[str]:
    chunks = [paragraph.text for paragraph in container.paragraphs]
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                chunks += _block_text(cell)
    return chunks
