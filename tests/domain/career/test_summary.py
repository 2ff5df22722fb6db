"""The career summary: stages from the record's rows, points per year through domain.pension."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.career.record import (
    AssimilatedPeriod,
    CareerRecord,
    DecidedPoints,
    MonthlyContribution,
    WorkBookEntry,
)
from domain.career.summary import (
    ANNEX7,
    COMPUTED,
    CSMB,
    DECIDED,
    EMPTY,
    GAP,
    INS,
    NO_BIRTH_DATE,
    TO_SETTLE,
    estimate_query,
    points_chart,
    stage_of,
    summarise,
)
from domain.pension.periods import Stage, YearMonth
from domain.pension.scores import ScoreRules, annual_scores
from domain.pension.tables import law_in_force

CNP = "2650315123453"
BIRTH = date(1965, 3, 15)
TODAY = date(2026, 12, 2)


def month(year, number, days=None, income="5000", cui="1", pillar2=False, conditions="normale"):
    import calendar

    return MonthlyContribution(
        date(year, number, 1),
        cui,
        f"Angajator {cui}",
        calendar.monthrange(year, number)[1] if days is None else days,
        Decimal(income),
        conditions,
        pillar2,
    )


def record(**parts) -> CareerRecord:
    return CareerRecord(CNP, date(2026, 10, 31), **parts)


def by_year(summary):
    return {line.year: line for line in summary.years}


def test_two_employers_in_one_month_never_exceed_its_days_and_add_their_income():
    summary = summarise(
        record(monthly=(month(2023, 4, 20, "3000", "1"), month(2023, 4, 20, "2000", "2"))),
        BIRTH,
        "F",
        TODAY,
    )
    line = by_year(summary)[2023]
    assert line.days == 30
    assert line.income == Decimal(5000)
    assert summary.contributory_stage == Stage(0, 1, 0)
    rules = ScoreRules.on(law_in_force())
    (expected,) = annual_scores(rules, {(2023, 4): Decimal(5000)}, None)
    assert line.points == expected.score
    assert line.divisors[0].source == INS


def test_incomplete_months_add_their_days_thirty_to_a_month():
    assert stage_of({(2023, 1): 31, (2023, 2): 20, (2023, 3): 15}) == Stage(0, 2, 5)
    assert stage_of(
        {(2023, m): 31 if m in (1, 3, 5, 7, 8, 10, 12) else 30 for m in range(1, 13) if m != 2}
        | {(2023, 2): 28}
    ) == Stage(1, 0, 0)


def test_divisor_sources_by_period_and_pillar2_correction():
    rows = tuple(month(2024, m, pillar2=True) for m in range(1, 13)) + tuple(
        month(2025, m) for m in range(1, 13)
    )
    summary = summarise(record(monthly=rows), BIRTH, "F", TODAY)
    y2024, y2025 = by_year(summary)[2024], by_year(summary)[2025]
    assert [d.source for d in y2024.divisors] == [INS, CSMB]
    assert "art. 85 alin. (7)" in y2024.article and "art. 142 alin. (1)" in y2024.article
    assert y2024.pillar2 and "12 luni" in y2024.pillar2
    assert "art. 85 alin. (12)" in y2024.article
    assert [d.source for d in y2025.divisors] == [CSMB]
    assert y2025.pillar2 == ""


def test_work_book_before_1991_uses_annex7_net_average_with_art143():
    book = (
        WorkBookEntry(
            "Uzina", date(1985, 1, 1), date(1985, 12, 31), "strungar", Decimal("3000"), "net"
        ),
    )
    summary = summarise(record(work_book=book), BIRTH, "F", TODAY)
    line = by_year(summary)[1985]
    assert line.status == COMPUTED
    assert line.divisors[0].source == ANNEX7
    assert "net" in line.divisors[0].description
    assert line.supplementary > 0 and "art. 143" in line.article
    assert line.currency == "lei vechi"
    assert summary.work_book_stage == Stage(1, 0, 0)


def test_work_book_with_the_wrong_salary_kind_or_no_divisor_is_to_settle_not_faked():
    book = (
        WorkBookEntry(
            "Uzina", date(1985, 1, 1), date(1985, 12, 31), "strungar", Decimal("3000"), "brut"
        ),
        WorkBookEntry("Uzina", date(1995, 1, 1), date(1995, 12, 31), "maistru", Decimal("300000")),
    )
    summary = summarise(record(work_book=book), BIRTH, "F", TODAY)
    lines = by_year(summary)
    assert lines[1985].status == TO_SETTLE and lines[1985].points is None
    assert "net" in lines[1985].note
    assert lines[1995].status == TO_SETTLE and lines[1995].points is None
    assert summary.unsettled_years == (1985, 1995)


def test_decided_points_take_precedence_and_gaps_show_as_gaps():
    rows = (month(2022, 1), month(2024, 1))
    decided = (DecidedPoints(2022, Decimal("1.23456"), "123/2024"),)
    summary = summarise(record(monthly=rows, decided=decided), BIRTH, "F", TODAY)
    lines = by_year(summary)
    assert lines[2022].status == DECIDED and lines[2022].points == Decimal("1.23456")
    assert lines[2023].status == EMPTY and lines[2023].note == GAP and lines[2023].points is None
    assert lines[2026].gap  # up to the year the record is current to


def test_assimilated_periods_say_where_they_count():
    periods = (
        AssimilatedPeriod("serviciu_militar", date(1983, 9, 1), date(1984, 8, 31), "livret"),
        AssimilatedPeriod("crestere_copil", date(2010, 1, 1), date(2011, 12, 31), "decizie"),
    )
    summary = summarise(record(assimilated=periods), BIRTH, "F", TODAY)
    military, child = summary.assimilated
    assert "art. 56" in military.counts_for and military.points is not None
    assert "art. 138 alin. (2)" in military.article
    assert "art. 47 alin. (4)" in child.counts_for
    assert child.points == Decimal("0.50000")  # 24 months × 0.25 ÷ 12
    assert summary.child_care_months == 24
    assert summary.assimilated_stage == Stage(1, 0, 0)
    assert summary.contributory_stage == Stage()


def test_retirement_and_stage_still_needed_come_from_the_pension_rules():
    rows = tuple(month(y, m) for y in range(2019, 2025) for m in range(1, 13))
    summary = summarise(record(monthly=rows), date(1975, 6, 1), "M", TODAY)
    assert summary.retirement.standard_date == date(2040, 6, 1)
    assert summary.contributory_stage == Stage(6, 0, 0)
    assert summary.stage_needed == Stage(29, 0, 0)


def test_the_estimate_link_gives_income_for_computed_years_and_decided_points():
    rows = (*tuple(month(2023, m) for m in range(1, 13)), month(2024, 3, income="4000"))
    decided = (DecidedPoints(2010, Decimal("1.5"), "1/2020"),)
    book = (
        WorkBookEntry("Uzina", date(1995, 1, 1), date(1995, 12, 31), "maistru", Decimal("300000")),
    )
    rec = record(monthly=rows, decided=decided, work_book=book)
    summary = summarise(rec, BIRTH, "F", TODAY)
    pairs, left_out = estimate_query(summary)
    incomes = [value for name, value in pairs if name == "income"]
    assert incomes == ["2023 5000", "2024-03 4000"]
    assert ("points", "1.5") in pairs
    assert ("birth_date", "15.03.1965") in pairs and ("sex", "F") in pairs
    assert left_out == (1995,)


def test_chart_bars_follow_the_points():
    rows = tuple(month(2023, m) for m in range(1, 13))
    summary = summarise(record(monthly=(*rows, month(2025, 1, income="1"))), BIRTH, "F", TODAY)
    chart = points_chart(summary.years)
    heights = {bar.year: bar.height for bar in chart.bars}
    assert heights[2023] > heights[2025] >= 0
    assert heights[2024] == 0  # a gap


incomes = st.lists(st.integers(min_value=0, max_value=40_000), min_size=12, max_size=12)


@settings(max_examples=40, deadline=None)
@given(incomes, st.integers(min_value=0, max_value=11), st.integers(min_value=1, max_value=5000))
def test_more_income_never_gives_fewer_points(amounts, which, more):
    rows = tuple(month(2022, m + 1, income=str(a)) for m, a in enumerate(amounts))
    richer = list(amounts)
    richer[which] += more
    rows2 = tuple(month(2022, m + 1, income=str(a)) for m, a in enumerate(richer))
    low = by_year(summarise(record(monthly=rows), BIRTH, "F", TODAY))[2022].points
    high = by_year(summarise(record(monthly=rows2), BIRTH, "F", TODAY))[2022].points
    assert high >= low


@settings(max_examples=25, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.integers(2019, 2026), st.integers(1, 12)),
        st.tuples(st.integers(1, 28), st.integers(0, 20_000), st.booleans()),
        max_size=30,
    )
)
def test_yearly_lines_add_up_to_the_totals(cells):
    rows = tuple(
        month(y, m, days=d, income=str(i), pillar2=p and y >= 2008)
        for (y, m), (d, i, p) in cells.items()
    )
    summary = summarise(record(monthly=rows), BIRTH, "F", TODAY)
    assert summary.year_points == sum(
        (line.points for line in summary.years if line.points is not None), Decimal(0)
    )
    assert summary.total_days == sum(d for d, _, _ in cells.values())
    assert summary.contributory_stage.total_months <= len(cells)  # a month counts once at most
    assert (
        summary.points_so_far
        == summary.year_points + summary.assimilated_points + summary.extra_points
    )
    assert summary.pillar2_from == (
        YearMonth(*min(k for k, v in cells.items() if v[2]))
        if any(v[2] for v in cells.values())
        else None
    )


def test_unemployment_adds_stage_only_in_months_without_a_declaration():
    rows = tuple(month(2021, m) for m in range(1, 7))
    periods = (AssimilatedPeriod("somaj", date(2021, 4, 1), date(2021, 9, 30), "decizia AJOFM 7"),)
    summary = summarise(record(monthly=rows, assimilated=periods), BIRTH, "F", TODAY)
    assert summary.unemployment_stage == Stage(0, 3, 0)  # July-September
    assert summary.contributory_stage == Stage(0, 9, 0)
    assert summary.assimilated_stage == Stage()  # contributory, not assimilated
    (line,) = summary.assimilated
    assert "art. 6 alin. (1) lit. e)" in line.counts_for and line.points is None


def test_studies_overlapping_contributions_count_only_outside_them():
    rows = tuple(month(2021, m) for m in range(1, 4))
    periods = (
        AssimilatedPeriod("studii_universitare", date(2021, 1, 1), date(2021, 6, 30), "diploma"),
    )
    summary = summarise(record(monthly=rows, assimilated=periods), BIRTH, "F", TODAY)
    assert summary.assimilated_stage == Stage(0, 3, 0)  # art. 14(3): April-June only
    (line,) = summary.assimilated
    assert line.points is None and "art. 14 alin. (3)" in line.note


def test_without_birth_date_or_sex_the_years_are_there_but_not_the_age():
    one = record(monthly=tuple(month(2019, m) for m in range(1, 13)))
    known = summarise(one, date(1965, 3, 1), "F", TODAY)
    for birth, sex in ((None, "F"), (date(1965, 3, 1), None)):
        found = summarise(one, birth, sex, TODAY)
        assert found.retirement is None and found.stage_needed is None
        assert found.retirement_error == NO_BIRTH_DATE
        assert found.years == known.years
    line = by_year(known)[2019]
    assert line.divisors[0].monthly[0] == "2019-01: 4.837 lei"
    assert len(line.divisors[0].monthly) == 12


def test_2005_adds_the_old_lei_of_its_first_half_as_lei_not_as_old_lei():
    months = [month(2005, n, income="15000000") for n in range(1, 7)]
    months += [month(2005, n, income="1500") for n in range(7, 13)]
    line = by_year(summarise(record(monthly=tuple(months)), BIRTH, "F"))[2005]
    assert line.income == Decimal("18000.00")  # 6 × 1,500 (from 15,000,000 old lei) + 6 × 1,500
    assert line.currency == "lei (lunile în lei vechi împărțite la 10.000)"
    only_old = by_year(summarise(record(monthly=tuple(months[:6])), BIRTH, "F"))[2005]
    assert (only_old.income, only_old.currency) == (Decimal("90000000"), "lei vechi")
