"""The career import format: every row validated before anything is written, every bad line
named with what is wrong (issue 11, "The record")."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from domain.career import import_rows
from domain.career.record import MonthlyContribution, WorkBookEntry
from tests.builders import CAREER_CNP, CAREER_CUI, career_csv, career_row, career_rows

TODAY = dt.date(2026, 11, 15)


def parse(rows, today=TODAY):
    return import_rows.parse_csv(career_csv(rows), today)


def messages(rows, today=TODAY) -> list[str]:
    parsed = parse(rows, today)
    assert not parsed.records
    return [str(error) for error in parsed.errors]


def test_a_valid_file_gives_one_record_per_cnp_with_every_kind_of_row():
    parsed = parse(career_rows())
    assert parsed.valid and parsed.rows == 7
    record = parsed.records[CAREER_CNP]
    assert record.current_to == dt.date(2026, 10, 31)
    assert record.monthly[1] == MonthlyContribution(
        month=dt.date(2024, 2, 1),
        employer_cui=CAREER_CUI,
        employer_name="Tricotaje Someșul SRL",
        days=29,
        gross_income=Decimal("5120.50"),
        conditions="normale",
        pillar2=False,
    )
    assert record.work_book[1] == WorkBookEntry(
        employer="Tricotaje Someșul",
        start=dt.date(1995, 7, 1),
        end=dt.date(2001, 3, 31),
        function="șef de echipă",
        salary=Decimal("1850000.00"),
        salary_kind="brut",
        group="II",
        pay_unit="luna",
        hours_or_days=None,
    )
    assert record.assimilated[0].kind == "studii_universitare"
    assert record.decided[0].points == Decimal("1.12345")


def test_json_holds_the_same_rows_as_objects_with_numbers_read_exactly():
    assert import_rows.parse_json(json.dumps(career_rows()), TODAY).records == (
        parse(career_rows()).records
    )
    rows = career_rows()
    rows[4] = rows[4] | {"zile": 29, "venit_brut": 5120.5, "pilon2": True}
    rows[6] = rows[6] | {"an": 1990, "puncte": 1.12345}
    parsed = import_rows.parse_json(json.dumps(rows), TODAY)
    assert parsed.valid
    record = parsed.records[CAREER_CNP]
    assert record.monthly[1].gross_income == Decimal("5120.50")
    assert record.monthly[1].pillar2 is True
    assert record.decided[0].points == Decimal("1.12345")


def test_json_errors_name_the_row_by_its_position():
    rows = [*career_rows(), career_row("luna", zile="31", luna="2024-04")]
    parsed = import_rows.parse_json(json.dumps(rows), TODAY)
    assert [str(e) for e in parsed.errors] == [
        "Rândul 8: luna 2024-04 are 30 de zile, nu 31 de zile asigurate."
    ]
    assert (
        import_rows.parse_json("{", TODAY)
        .errors[0]
        .message.startswith("fișierul nu este JSON valid")
    )
    assert "listă JSON" in str(import_rows.parse_json('{"a": 1}', TODAY).errors[0])
    unknown = import_rows.parse_json(json.dumps([career_row("actualizare") | {"venit": 1}]), TODAY)
    assert "coloane necunoscute: „venit”" in str(unknown.errors[0])


def test_semicolons_a_byte_order_mark_and_decimal_commas_are_read():
    rows = career_rows()
    rows[4] = rows[4] | {"venit_brut": "5120,50"}
    parsed = import_rows.parse_csv("\ufeff" + career_csv(rows, delimiter=";"), TODAY)
    assert parsed.valid
    assert parsed.records[CAREER_CNP].monthly[1].gross_income == Decimal("5120.50")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            career_row("luna", luna="2023-02", zile="30"),
            "Linia 9: luna 2023-02 are 28 de zile, nu 30 de zile asigurate.",
        ),
        (
            career_row("luna", luna="2024-02", zile="30"),
            "Linia 9: luna 2024-02 are 29 de zile, nu 30 de zile asigurate.",
        ),
        (
            career_row("luna", luna="2024-03", venit_brut="-1200"),
            "Linia 9: venitul brut nu poate fi negativ (-1200).",
        ),
        (
            career_row("luna", luna="2024-03", venit_brut="4.500,50"),
            "Linia 9: venitul brut „4.500,50” nu este un număr: scrieți cifre, fără separator de "
            "mii, cu punct sau virgulă pentru zecimale, de exemplu 4500.50 (coloana venit_brut).",
        ),
        (
            career_row("luna", luna="2024-03", venit_brut="100.505"),
            "Linia 9: venitul brut „100.505” are mai mult de 2 zecimale.",
        ),
        (
            career_row("luna", luna="2024-03", zile="douăzeci"),
            "Linia 9: numărul de zile asigurate „douăzeci” nu este un număr întreg (coloana zile).",
        ),
        (
            career_row("luna", cnp="2650823120018", luna="2024-03"),
            "Linia 9: CNP-ul 2650823120018 nu este valid: cifra de control sau data nașterii nu "
            "se potrivesc.",
        ),
        (
            career_row("luna", luna="2001-03"),
            "Linia 9: luna 2001-03 este înainte de aprilie 2001: declarațiile lunare încep în "
            "aprilie 2001, iar perioadele dinainte se trec din carnetul de muncă (rânduri de tip "
            "carnet).",
        ),
        (career_row("luna", luna="2026-12"), "Linia 9: luna 2026-12 este în viitor."),
        (
            career_row("luna", luna="2024-13"),
            "Linia 9: luna „2024-13” nu este de forma AAAA-LL, de exemplu 2021-02.",
        ),
        (
            career_row("luna", luna="2024-03", conditii="grele"),
            "Linia 9: condițiile de muncă: valoarea „grele” nu este în listă (coloana conditii); "
            "se scrie „normale”, „deosebite” sau „speciale”.",
        ),
        (
            career_row("luna", luna="2024-03", cui_angajator="12345675"),
            "Linia 9: CUI-ul angajatorului „12345675” nu este valid.",
        ),
        (
            career_row("carnet", de_la="2000-01-01", pana_la="2001-04-30", angajator="Alt SRL"),
            "Linia 9: carnetul de muncă acoperă perioadele până la 31.03.2001, iar acest rând ține "
            "până la 30.04.2001; de la 1 aprilie 2001 stagiul vine din declarațiile lunare "
            "(rânduri de tip luna).",
        ),
        (
            career_row("carnet", angajator="Alt SRL", de_la="1983-05-01", pana_la="1983-01-31"),
            "Linia 9: perioada se termină (31.01.1983) înainte să înceapă (01.05.1983).",
        ),
        (
            career_row(
                "carnet", angajator="Alt SRL", de_la="1983-01-01", pana_la="1983-03-31", grupa="III"
            ),
            "Linia 9: grupa de muncă: valoarea „III” nu este în listă (coloana grupa); se scrie "
            "„I” sau „II” sau gol.",
        ),
        (
            career_row("carnet", angajator="Alt SRL", de_la="1960-01-01", pana_la="1966-03-31"),
            "Linia 9: perioada începe (01.01.1960) înainte de nașterea persoanei (23.08.1965).",
        ),
        (
            career_row("asimilat", de_la="2026-06-01", pana_la="2027-06-30", fel="somaj"),
            "Linia 9: sfârșitul perioadei 30.06.2027 este în viitor.",
        ),
        (
            career_row("asimilat", fel="concediu"),
            "Linia 9: felul perioadei asimilate: valoarea „concediu” nu este în listă (coloana "
            "fel); se scrie „serviciu_militar”, „studii_universitare”, „crestere_copil”, "
            "„concediu_medical” sau „somaj”.",
        ),
        (
            career_row("punctaj", an="1991", puncte="1,2x"),
            "Linia 9: punctajul „1,2x” nu este un număr: scrieți cifre, fără separator de mii, cu "
            "punct sau virgulă pentru zecimale, de exemplu 4500.50 (coloana puncte).",
        ),
        (
            {"tip": "salariu", "cnp": CAREER_CNP},
            "Linia 9: tipul de rând „salariu” nu este cunoscut; se scrie „actualizare”, „luna”, "
            "„carnet”, „asimilat” sau „punctaj” (coloana tip).",
        ),
    ],
)
def test_each_bad_row_is_named_with_what_is_wrong(row, message):
    rows = career_rows()
    rows.append(row)
    assert messages(rows) == [message]


def test_a_duplicate_key_within_the_file_names_both_lines():
    rows = [*career_rows(), career_row("luna", venit_brut="6000")]
    assert messages(rows) == [
        "Linia 9: repetă linia 6 (același CNP, aceeași lună și același CUI al angajatorului)."
    ]
    twice_updated = [*career_rows(), career_row("actualizare", date_actualizate_la="2026-09-30")]
    assert messages(twice_updated) == [
        "Linia 9: repetă linia 2 (un singur rând de tip actualizare pentru fiecare CNP)."
    ]


def test_overlapping_work_book_periods_of_one_person_are_refused():
    rows = [
        *career_rows(),
        career_row(
            "carnet", angajator="Cooperativa Progresul", de_la="1990-01-01", pana_la="1990-12-31"
        ),
    ]
    assert messages(rows) == [
        "Linia 9: perioada din carnet 01.01.1990 – 31.12.1990 se suprapune cu cea de la linia 3 "
        "(01.09.1984 – 30.06.1995, Fabrica de Confecții Cluj)."
    ]
    # Another person's book may cover the same years.
    other = "1750611120023"
    assert parse(career_rows() + career_rows(other)).valid


def test_every_cnp_needs_its_update_date_and_no_month_after_it():
    rows = [row for row in career_rows() if row["tip"] != "actualizare"]
    assert messages(rows)[0] == (
        "Linia 2: CNP-ul 2650823120019 nu are rândul de tip actualizare cu date_actualizate_la "
        "(data la care sunt actualizate datele lui)."
    )
    late = [*career_rows(), career_row("luna", luna="2026-11")]
    assert messages(late) == [
        "Linia 9: luna 2026-11 este după data actualizării datelor (31.10.2026, linia 2)."
    ]


def test_every_bad_line_is_reported_not_only_the_first():
    rows = [
        *career_rows(),
        career_row("luna", luna="2023-02", zile="31"),
        career_row("luna", luna="2023-03", venit_brut="-1"),
        career_row("punctaj", an="2030"),
    ]
    found = messages(rows)
    assert [text.split(":")[0] for text in found] == ["Linia 9", "Linia 10", "Linia 11"]
    assert found[2] == "Linia 11: anul este 2030; cel mult 2026."


def test_a_header_with_unknown_or_missing_columns_is_refused():
    text = career_csv(career_rows()).replace("venit_brut", "venit", 1)
    assert [str(e) for e in import_rows.parse_csv(text, TODAY).errors] == [
        "Linia 1: coloane necunoscute: „venit”. Numele coloanelor sunt cele din README "
        "(„Formatul de import al carierei”)."
    ]
    no_cnp = "tip,luna\nluna,2024-01\n"
    assert str(import_rows.parse_csv(no_cnp, TODAY).errors[0]) == (
        "Linia 1: antetul nu are coloana cnp."
    )
    assert "fișierul este gol" in str(import_rows.parse_csv("", TODAY).errors[0])


def test_a_short_line_and_a_column_of_another_kind_are_named():
    text = career_csv(career_rows()) + "luna,2650823120019,\n"
    parsed = import_rows.parse_csv(text, TODAY)
    assert str(parsed.errors[0]) == "Linia 9: are 3 valori, iar antetul 23 de coloane."
    rows = [*career_rows(), career_row("punctaj", an="1991", luna="2024-01")]
    assert messages(rows) == [
        "Linia 9: un rând de tip punctaj nu completează luna: lăsați aceste coloane goale sau "
        "alegeți alt tip."
    ]


def test_pay_by_the_day_needs_the_days():
    rows = [
        *career_rows(),
        career_row(
            "carnet",
            angajator="Alt SRL",
            de_la="1983-01-01",
            pana_la="1983-03-31",
            unitate_plata="zi",
        ),
    ]
    assert messages(rows) == [
        "Linia 9: lipsește numărul de ore sau de zile lucrate (coloana ore_sau_zile)."
    ]
    rows[-1]["ore_sau_zile"] = "22"
    assert parse(rows).records[CAREER_CNP].work_book[-1].hours_or_days == 22


def test_the_code_lists_label_every_condition_and_assimilated_kind_of_the_record():
    from domain import codes
    from domain.career import record, summary

    assert tuple(codes.CONDITION_LABELS) == record.CONDITIONS
    assert tuple(summary.ASSIMILATED_LABELS) == record.ASSIMILATED_KINDS
    assert set(import_rows.KIND_COLUMNS) == set(import_rows.KINDS)
    used = {name for names in import_rows.KIND_COLUMNS.values() for name in names}
    assert used | {"tip", "cnp"} == set(import_rows.COLUMNS)


def test_the_readme_examples_are_valid_files():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Career record import format", 1)[1]
    csv_text = re.search(r"```csv\n(.*?)```", section, re.S).group(1)
    json_text = re.search(r"```json\n(.*?)```", section, re.S).group(1)
    assert import_rows.parse_csv(csv_text, TODAY).rows == 7
    assert import_rows.parse_csv(csv_text, TODAY).valid
    assert import_rows.parse_json(json_text, TODAY).valid
