"""The rows of the four career reports, from a record."""

import datetime as dt
from decimal import Decimal

import pytest

from domain import ro
from domain.career import record as career
from domain.career import reports
from domain.career.summary import summarise
from domain.pension.scores import ScoreRules, annual_scores
from domain.pension.tables import law_in_force
from tests.builders import career_record_for_reports

TODAY = dt.date(2026, 12, 2)
PERSON = {"birth_date": dt.date(1958, 5, 14), "sex": "F"}


def record(**parts) -> career.CareerRecord:
    return career.CareerRecord(
        cnp="2580514123457", current_to=parts.pop("current_to", None), **parts
    )


def month(day: dt.date, income="3000", **overrides) -> career.MonthlyContribution:
    values = {
        "month": day,
        "employer_cui": "18547290",
        "employer_name": "Șantierul Naval Țărmure SA",
        "days": 21,
        "gross_income": Decimal(income),
    }
    return career.MonthlyContribution(**(values | overrides))


def book(start, end, salary="3000", **overrides) -> career.WorkBookEntry:
    values = {
        "employer": "Fabrica de Pâine Cluj",
        "start": start,
        "end": end,
        "function": "brutar",
        "salary": Decimal(salary),
    }
    return career.WorkBookEntry(**(values | overrides))


# --- monthly stages ---------------------------------------------------------------------------


def test_monthly_rows_run_from_april_2001_to_the_day_the_record_is_current_to_with_gaps_named():
    table = reports.report_table(
        reports.MONTHLY,
        record(
            current_to=dt.date(2001, 8, 15),
            monthly=(
                month(dt.date(2001, 4, 1)),
                month(dt.date(2001, 6, 1), employer_cui="111", employer_name="Alt SRL"),
                month(dt.date(2001, 6, 1), days=10, pillar2=True, conditions="deosebite"),
            ),
        ),
        today=TODAY,
    )
    assert [row[0] for row in table.rows] == [
        "aprilie 2001",
        "mai 2001",
        "iunie 2001",
        "iunie 2001",
        "iulie 2001",
        "august 2001",
    ]
    assert table.rows[1][1] == reports.NO_CONTRIBUTION
    assert table.gaps == {1, 4, 5}
    # Two employers in June, each on its row, in CUI order.
    assert table.rows[2][1] == "Alt SRL (CUI 111)"
    assert table.rows[3] == (
        "iunie 2001",
        "Șantierul Naval Țărmure SA (CUI 18547290)",
        "10",
        "3.000,00",
        "deosebite",
        "da",
    )
    assert dict(table.totals) == {
        "Luni cu contribuții": "2",
        "Luni fără contribuții declarate": "3",
        "Zile de stagiu declarate": "52",
    }


def test_a_record_without_monthly_rows_says_so():
    table = reports.report_table(reports.MONTHLY, record(current_to=TODAY), today=TODAY)
    assert table.rows == ()
    assert table.notes == ("Nu există declarații lunare în evidență.",)


def test_the_45_year_record_has_its_six_missing_months_of_2013_as_gaps():
    table = reports.report_table(reports.MONTHLY, career_record_for_reports(), today=TODAY)
    gap_months = [table.rows[i][0] for i in sorted(table.gaps)]
    assert gap_months == [
        f"{name} 2013" for name in ("februarie", "martie", "aprilie", "mai", "iunie", "iulie")
    ]
    assert table.rows[-1][0] == "decembrie 2025"


# --- annual stages ----------------------------------------------------------------------------


def test_annual_rows_are_the_summary_s_years_with_assimilated_days_apart():
    one = record(
        monthly=(month(dt.date(2001, 4, 1), "1000"), month(dt.date(2001, 5, 1), "1500.50")),
        work_book=(book(dt.date(1999, 12, 1), dt.date(2001, 3, 31)),),
        assimilated=(
            career.AssimilatedPeriod(
                "serviciu_militar", dt.date(1998, 1, 1), dt.date(1998, 1, 10), "Livret militar"
            ),
        ),
    )
    table = reports.report_table(reports.ANNUAL, one, today=TODAY, **PERSON)
    lines = {line.year: line for line in summarise(one, today=TODAY, **PERSON).years}
    rows = {row[0]: row for row in table.rows}
    assert list(rows) == ["1998", "1999", "2000", "2001"]
    assert rows["1998"][1:] == ("—", "—", "—", "—", "—", "10")  # before the record: no year line
    assert rows["1999"][1:5] == ("31", "1", "3.000,00 lei vechi", "carnet de muncă")
    assert rows["2000"][1] == "366"  # a leap year
    # 2001: three work-book months and two declared ones, as the career page counts them.
    assert rows["2001"][1] == str(lines[2001].days) == str(31 + 28 + 31 + 21 + 21)
    assert rows["2001"][4] == "carnet de muncă și declarații lunare"
    assert dict(table.totals)["Zile în perioade asimilate"] == "10"


def test_a_year_with_nothing_declared_is_a_gap_in_the_annual_report():
    table = reports.report_table(
        reports.ANNUAL,
        record(monthly=(month(dt.date(2003, 1, 1)), month(dt.date(2005, 1, 1)))),
        today=TODAY,
        **PERSON,
    )
    assert [row[0] for row in table.rows] == ["2003", "2004", "2005"]
    assert table.gaps == {1}
    assert table.rows[1][1] == reports.NO_CONTRIBUTION


# --- work book --------------------------------------------------------------------------------


def test_work_book_rows_and_the_assimilated_periods():
    table = reports.report_table(
        reports.WORK_BOOK,
        record(
            work_book=(
                book(
                    dt.date(1984, 9, 1),
                    dt.date(1990, 6, 30),
                    "2350",
                    salary_kind="net",
                    group="II",
                    pay_unit="ora",
                    hours_or_days=168,
                ),
            ),
            assimilated=(
                career.AssimilatedPeriod(
                    "serviciu_militar", dt.date(1983, 9, 1), dt.date(1984, 8, 31), "Livret militar"
                ),
            ),
        ),
        today=TODAY,
    )
    assert table.rows == (
        (
            "Fabrica de Pâine Cluj",
            "01.09.1984",
            "30.06.1990",
            "brutar",
            "2.350,00 (net, pe oră)",
            "grupa II",
            "168",
        ),
    )
    assert table.extra_rows == (
        ("Serviciul militar", "01.09.1983", "31.08.1984", "Livret militar"),
    )


# --- points per year --------------------------------------------------------------------------


def points(one: career.CareerRecord) -> reports.ReportTable:
    return reports.report_table(reports.POINTS, one, today=TODAY, **PERSON)


def test_points_rows_are_the_career_summary_s_year_lines():
    one = career_record_for_reports()
    table = points(one)
    lines = summarise(one, today=TODAY, **PERSON).years
    assert [row[0] for row in table.rows] == [str(line.year) for line in lines]
    for row, line in zip(table.rows, lines, strict=True):
        expected = ro.number(line.points, 5) if line.points is not None else "—"
        assert row[3] == expected
        assert row[4] == (line.divisor_text or line.note or "—")
        assert row[5] == (line.basis or "—")
        assert row[6] == (line.pillar2 or "—")
    assert dict(table.totals)["Total puncte"] == ro.number(
        summarise(one, today=TODAY, **PERSON).year_points, 5
    )


def test_points_of_a_work_book_year_are_the_law_s_annual_score_of_its_monthly_salary():
    one_year = record(
        work_book=(book(dt.date(1985, 1, 1), dt.date(1985, 12, 31), "3000", salary_kind="net"),)
    )
    (row,) = points(one_year).rows
    expected = annual_scores(
        ScoreRules.on(law_in_force()), {(1985, m): Decimal(3000) for m in range(1, 13)}, None
    )[0]
    assert row[3] == ro.number(expected.score, 5)
    assert row[2] == "36.000,00 lei vechi"
    assert "salariul mediu net 1985" in row[4] and "anexa nr. 7" in row[4]
    assert "art. 85" in row[5] and "art. 143: +" in row[5]
    assert row[7] == "calculat după lege"


def test_a_decision_s_points_take_the_place_of_the_computed_ones():
    decided = record(
        work_book=(book(dt.date(1985, 1, 1), dt.date(1985, 12, 31)),),
        decided=(career.DecidedPoints(1985, Decimal("1.50000"), "Decizia 12/2003"),),
    )
    table = points(decided)
    (row,) = table.rows
    assert row[3] == "1,50000" and row[7] == "Decizia 12/2003"
    assert dict(table.totals)["Total puncte"] == "1,50000"


def test_hourly_pay_without_the_hours_is_a_year_to_settle_with_the_reason():
    table = points(
        record(work_book=(book(dt.date(1986, 1, 1), dt.date(1986, 12, 31), "12", pay_unit="ora"),))
    )
    (row,) = table.rows
    assert row[3] == "—" and row[7] == "de stabilit"
    assert "fără numărul de ore sau zile" in row[4]
    assert table.gaps == {0}


def test_pillar2_correction_in_the_months_flagged():
    (row,) = points(
        record(
            monthly=(
                month(dt.date(2025, 1, 1), "8620"),
                month(dt.date(2025, 2, 1), "8620", pillar2=True),
            )
        )
    ).rows
    assert row[6].endswith("în 1 lună")


def test_a_year_of_ins_monthly_divisors_lists_them_under_its_row():
    one = record(monthly=tuple(month(dt.date(2019, m, 1), "5000") for m in range(1, 13)))
    table = points(one)
    assert table.details[0].startswith("Împărțitorii lunari (INS): 2019-01: 4.837 lei; ")
    assert table.details[0].count("2019-") == 12
    # From September 2024 the divisor is the year's CSMB: one figure, nothing under the row.
    assert points(record(monthly=(month(dt.date(2025, 3, 1)),))).details == {}


def test_the_45_year_record_has_a_row_a_year_and_names_the_years_it_cannot_compute():
    table = points(career_record_for_reports())
    years = [int(row[0]) for row in table.rows]
    assert years == list(range(1981, 2026))
    assert table.rows[years.index(1999)][7] == "Decizia 4567/2002"
    missing = [table.rows[i][0] for i in sorted(table.gaps)]
    # The INS monthly wages are not in the data for every year (domain/pension/data/SOURCES.md).
    assert missing and all(table.rows[i][3] == "—" for i in table.gaps)
    assert all(year in table.notes[-1] for year in missing)


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        reports.report_table("altceva", record(), today=TODAY)


# --- verification codes -----------------------------------------------------------------------


def test_codes_are_random_grouped_and_read_back_however_typed():
    codes = {reports.new_code() for _ in range(200)}
    assert len(codes) == 200
    code = next(iter(codes))
    assert len(code) == 24 and code.count("-") == 4
    assert reports.normalise_code(code) == code
    assert reports.normalise_code(code.lower().replace("-", " ")) == code
    assert reports.normalise_code("0123-4567-89AB-CDEF-GHJK") == "0123-4567-89AB-CDEF-GHJK"
    assert reports.normalise_code("o123-4567-89ab-cdef-ghjk") == "0123-4567-89AB-CDEF-GHJK"
    assert reports.normalise_code("0123-4567") is None
    assert reports.normalise_code("") is None
    assert reports.code_hash(code) != code and len(reports.code_hash(code)) == 64
