"""The rules of the months before Law 360/2023 (``domain.pension.history``), from the law's text.

art. 142(1) and Annex 7 (INS monthly average before 1 Sept 2024), art. 85(7) (the CSMB after,
and the contribution base cap of 2001-2017 with art. 141(1)), art. 138(2), (5) (studies and
military service), art. 143 (supplementary pension fund), art. 136(3) (before 1963), art. 85(12)
(Pillar II factors of 2014-2015).
"""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.pension import (
    POINTS,
    EstimateInput,
    IncomeEntry,
    PensionInputError,
    YearMonth,
    estimate,
    estimate_from_query,
)
from domain.pension.history import (
    MonthRange,
    month_spans,
    supplementary_increase,
    years_without_divisor,
)
from domain.pension.lines import section_total

START = date(2025, 9, 1)


def run(*entries: IncomeEntry, **more):
    return estimate(EstimateInput(start_date=START, income=entries, **more))


def points(*entries: IncomeEntry, **more) -> Decimal:
    return run(*entries, **more).contributory_points


def month(year: int, number: int, amount) -> IncomeEntry:
    return IncomeEntry(year, number, Decimal(amount))


# --- 1. the INS monthly average before 1 September 2024 (art. 142(1), Annex 7) ---------------


def test_a_june_2023_salary_is_divided_by_the_ins_average_of_june_2023():
    # The CNPP's own career figure divides June 2023 by 7,364 (INS), not 6,789 (the budget).
    result = run(month(2023, 6, 7364))
    assert result.contributory_points == Decimal("0.08333")
    line = result.section(POINTS)[0]
    assert "INS" in line.label and "2023-06: 7.364 lei" in line.label
    assert "art. 142 alin. (1), anexa nr. 7" in line.article


def test_august_2024_is_the_last_ins_month_and_september_2024_takes_the_budget_csmb():
    assert points(month(2024, 8, 8443)) == Decimal("0.08333")  # INS August 2024
    assert points(month(2024, 9, 7567)) == Decimal("0.08333")  # CSMB 2024, art. 85(7)
    assert points(month(2024, 9, 8443)) == Decimal("0.09298")  # 8,443 / 7,567 = 1.11577


def test_an_uncertain_ins_month_is_used_and_the_line_and_notes_say_so():
    result = run(month(2018, 5, 4512))
    assert result.contributory_points == Decimal("0.08333")
    assert "incertă" in result.section(POINTS)[0].label
    assert any("2018-05" in note and "neconfirmată" in note for note in result.notes)


def test_a_missing_span_is_refused_once_for_the_whole_span():
    entries = tuple(IncomeEntry(year, None, Decimal(1000)) for year in range(1995, 2012))
    with pytest.raises(PensionInputError) as caught:
        run(*entries, contributory_stage=None)
    assert caught.value.parameter == "income"
    message = caught.value.message
    assert message.startswith("Pentru 1995–2005-10, 2005-12–2006-06, 2006-08, ")
    assert "punctajul anual" in message and "CNPP" in message
    assert message.count("Pentru") == 1


def test_missing_months_inside_a_year_are_named_as_months():
    with pytest.raises(PensionInputError) as caught:
        run(IncomeEntry(2013, None, Decimal(2500)))
    assert caught.value.message.startswith("Pentru 2013-06–2013-07, 2013-09–2013-12 nu avem")


def test_month_spans_join_consecutive_months_and_whole_years():
    assert month_spans([(1995, m) for m in range(1, 13)] + [(1996, 1)]) == "1995–1996-01"
    whole = [(y, m) for y in (1991, 1992) for m in range(1, 13)]
    assert month_spans([*whole, (1994, 3)]) == "1991–1992, 1994-03"
    assert month_spans([(2013, 6), (2013, 7), (2013, 9)]) == "2013-06–2013-07, 2013-09"
    assert month_spans([(2000, m) for m in range(1, 13)]) == "2000"


def test_december_1990_is_annex_7_and_january_1991_has_no_divisor():
    assert points(month(1990, 12, 3381), supplementary_fund=False) == Decimal("0.08333")
    with pytest.raises(PensionInputError) as caught:
        run(month(1991, 1, 3381))
    assert "1991-01" in caught.value.message


def test_the_years_without_a_full_divisor():
    gaps = years_without_divisor()
    assert gaps[0] == 1991 and 2018 in gaps
    assert 2014 not in gaps and 2017 not in gaps and 2019 not in gaps


# --- 2. studies and military service with their dates (art. 138(2), (5)) ---------------------


def period_lines(result):
    return [line for line in result.section(POINTS) if line.label.startswith("Studii")]


def assimilated(*periods: str, **more):
    return estimate(
        EstimateInput(
            start_date=START,
            points=Decimal(0),
            assimilated_periods=tuple(
                MonthRange(YearMonth(*map(int, a.split("-"))), YearMonth(*map(int, b.split("-"))))
                for a, b in (period.split("..") for period in periods)
            ),
            **more,
        )
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("1985-01..1985-12", "0.53060"),  # 1,500 / 2,827 (net average, art. 139(4)(b))
        ("1980-01..1980-12", "0.63673"),  # 1,425 / 2,238
        ("1983-01..1983-08", "0.36525"),  # 8 × 1,425 / 2,601 = 8 × 0.54787, ÷ 12
    ],
)
def test_before_april_2001_the_minimum_wage_over_the_average(period, expected):
    result = assimilated(period)
    assert result.assimilated_points == Decimal(expected)
    line = period_lines(result)[0]
    assert "art. 138 alin. (2)" in line.article and "anexa nr. 8" in line.article


def test_the_minimum_wage_change_of_september_1983_is_followed_month_by_month():
    # Jan-Aug 1,425 / 2,601 = 0.54787; Sep-Dec 1,500 / 2,601 = 0.57670.
    expected = round((8 * Decimal("0.54787") + 4 * Decimal("0.57670")) / 12, 5)
    assert assimilated("1983-01..1983-12").assimilated_points == expected


def test_before_1949_the_1949_minimum_wage():
    # art. 139(7): 166 lei (1949) / 293 (1948 average) = 0.56655 a month.
    result = assimilated("1948-01..1948-12")
    assert result.assimilated_points == Decimal("0.56655")
    assert "art. 139 alin. (7)" in period_lines(result)[0].article


def test_from_april_2001_a_quarter_point_a_month_split_by_calendar_year():
    result = assimilated("2001-04..2002-03")
    assert result.assimilated_points == Decimal("0.25000")  # 9 × 0.25 / 12 + 3 × 0.25 / 12
    assert period_lines(result)[0].article.startswith("art. 138 alin. (5)")


def test_a_period_across_the_law_cites_both_articles():
    line = period_lines(assimilated("2024-07..2024-10"))[0]
    assert "art. 138 alin. (5)" in line.article and "art. 86 alin. (2)" in line.article


def test_a_period_before_and_after_april_2001_gives_one_line_each():
    result = assimilated("1990-01..1990-12", "2001-04..2001-12")
    assert len(period_lines(result)) == 2
    # 1990: 2,000 / 3,381 (the net average, like the income of 1977-1990) = 0.59154.
    assert result.assimilated_points == Decimal("0.59154") + Decimal("0.18750")


def test_a_period_without_a_divisor_is_refused_once():
    with pytest.raises(PensionInputError) as caught:
        assimilated("1991-01..2001-03")
    assert caught.value.parameter == "assimilated_period"
    assert caught.value.message.startswith("Pentru 1991–2001-03 nu avem")


def test_the_unreadable_1959_minimum_wage_is_not_guessed():
    with pytest.raises(PensionInputError) as caught:
        assimilated("1959-01..1959-12")
    assert caught.value.message.startswith("Pentru 1959 nu avem")


@pytest.mark.parametrize(
    ("periods", "income", "word"),
    [
        (("1985-01..1984-12",), (), "înaintea"),
        (("1980-01..1980-12", "1980-06..1981-06"), (), "două perioade"),
        (("1980-01..1980-12",), (IncomeEntry(1980, 5, Decimal(100)),), "art. 14 alin. (3)"),
        (("2025-01..2025-12",), (), "după data de început"),
    ],
)
def test_bad_periods_are_refused(periods, income, word):
    with pytest.raises(PensionInputError) as caught:
        estimate(
            EstimateInput(
                start_date=START,
                points=Decimal(0),
                income=income,
                assimilated_periods=tuple(
                    MonthRange(
                        YearMonth(*map(int, p.split("..")[0].split("-"))),
                        YearMonth(*map(int, p.split("..")[1].split("-"))),
                    )
                    for p in periods
                ),
            )
        )
    assert caught.value.parameter == "assimilated_period"
    assert word in caught.value.message


def test_the_query_takes_periods_and_keeps_assimilated_months():
    result = estimate_from_query(
        {
            "start_date": "2025-09-01",
            "points": "0",
            "assimilated_period": ["1985-01..1985-12", "1980-01..1980-12"],
            "assimilated_months": "12",
        }
    )
    assert result.assimilated_points == Decimal("0.53060") + Decimal("0.63673") + Decimal("0.25")


@pytest.mark.parametrize("text", ["1985-01-1985-12", "1985..1986", "1985-13..1986-01"])
def test_a_badly_written_period_is_refused(text):
    with pytest.raises(PensionInputError) as caught:
        estimate_from_query({"start_date": "2025-09-01", "points": "0", "assimilated_period": text})
    assert caught.value.parameter == "assimilated_period"


# --- 3. art. 143: the supplementary pension fund -----------------------------------------------


def test_an_average_salary_in_1985_scores_1_14_with_the_supplementary_fund():
    year = IncomeEntry(1985, None, Decimal(2827))
    assert points(year) == Decimal("1.14000")
    assert points(year, supplementary_fund=False) == Decimal("1.00000")
    assert points(year, supplementary_fund_4_percent=True) == Decimal("1.28000")
    line = run(year).section(POINTS)[0]
    assert "art. 143 alin. (1) lit. c)" in line.article
    assert "fondul de pensie suplimentară" in line.label


@pytest.mark.parametrize(
    ("day", "percent"),
    [
        (date(1966, 12, 1), None),
        (date(1967, 1, 1), "16"),
        (date(1972, 12, 1), "16"),
        (date(1973, 1, 1), "13"),
        (date(1978, 1, 1), "14"),
        (date(1986, 6, 1), "14"),
        (date(1986, 7, 1), "21"),
        (date(1990, 10, 1), "21"),
        (date(1990, 11, 1), "15"),
        (date(1991, 4, 1), "14"),
        (date(1992, 4, 1), "13"),
        (date(1999, 1, 1), "22"),
        (date(1999, 2, 1), "17"),
        (date(2001, 3, 1), "17"),
        (date(2001, 4, 1), None),
    ],
)
def test_the_percentages_by_period(day, percent):
    found = supplementary_increase(day, four_percent=False)
    assert (found.percent if found else None) == (Decimal(percent) if percent else None)


@pytest.mark.parametrize(
    ("day", "percent"),
    [(date(1977, 6, 1), "13"), (date(1977, 7, 1), "26"), (date(1986, 6, 1), "28")],
)
def test_the_4_percent_contributors_from_july_1977_to_june_1986(day, percent):
    assert supplementary_increase(day, four_percent=True).percent == Decimal(percent)


def test_the_increase_starts_with_january_1967():
    assert points(month(1966, 12, 1179)) == Decimal("0.08333")
    assert points(month(1967, 1, 1210)) == Decimal("0.09667")  # 1.16 / 12


def test_the_query_takes_the_supplementary_fund_answer():
    base = {"start_date": "2025-09-01", "income": "1985:2827"}
    assert estimate_from_query(base).contributory_points == Decimal("1.14000")
    no = {**base, "supplementary_fund": "nu"}
    assert estimate_from_query(no).contributory_points == Decimal("1.00000")
    four = {**base, "supplementary_fund": "4"}
    assert estimate_from_query(four).contributory_points == Decimal("1.28000")
    with pytest.raises(PensionInputError) as caught:
        estimate_from_query({**base, "supplementary_fund": "poate"})
    assert caught.value.parameter == "supplementary_fund"


# --- 4. art. 136(3): before 1963 ------------------------------------------------------------


def test_before_september_1947_one_point_a_month_whatever_the_wage():
    assert points(month(1946, 5, 10)) == Decimal("0.08333")
    assert points(month(1947, 8, 100_000)) == Decimal("0.08333")
    assert points(IncomeEntry(1940, None, Decimal(1))) == Decimal("1.00000")
    line = run(month(1946, 5, 10)).section(POINTS)[0]
    assert "art. 136 alin. (3) lit. a)" in line.article
    assert "un punct pe lună" in line.label


def test_from_september_1947_to_1962_at_least_one_point_a_month():
    assert points(month(1947, 9, 100)) == Decimal("0.08333")  # 100 / 261 < 1 → 1
    assert points(month(1947, 9, 522)) == Decimal("0.16667")  # 2 points
    assert points(month(1962, 12, 100)) == Decimal("0.08333")
    assert points(month(1963, 1, 100)) == Decimal("0.00829")  # 100 / 1,005 = 0.09950
    line = run(month(1950, 3, 1)).section(POINTS)[0]
    assert "sub un punct" in line.label and "art. 136 alin. (3) lit. b), c)" in line.article


# --- 5. Pillar II factors of 2014 and 2015 (art. 85(12)) ---------------------------------------


def test_pillar2_factors_change_on_1_october_2014_and_for_2015():
    pillar2 = YearMonth(2008, 1)
    assert points(month(2014, 9, 2349), pillar2_from=pillar2) == Decimal("0.07135")  # 0.85623
    assert points(month(2014, 10, 2358), pillar2_from=pillar2) == Decimal("0.06908")  # 0.82890
    assert points(month(2015, 1, 2408), pillar2_from=pillar2) == Decimal("0.06749")  # 0.80989


# --- 6. the contribution base cap 2001-2017 (art. 85(7), 141(1)) ----------------------------


def test_2016_income_above_five_averages_is_capped_at_13_405_lei():
    result = run(month(2016, 1, 20_000))
    assert result.contributory_points == Decimal("0.41558")  # 13,405 / 2,688 = 4.98698, ÷ 12
    line = result.section(POINTS)[0]
    assert "plafonat" in line.label and "13.405" in line.label
    assert "art. 141 alin. (1)" in line.article


def test_income_at_the_cap_is_not_changed():
    assert points(month(2016, 1, 13_405)) == points(month(2016, 1, 20_000))
    assert points(month(2016, 1, 13_404)) < points(month(2016, 1, 13_405))


def test_a_cap_from_an_unofficial_source_is_applied_and_noted():
    result = run(month(2012, 1, 50_000))
    assert result.contributory_points == Decimal("0.43624")  # 10,585 / 2,022 = 5.23492
    assert any("10.585" in note and "neoficială" in note for note in result.notes)


def test_january_2017_is_not_capped_because_the_sources_disagree_and_a_note_says_so():
    result = run(month(2017, 1, 20_000))
    assert result.contributory_points == Decimal("0.52609")  # 20,000 / 3,168 = 6.31313
    assert any(note.startswith("2017-01") and "plafonul" in note for note in result.notes)


def test_no_cap_from_february_2017_and_none_from_august_2007_to_2010():
    assert points(month(2017, 2, 31_080)) == Decimal("0.83333")  # 10 × 3,108
    assert points(month(2009, 1, 18_390)) == Decimal("0.83333")  # 10 × 1,839


def test_the_cap_never_makes_more_income_worth_fewer_points():
    amounts = [Decimal(x) for x in (1000, 13_404, 13_405, 13_406, 50_000)]
    values = [points(month(2016, 1, amount)) for amount in amounts]
    assert values == sorted(values)


# --- properties ------------------------------------------------------------------------------

early_months = st.tuples(st.integers(1938, 1990), st.integers(1, 12))


@st.composite
def periods(draw):
    first = draw(st.integers(1938 * 12, 1990 * 12 + 11))
    last = min(first + draw(st.integers(0, 60)), 1990 * 12 + 11)
    ranges = [
        MonthRange(YearMonth(first // 12, first % 12 + 1), YearMonth(last // 12, last % 12 + 1))
    ]
    if draw(st.booleans()):
        end = YearMonth(2001 + draw(st.integers(0, 20)), 12)
        ranges.append(MonthRange(YearMonth(2001, 4), end))
    return tuple(ranges)


@settings(max_examples=100, deadline=None)
@given(
    periods(),
    st.dictionaries(early_months, st.decimals(0, 100_000, places=2), max_size=30),
    st.booleans(),
    st.booleans(),
)
def test_periods_and_old_income_add_up_and_more_income_never_gives_fewer_points(
    ranges, income, supplementary, four
):
    covered = {when for period in ranges for when in period.months()}
    income = {when: amount for when, amount in income.items() if when not in covered}
    entries = tuple(IncomeEntry(y, m, amount) for (y, m), amount in income.items())
    data = dict(
        start_date=START,
        points=Decimal(0),
        income=entries,
        assimilated_periods=ranges,
        supplementary_fund=supplementary,
        supplementary_fund_4_percent=four,
    )
    try:
        result = estimate(EstimateInput(**data))
    except PensionInputError as error:
        assert error.parameter == "assimilated_period"  # 1959: the unreadable minimum wage
        return
    assert section_total(result.lines, POINTS) == result.total_points
    assert result.assimilated_points >= 0
    if entries:
        richer = tuple(IncomeEntry(e.year, e.month, e.amount + 1000) for e in entries)
        more = estimate(EstimateInput(**{**data, "income": richer}))
        assert more.contributory_points >= result.contributory_points
