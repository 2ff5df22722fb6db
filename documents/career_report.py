"""A career report (domain.career.reports) as a PDF and a CSV of the same rows.

The PDF is tagged (documents.rendering.PDF_VARIANT), A4, numbered "Pagina 1 din 15" by the print
stylesheet, and carries the person's identity, the day it was made, the day the record is
current to, the report's number and its verification code, with a QR code of the public
verification address (/verificare?cod=…) so that whoever is handed the printout can check it
without signing in. Made by the worker (webapp/reports/service.py), never in a web request.
"""

import csv
import datetime as dt
import io

from documents import rendering
from documents.text import display_date, display_text
from domain.career import reports
from domain.career.reports import ReportTable

TEMPLATE = "print/career_report.html"
STYLESHEET = "css/print.css"
# Column widths (per cent) of each report's table, in the order of its columns.
WIDTHS = {
    reports.MONTHLY: (14, 42, 7, 15, 11, 11),
    reports.ANNUAL: (8, 12, 10, 20, 22, 14, 14),
    reports.WORK_BOOK: (24, 10, 10, 18, 20, 9, 9),
    reports.POINTS: (6, 6, 12, 9, 26, 21, 9, 11),
}


def build_context(
    table: ReportTable,
    *,
    name: str,
    cnp: str,
    number: str,
    code: str,
    verify_url: str,
    today: dt.date,
    current_to: dt.date | None,
) -> dict:
    qr_svg, _ = rendering.qr_code(verify_url, title=f"Codul de verificare al raportului {number}")
    return {
        "kind": table.kind,
        "title": table.title,
        "columns": table.columns,
        "widths": WIDTHS[table.kind],
        "rows": table.rows,
        "gaps": table.gaps,
        "details": table.details,
        "totals": table.totals,
        "notes": table.notes,
        "extra_title": table.extra_title,
        "extra_columns": table.extra_columns,
        "extra_rows": table.extra_rows,
        "person_name": display_text(name),
        "cnp": display_text(cnp),
        "number": number,
        "code": code,
        "verify_url": verify_url,
        "qr_svg": qr_svg,
        "generated_on": display_date(today),
        "current_to": display_date(current_to) if current_to else "necunoscută",
    }


def render_html(context: dict, *, static_url: str | None = "/static/") -> str:
    return rendering.render_template(TEMPLATE, static_url=static_url, links=(), **context)


def render_pdf(context: dict) -> bytes:
    html = render_html(context, static_url=None)
    # WeasyPrint makes a few hundred thousand objects for a 300-row table, and the cyclic
    # garbage collector's passes over them were a third of the render (bench_career_report.py):
    # html_to_pdf pauses it for the render.
    return rendering.html_to_pdf(html, stylesheet=STYLESHEET)


def render_csv(context: dict) -> bytes:
    """The same rows as the PDF, with `;` between fields (what a Romanian spreadsheet expects
    with decimal commas) and a byte-order mark so that Excel reads the diacritics as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    details = context["details"]
    if details:
        # The line the PDF prints under a row is the row's last field here.
        writer.writerow((*context["columns"], "Detalii"))
        writer.writerows((*row, details.get(i, "")) for i, row in enumerate(context["rows"]))
    else:
        writer.writerow(context["columns"])
        writer.writerows(context["rows"])
    if context["extra_rows"]:
        writer.writerow(())
        writer.writerow((context["extra_title"],))
        writer.writerow(context["extra_columns"])
        writer.writerows(context["extra_rows"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def filename(context: dict, extension: str) -> str:
    return f"raport-cariera-{context['number']}.{extension}"
