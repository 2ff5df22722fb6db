"""The career report as PDF (tagged, A4, numbered pages, identity, dates, number, code, QR of
the verification address) and as CSV of the same rows."""

import csv
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from documents import career_report, rendering
from domain.career import reports
from tests.builders import career_record_for_reports
from tests.documents.document_text import A4_POINTS, CEDILLA, page_texts, pdf_text

TODAY = dt.date(2026, 12, 2)
CODE = "K7QD-M2XP-9HTA-CW4R-ZB6N"
URL = f"https://portal-pensii.ro/verificare?cod={CODE}"


def context(kind: str) -> dict:
    record = career_record_for_reports()
    return career_report.build_context(
        reports.report_table(kind, record, today=TODAY),
        name="Țărănescu Ana-Maria Ștefania",
        cnp=record.cnp,
        number="RC-2026-000123",
        code=CODE,
        verify_url=URL,
        today=TODAY,
        current_to=record.current_to,
    )


@pytest.fixture(scope="module")
def monthly_pdf() -> bytes:
    return career_report.render_pdf(context(reports.MONTHLY))


def test_the_pdf_is_a4_with_numbered_pages(monthly_pdf):
    reader = PdfReader(io.BytesIO(monthly_pdf))
    assert len(reader.pages) > 3
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(
            A4_POINTS, abs=0.5
        )
    texts = page_texts(monthly_pdf)
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Pagina {number} din {total}" in text
        # Every page's foot names the report and its code, for a loose sheet.
        assert f"Raport RC-2026-000123 · cod de verificare {CODE}" in text


def test_the_pdf_is_tagged_for_screen_readers(monthly_pdf):
    catalog = PdfReader(io.BytesIO(monthly_pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "ro"


def test_the_pdf_carries_identity_dates_number_code_and_diacritics(monthly_pdf):
    text = pdf_text(monthly_pdf)
    for expected in (
        "Stagiul de cotizare lunar, din aprilie 2001",
        "Țărănescu Ana-Maria Ștefania",
        "2580514123457",
        "Raportul nr. RC-2026-000123, generat la 02.12.2026",
        "Date actualizate la 31.12.2025",
        f"Cod de verificare: {CODE}",
        "Șantierul Naval Țărmure SA",
        "nicio contribuție declarată",
        URL,
    ):
        assert expected in text, expected
    assert not CEDILLA.search(text)


def test_the_qr_code_is_the_verification_address():
    ctx = context(reports.WORK_BOOK)
    expected, _ = rendering.qr_code(URL, title="Codul de verificare al raportului RC-2026-000123")
    assert ctx["qr_svg"] == expected
    html = career_report.render_html(ctx, static_url=None)
    assert str(expected) in html


def test_the_points_report_names_divisors_and_articles():
    text = pdf_text(career_report.render_pdf(context(reports.POINTS)))
    assert "Punctajul pe ani, cu împărțitorii folosiți" in text
    assert "salariul mediu net 1985" in text
    assert "art. 85 alin. (2), (11)" in text
    assert "Decizia 4567/2002" in text and "decizia Decizia" not in text


def test_the_csv_has_the_same_rows_as_the_pdf():
    ctx = context(reports.MONTHLY)
    data = career_report.render_csv(ctx)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == ctx["columns"]
    assert [tuple(row) for row in rows[1:]] == list(ctx["rows"])
    assert "nicio contribuție declarată" in data.decode("utf-8")


def test_the_work_book_csv_has_the_assimilated_periods_after_a_blank_line():
    ctx = context(reports.WORK_BOOK)
    rows = list(
        csv.reader(io.StringIO(career_report.render_csv(ctx).decode("utf-8-sig")), delimiter=";")
    )
    blank = rows.index([])
    assert rows[blank + 1] == ["Perioade asimilate stagiului de cotizare"]
    assert [tuple(row) for row in rows[blank + 3 :]] == list(ctx["extra_rows"])


def test_filename():
    assert (
        career_report.filename(context(reports.ANNUAL), "pdf")
        == "raport-cariera-RC-2026-000123.pdf"
    )


def test_the_points_report_prints_the_ins_monthly_divisors_under_their_year():
    ctx = context(reports.POINTS)
    assert ctx["details"]
    text = pdf_text(career_report.render_pdf(ctx))
    assert "Împărțitorii lunari (INS): 2019-01: 4.837 lei" in text.replace("\n", " ")
    data = career_report.render_csv(ctx).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    assert rows[0][-1] == "Detalii" and len(rows) == len(ctx["rows"]) + 1
    by_year = {row[0]: row for row in rows[1:]}
    assert by_year["2019"][-1].startswith("Împărțitorii lunari (INS): 2019-01")
    assert by_year["1985"][-1] == ""
