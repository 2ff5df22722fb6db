"""The rows of the four career reports, from a record."""

import datetime as dt
from decimal import Decimal

import pytest

from domain.career import record as career
from domain.career import reports
from domain.pension.scores import ScoreRules, annual_scores
from tests.builders import career_record_for_reports

TODAY = dt.date(2026, 12, 2)


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


def test_annual_rows_count_work_book_days_per_calendar_year_and_keep_sources_apart():
    table = reports.report_table(
        reports.ANNUAL,
        record(
            monthly=(month(dt.date(2001, 4, 1), "1000"), month(dt.date(2001, 5, 1), "1500.50")),
            work_book=(book(dt.date(1999, 12, 1), dt.date(2001, 3, 31)),),
            assimilated=(
                career.AssimilatedPeriod(
                    "somaj", dt.date(2000, 1, 1), dt.date(2000, 1, 10), "Adeverința 1"
                ),
            ),
        ),
        today=TODAY,
    )
    rows = {row[0]: row for row in table.rows}
    assert rows["1999"][5] == "31"
    assert rows["2000"][5] == "366"  # a leap year
    assert rows["2000"][6] == "10"
    assert rows["2001"][1:6] == ("42", "2", "2.500,50", "—", "90")


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


def test_points_of_a_work_book_year_are_the_law_s_annual_score_of_its_monthly_salary():
    one_year = record(work_book=(book(dt.date(1985, 1, 1), dt.date(1985, 12, 31), "3000"),))
    (points,) = reports.annual_points(one_year, today=TODAY)
    expected = annual_scores(
        ScoreRules.on(TODAY), {(1985, m): Decimal(3000) for m in range(1, 13)}, None
    )[0]
    assert points.source == "calculat"
    assert points.points == expected.score
    assert points.months == 12
    assert "salariul mediu net 1985" in points.divisor
    assert "art. 85" in points.article


def test_a_month_partly_covered_by_the_work_book_counts_its_share_of_the_salary():
    income, _ = reports.monthly_income(
        record(
            work_book=(
                book(dt.date(1985, 6, 16), dt.date(1985, 7, 31), "3000"),
                book(dt.date(1985, 6, 1), dt.date(1985, 6, 15), "1500", employer="Alt"),
            )
        )
    )
    assert income[1985, 6] == Decimal("1500.00") + Decimal("750.00")
    assert income[1985, 7] == Decimal("3000")


def test_work_book_months_from_april_2001_are_left_to_the_monthly_records():
    income, _ = reports.monthly_income(
        record(
            work_book=(book(dt.date(2001, 1, 1), dt.date(2001, 12, 31), "5000000"),),
            monthly=(month(dt.date(2001, 4, 1), "700"),),
        )
    )
    assert sorted(income) == [(2001, 1), (2001, 2), (2001, 3), (2001, 4)]
    assert income[2001, 4] == Decimal("700")


def test_a_decision_s_points_take_the_place_of_the_computed_ones():
    decided = record(
        work_book=(book(dt.date(1985, 1, 1), dt.date(1985, 12, 31)),),
        decided=(career.DecidedPoints(1985, Decimal("1.50000"), "Decizia 12/2003"),),
    )
    table = reports.report_table(reports.POINTS, decided, today=TODAY)
    assert table.rows == (
        ("1985", "12", "1,50000", "stabilit prin decizie", "—", "decizia Decizia 12/2003"),
    )
    assert dict(table.totals)["Total puncte"] == "1,50000"


def test_hourly_pay_without_the_hours_cannot_be_turned_into_points():
    (points,) = reports.annual_points(
        record(work_book=(book(dt.date(1986, 1, 1), dt.date(1986, 12, 31), "12", pay_unit="ora"),)),
        today=TODAY,
    )
    assert points.points is None
    assert points.source == "necalculabil"


def test_pillar2_correction_from_the_first_pillar2_month():
    (points,) = reports.annual_points(
        record(
            monthly=(
                month(dt.date(2025, 1, 1), "8620"),
                month(dt.date(2025, 2, 1), "8620", pillar2=True),
            )
        ),
        today=TODAY,
    )
    assert "Pilonul II" in points.divisor
    assert "1 lună" in points.divisor


def test_the_45_year_record_has_a_row_a_year_and_names_the_years_it_cannot_compute():
    table = reports.report_table(reports.POINTS, career_record_for_reports(), today=TODAY)
    years = [int(row[0]) for row in table.rows]
    assert years == list(range(1981, 2026))
    assert table.rows[years.index(1999)][5] == "decizia Decizia 4567/2002"
    missing = [table.rows[i][0] for i in sorted(table.gaps)]
    # The INS monthly wages are not in the data for every year (domain/pension/data/SOURCES.md).
    assert missing and all(table.rows[i][2] == "—" for i in table.gaps)
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
