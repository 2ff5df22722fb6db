"""Benchmark of the online-account printout: median time to build the PDF and the Word file.

    .venv/bin/python bench/bench_documents.py [--runs 30] [--untagged]

Budgets (issue 2): PDF <= 150 ms median and <= 30 KB; DOCX <= 40 ms median. Each case renders
once to warm up (fonts, parsed stylesheet, compiled templates), as a running server would have;
then PDF and DOCX builds alternate, so that a burst of load on the machine hits both alike.
Time is wall-clock, from the context to the bytes; building the context itself is not counted.
The PDF's CPU time (time.process_time) is shown beside it: it moves less when the machine is busy
with something else. Both are medians; the collector's occasional big passes are in the means
(bench_gc_render.py shows them).
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from documents import account_request, rendering

PDF_MS, PDF_BYTES, DOCX_MS = 150, 30_000, 40
CASES = (0, 1, 3, 20)  # persons administered; 20 is the form's maximum


def request_data(persons: int) -> dict:
    rows = []
    for number in range(1, persons + 1):
        if number % 2:
            rows.append(
                {
                    "kind": "natural",
                    "last_name": "Țărănescu",
                    "first_name": f"Ștefania-Ioana {number}",
                    "cnp": "2950101123457",
                    "legal_basis": "procura",
                    "document_number": f"{1200 + number}/2025",
                    "document_date": dt.date(2025, 3, 14),
                }
            )
        else:
            rows.append(
                {
                    "kind": "legal",
                    "name": f"Asociația Pensionarilor Șoimii {number}",
                    "cui": "18547290",
                    "role": "imputernicit",
                    "document_number": f"D-{40 + number}",
                    "document_date": dt.date(2024, 11, 2),
                }
            )
    return {
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
        "staircase": "",
        "floor": "3",
        "apartment": "12",
        "postal_code": "400363",
        "phone": "0722 123 456",
        "email": "ana.popescu@example.ro",
        "office_code": "CJ",
        "persons": rows,
    }


def measure(persons: int, runs: int) -> dict:
    context = account_request.build_context(request_data(persons), today=dt.date.today())
    pdf, docx = account_request._OUTPUTS._pdf(context), account_request._OUTPUTS._docx(context)
    pdf_times, pdf_cpu, docx_times = [], [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        pdf = account_request._OUTPUTS._pdf(context)
        pdf_times.append(time.perf_counter() - start)
        pdf_cpu.append(time.process_time() - cpu)
        start = time.perf_counter()
        docx = account_request._OUTPUTS._docx(context)
        docx_times.append(time.perf_counter() - start)
    return {
        "persons": persons,
        "pdf_ms": statistics.median(pdf_times) * 1000,
        "pdf_cpu_ms": statistics.median(pdf_cpu) * 1000,
        "pdf_bytes": len(pdf),
        "docx_ms": statistics.median(docx_times) * 1000,
        "docx_bytes": len(docx),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--untagged", action="store_true", help="plain PDF instead of PDF/UA, to see what tags cost"
    )
    arguments = parser.parse_args()
    if arguments.untagged:
        rendering.PDF_VARIANT = None

    print(
        f"{arguments.runs} runs per case, PDF variant {rendering.PDF_VARIANT or 'plain'}, "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    print(f"fonts: {', '.join(Path(file).name for file in rendering.font_files()) or 'unknown'}")
    print("persons | PDF median | PDF CPU | PDF size | DOCX median | DOCX size")
    print("------: | ---------: | ------: | -------: | ----------: | --------:")
    over = []
    for persons in CASES:
        row = measure(persons, arguments.runs)
        print(
            f"{persons:7} | {row['pdf_ms']:7.1f} ms | {row['pdf_cpu_ms']:5.1f} ms"
            f" | {row['pdf_bytes'] / 1000:5.1f} kB"
            f" | {row['docx_ms']:8.1f} ms | {row['docx_bytes'] / 1000:6.1f} kB"
        )
        if row["pdf_ms"] > PDF_MS or row["pdf_bytes"] > PDF_BYTES or row["docx_ms"] > DOCX_MS:
            over.append(persons)
    print(f"budgets: PDF <= {PDF_MS} ms and <= {PDF_BYTES / 1000:.0f} kB, DOCX <= {DOCX_MS} ms")
    if over:
        print(f"over budget with {', '.join(map(str, over))} persons")
    # Informative, not a test: the exit status does not depend on the machine's speed.
    return 0


if __name__ == "__main__":
    sys.exit(main())
