"""`flask career import FILE`: idempotent, all or nothing, updates a changed row (issue 11)."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.builders import CAREER_CNP, CAREER_CUI, career_csv, career_row, career_rows
from webapp import models
from webapp.career import importer
from webapp.career.queries import load_record

TABLES = (
    models.CareerRecord,
    models.CareerMonth,
    models.WorkBookEntry,
    models.CareerAssimilatedPeriod,
    models.CareerDecidedPoints,
)
OTHER_CNP = "1750611120023"


def run_import(app, tmp_path, text, name="cariera.csv", *extra):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return app.test_cli_runner().invoke(args=["career", "import", str(path), *extra])


def snapshot(app) -> dict:
    """Every row of the five career tables, every column."""
    session = app.extensions["db_sessionmaker"]()
    try:
        found = {}
        for model in TABLES:
            table = model.__table__
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            found[table.name] = [tuple(row) for row in rows]
        return found
    finally:
        session.close()


def test_the_command_imports_a_file_and_prints_a_romanian_summary(app, tmp_path):
    result = run_import(app, tmp_path, career_csv(career_rows()))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Fișier importat: 7 rânduri, 1 persoană.",
        "Persoane: adăugate 1, actualizate 0, neschimbate 0.",
        "Luni de contribuție: adăugate 2, actualizate 0, neschimbate 0.",
        "Perioade din carnetul de muncă: adăugate 2, actualizate 0, neschimbate 0.",
        "Perioade asimilate: adăugate 1, actualizate 0, neschimbate 0.",
        "Punctaje din decizii: adăugate 1, actualizate 0, neschimbate 0.",
    ]
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        record = load_record(session, CAREER_CNP)
        session.close()
    assert record.current_to == dt.date(2026, 10, 31)
    assert [m.month for m in record.monthly] == [dt.date(2001, 4, 1), dt.date(2024, 2, 1)]
    assert record.monthly[1].gross_income == Decimal("5120.50")
    assert [e.group for e in record.work_book] == ["", "II"]
    assert record.decided[0].points == Decimal("1.12345")


def test_a_second_import_of_the_same_file_changes_nothing(app, tmp_path):
    text = career_csv(career_rows() + career_rows(OTHER_CNP))
    assert run_import(app, tmp_path, text).exit_code == 0
    before = snapshot(app)
    again = run_import(app, tmp_path, text)
    assert again.exit_code == 0, again.output
    assert "Persoane: adăugate 0, actualizate 0, neschimbate 2." in again.output
    assert "Luni de contribuție: adăugate 0, actualizate 0, neschimbate 4." in again.output
    # Not even the import time moved.
    assert snapshot(app) == before


def test_a_changed_value_for_a_known_key_updates_that_row(app, tmp_path):
    assert run_import(app, tmp_path, career_csv(career_rows())).exit_code == 0
    before = snapshot(app)
    rows = career_rows()
    rows[4] = rows[4] | {"venit_brut": "6100", "conditii": "deosebite"}
    rows.append(career_row("luna", luna="2024-03", zile="31"))
    result = run_import(app, tmp_path, career_csv(rows))
    assert result.exit_code == 0, result.output
    assert "Luni de contribuție: adăugate 1, actualizate 1, neschimbate 1." in result.output
    assert "Persoane: adăugate 0, actualizate 1, neschimbate 0." in result.output
    after = snapshot(app)
    months = {row[2]: row for row in after["career_months"]}
    changed = months[dt.date(2024, 2, 1)]
    assert (Decimal(str(changed[6])), changed[7]) == (Decimal("6100"), "deosebite")
    # The same row, updated in place, not a second one for the key.
    assert changed[0] == next(r[0] for r in before["career_months"] if r[2] == dt.date(2024, 2, 1))
    assert len(after["career_months"]) == 3
    assert after["work_book_entries"] == before["work_book_entries"]


def test_a_bad_file_is_refused_whole_and_the_database_is_unchanged(app, tmp_path):
    assert run_import(app, tmp_path, career_csv(career_rows())).exit_code == 0
    before = snapshot(app)
    rows = [
        *career_rows(OTHER_CNP),
        career_row("actualizare"),
        career_row("luna", luna="2024-03", venit_brut="7000"),  # a good change for the first CNP
        career_row("luna", luna="2023-02", zile="29"),
        career_row("luna", luna="2023-04", venit_brut="-10"),
    ]
    result = run_import(app, tmp_path, career_csv(rows))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Fișierul a fost refuzat: 2 greșeli. Nu s-a scris nimic; corectați rândurile de mai jos "
        "și importați din nou tot fișierul.",
        "  Linia 11: luna 2023-02 are 28 de zile, nu 29 de zile asigurate.",
        "  Linia 12: venitul brut nu poate fi negativ (-10).",
    ]
    assert snapshot(app) == before


def test_a_failure_while_writing_leaves_nothing_half_loaded(app, tmp_path, monkeypatch):
    real_upsert, calls = importer._upsert, []

    def failing_upsert(*args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real_upsert(*args)

    monkeypatch.setattr(importer, "CHUNK", 1)
    monkeypatch.setattr(importer, "_upsert", failing_upsert)
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        parsed = importer.parse_file(career_csv(career_rows()), "csv", dt.date(2026, 11, 15))
        with pytest.raises(RuntimeError):
            importer.store(session, parsed, dt.datetime.now(dt.UTC))
        session.close()
    assert len(calls) == 3
    assert all(rows == [] for rows in snapshot(app).values())


def test_json_files_import_the_same_record(app, tmp_path):
    rows = career_rows()
    rows[4] = rows[4] | {"zile": 29, "venit_brut": 5120.5}
    result = run_import(app, tmp_path, json.dumps(rows, ensure_ascii=False), "cariera.json")
    assert result.exit_code == 0, result.output
    again = run_import(app, tmp_path, career_csv(career_rows()))
    assert "Luni de contribuție: adăugate 0, actualizate 0, neschimbate 2." in again.output
    refused = run_import(app, tmp_path, "[1]", "x.txt", "--format", "json")
    assert refused.exit_code == 1
    assert "Rândul 1: nu este un obiect JSON" in refused.output


def test_the_demo_rows_go_through_the_same_importer(app):
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        summary = importer.import_rows_of(session, career_rows())
        with pytest.raises(importer.ImportRefused) as refused:
            importer.import_rows_of(session, [career_row("luna", cui_angajator="1")])
        session.close()
    assert summary.kinds["luna"].added == 2
    assert next(str(e) for e in refused.value.errors).startswith("Rândul 1: CUI-ul angajatorului")
    assert CAREER_CUI in {row[3] for row in snapshot(app)["career_months"]}


def corrected_start() -> list[dict]:
    """The record with its first work-book period's start corrected (a new key, 1984-10-01)."""
    rows = career_rows()
    rows[1] = rows[1] | {"de_la": "1984-10-01"}
    return rows


def test_a_work_book_period_overlapping_a_stored_one_is_refused_and_nothing_changes(app, tmp_path):
    assert run_import(app, tmp_path, career_csv(career_rows())).exit_code == 0
    before = snapshot(app)
    result = run_import(app, tmp_path, career_csv(corrected_start()))
    assert result.exit_code == 1
    assert "Fișierul a fost refuzat: 1 greșeală. Nu s-a scris nimic" in result.output
    assert (
        f"CNP-ul {CAREER_CNP}: perioada din carnet 01.10.1984 – 30.06.1995 (Fabrica de Confecții "
        "Cluj) se suprapune cu una deja înregistrată, 01.09.1984 – 30.06.1995"
    ) in result.output
    assert "--replace" in result.output
    assert snapshot(app) == before


def test_replace_makes_the_file_the_whole_record_of_its_people(app, tmp_path):
    text = career_csv(career_rows() + career_rows(OTHER_CNP))
    assert run_import(app, tmp_path, text).exit_code == 0
    rows = corrected_start()
    del rows[4]  # the 2024-02 month is no longer in the register's export
    result = run_import(app, tmp_path, career_csv(rows), "cariera.csv", "--replace")
    assert result.exit_code == 0, result.output
    assert (
        "Perioade din carnetul de muncă: adăugate 1, actualizate 0, neschimbate 1, șterse 1."
        in (result.output)
    )
    assert "Luni de contribuție: adăugate 0, actualizate 0, neschimbate 1, șterse 1." in (
        result.output
    )
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        mine, other = load_record(session, CAREER_CNP), load_record(session, OTHER_CNP)
        session.close()
    assert [e.start for e in mine.work_book] == [dt.date(1984, 10, 1), dt.date(1995, 7, 1)]
    assert [m.month for m in mine.monthly] == [dt.date(2001, 4, 1)]
    # A person the file does not hold keeps every row.
    assert len(other.monthly) == 2 and len(other.work_book) == 2
    again = run_import(app, tmp_path, career_csv(rows), "cariera.csv", "--replace")
    assert "șterse" not in again.output and "adăugate 0, actualizate 0" in again.output
