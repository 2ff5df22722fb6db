"""Monthly and annual scores (art. 85(2), (7), (11), (12); art. 139(4); art. 142) and fixed scores."""

from datetime import date
from decimal import Decimal

import pytest

from domain.pension import (
    EstimateInput,
    IncomeEntry,
    PensionInputError,
    Stage,
    YearMonth,
    estimate,
)

START = date(2025, 9, 1)


def points_for(
    *entries: IncomeEntry, pillar2_from: YearMonth | None = None, supplementary_fund=False
) -> Decimal:
    # Without the art. 143 increase unless asked: these tests pin the divisors.
    result = estimate(
        EstimateInput(
            start_date=START,
            income=entries,
            pillar2_from=pillar2_from,
            supplementary_fund=supplementary_fund,
        )
    )
    return result.contributory_points


def test_from_september_2024_the_divisor_is_the_budget_csmb_of_the_year():
    # art. 85(7): the 2024 budget's CSMB, 7,567 lei, for September-December 2024.
    entries = tuple(IncomeEntry(2024, month, Decimal(7567)) for month in range(9, 13))
    assert points_for(*entries) == Decimal("0.33333")


def test_a_whole_year_entry_means_twelve_months_at_that_amount():
    # 1985, net average 2,827 (Annex 7, art. 139(4)(b)).
    assert points_for(IncomeEntry(1985, None, Decimal(2827))) == Decimal("1.00000")
    assert points_for(IncomeEntry(1985, None, Decimal("1413.5"))) == Decimal("0.50000")


def test_the_divisor_is_the_csmb_of_the_year_even_before_its_budget_law_took_effect():
    # The 2025 budget (8,620 lei) took effect on 13 Feb 2025; January 2025 still uses it (art. 85(7)).
    january = estimate(
        EstimateInput(start_date=START, income=(IncomeEntry(2025, 1, Decimal(8620)),))
    )
    assert january.contributory_points == Decimal("0.08333")
    assert january.lines[0].rule_date == date(2025, 2, 13)


def test_annual_score_is_rounded_half_up_to_five_decimals():
    one_month = points_for(IncomeEntry(2024, 9, Decimal(7567)))
    two_months = points_for(
        IncomeEntry(2024, 9, Decimal(7567)), IncomeEntry(2024, 10, Decimal(7567))
    )
    assert one_month == Decimal("0.08333")  # 1/12 = 0.083333...
    assert two_months == Decimal("0.16667")  # 2/12 = 0.166666..., truncation would give 0.16666


def test_monthly_scores_are_rounded_to_five_decimals_before_the_annual_sum():
    # 1 leu / 2,827 = 0.000353... → 0.00035 each month; twelve of them: 0.0042 / 12 = 0.00035.
    entries = tuple(IncomeEntry(1985, month, Decimal(1)) for month in range(1, 13))
    assert points_for(*entries) == Decimal("0.00035")


def test_gross_average_until_june_1977_and_net_average_from_july_1977():
    # Annex 7, 1977: gross 2,102, net 1,818 (art. 139(4)(b)).
    assert points_for(IncomeEntry(1977, 6, Decimal(2102))) == Decimal("0.08333")
    assert points_for(IncomeEntry(1977, 7, Decimal(1818))) == Decimal("0.08333")
    assert points_for(IncomeEntry(1977, 7, Decimal(2102))) == Decimal("0.09635")


def test_net_average_until_december_1990():
    assert points_for(IncomeEntry(1990, 12, Decimal(3381))) == Decimal("0.08333")


def test_1939_to_1946_use_the_1938_average():
    # art. 142(2): 168 lei.
    assert points_for(IncomeEntry(1943, 5, Decimal(168))) == Decimal("0.08333")
    assert points_for(IncomeEntry(1946, 12, Decimal(168))) == Decimal("0.08333")
    assert points_for(IncomeEntry(1947, 1, Decimal(261))) == Decimal("0.08333")


@pytest.mark.parametrize("year", [1991, 1995, 2004])
def test_a_year_without_a_divisor_is_refused_naming_it_and_asking_for_its_points(year):
    with pytest.raises(PensionInputError) as caught:
        points_for(IncomeEntry(year, 3, Decimal(1000)))
    assert caught.value.parameter == "income"
    assert str(year) in caught.value.message
    assert "punctajul anual" in caught.value.message
    assert "raportul de stagiu" in caught.value.message


def test_the_months_around_the_gap_are_accepted():
    assert points_for(IncomeEntry(1990, 1, Decimal(3381))) == Decimal("0.08333")
    assert points_for(IncomeEntry(2012, 1, Decimal(2022))) == Decimal("0.08333")  # INS Jan 2012


def test_a_year_whose_budget_is_not_known_yet_is_refused_naming_it():
    with pytest.raises(PensionInputError) as caught:
        estimate(
            EstimateInput(
                start_date=date(2027, 6, 1), income=(IncomeEntry(2027, 1, Decimal(9000)),)
            )
        )
    assert caught.value.parameter == "income"
    assert "2027" in caught.value.message


def test_pillar2_factor_applies_from_the_given_month_on():
    # 2024 factor 0.81: Sep-Oct at 1 point, Nov-Dec at 0.81 → (2 + 1.62) / 12 = 0.30167.
    entries = tuple(IncomeEntry(2024, month, Decimal(7567)) for month in range(9, 13))
    assert points_for(*entries, pillar2_from=YearMonth(2024, 11)) == Decimal("0.30167")
    assert points_for(*entries, pillar2_from=YearMonth(2020, 1)) == Decimal("0.27000")
    assert points_for(*entries, pillar2_from=YearMonth(2025, 1)) == Decimal("0.33333")


def test_pillar2_before_2008_is_refused():
    with pytest.raises(PensionInputError) as caught:
        points_for(IncomeEntry(2023, 1, Decimal(100)), pillar2_from=YearMonth(2007, 12))
    assert caught.value.parameter == "pillar2_from"


def fixed(**months):
    return estimate(EstimateInput(start_date=START, points=Decimal(0), **months))


def test_assimilated_months_score_a_quarter_point_a_year():
    # art. 86(2): monthly score 0.25, so a year (12 months) adds 0.25 points.
    assert fixed(assimilated_months=12).assimilated_points == Decimal("0.25000")
    assert fixed(assimilated_months=48).assimilated_points == Decimal("1.00000")
    assert fixed(assimilated_months=1).assimilated_points == Decimal("0.02083")
    assert fixed(child_care_months=24).assimilated_points == Decimal("0.50000")


@pytest.mark.parametrize(("grade", "points"), [(1, "0.25000"), (2, "0.20000"), (3, "0.10000")])
def test_potential_stage_for_invalidity_by_grade(grade, points):
    # art. 87(1): monthly score 0.25 / 0.20 / 0.10.
    result = fixed(invalidity_grade=grade, potential_months=12)
    assert result.potential_points == Decimal(points)


def test_potential_months_need_a_grade():
    with pytest.raises(PensionInputError) as caught:
        fixed(potential_months=12)
    assert caught.value.parameter == "invalidity_grade"


def test_extra_points_for_special_and_deosebite_conditions():
    # art. 88(1), (5): +0.50 / +0.25 on each month's score.
    result = estimate(
        EstimateInput(
            start_date=START,
            points=Decimal(0),
            contributory_stage=Stage(10),
            special_months=12,
            deosebite_months=24,
        )
    )
    assert result.extra_points == Decimal("1.00000")  # 0.50 + 0.50


def test_special_months_cannot_exceed_the_stage():
    with pytest.raises(PensionInputError) as caught:
        estimate(
            EstimateInput(
                start_date=START, points=Decimal(0), contributory_stage=Stage(1), special_months=13
            )
        )
    assert caught.value.parameter == "special_months"


def test_the_annual_line_names_each_divisor_once():
    result = estimate(
        EstimateInput(
            start_date=START,
            income=(
                *(IncomeEntry(2025, month, Decimal(3000)) for month in range(1, 5)),
                IncomeEntry(1977, None, Decimal(2000)),
            ),
        )
    )
    y1977, y2025 = result.section("puncte")
    assert y1977.label.count("salariul mediu brut 1977 (2.102 lei)") == 1
    assert y1977.label.count("salariul mediu net 1977 (1.818 lei)") == 1
    assert y2025.label.count("CSMB 2025 (8.620 lei)") == 1
    assert y2025.article == "art. 85 alin. (2), (11); art. 85 alin. (7)"
    assert y2025.rule_date == date(2025, 2, 13)
