"""The whole estimate: totals, rounding in the pensioner's favour, lines that add up, notes."""

import json
from datetime import date
from decimal import Decimal

import pytest

from domain.pension import (
    GROSS,
    NET,
    POINTS,
    EstimateInput,
    IncomeEntry,
    PensionInputError,
    Stage,
    estimate,
)
from domain.pension.lines import section_total

START = date(2025, 9, 1)


def assert_lines_add_up(result):
    assert section_total(result.lines, POINTS) == result.total_points
    assert section_total(result.lines, GROSS) == result.gross
    assert section_total(result.lines, NET) == result.net
    assert (
        result.contributory_points
        + result.assimilated_points
        + result.potential_points
        + result.extra_points
        + result.stability_points
        == result.total_points
    )


def test_points_times_81_lei_rounded_up():
    # 10.00001 points × 81 = 810.00081 → 811 (art. 83(2)).
    result = estimate(EstimateInput(start_date=START, points=Decimal("10.00001")))
    assert result.reference_point_value == 81
    assert result.gross == 811
    rounding = result.section(GROSS)[-1]
    assert rounding.value == Decimal("0.99919")
    assert rounding.article == "art. 83 alin. (2)"
    assert_lines_add_up(result)


def test_a_whole_amount_gets_no_rounding_line():
    result = estimate(EstimateInput(start_date=START, points=Decimal(50)))
    assert result.gross == 4050
    assert len(result.section(GROSS)) == 1


def test_a_full_career_estimate():
    # 35 years at the average wage, given as 35 points, with 35 years of stage: 41.25 points.
    result = estimate(
        EstimateInput(start_date=START, points=Decimal(35), contributory_stage=Stage(35))
    )
    assert result.stability_points == Decimal("6.25")
    assert result.total_points == Decimal("41.25000")
    assert result.gross == 3342  # 41.25 × 81 = 3,341.25
    # 1 Aug 2025 rules: CASS 34.2 → 34, tax 10 % × 308 = 30.8 → 31.
    assert (result.health_contribution, result.income_tax, result.net) == (34, 31, 3277)
    assert result.rules_as_of == date(2025, 8, 1)
    assert_lines_add_up(result)


def test_income_and_points_add_up_and_every_line_has_an_article():
    result = estimate(
        EstimateInput(
            start_date=START,
            points=Decimal("20.5"),
            income=(IncomeEntry(1985, None, Decimal(2827)), IncomeEntry(1980, None, Decimal(2238))),
            contributory_stage=Stage(28, 3, 10),
            assimilated_months=48,
            invalidity_grade=2,
            potential_months=24,
            special_months=12,
            deosebite_months=12,
        )
    )
    # The net average of 1980 and of 1985 (Annex 7), each a point a year plus 14 % (art. 143).
    assert result.contributory_points == Decimal("22.78000")
    assert result.assimilated_points == Decimal("1.00000")
    assert result.potential_points == Decimal("0.40000")
    assert result.extra_points == Decimal("0.75000")
    assert result.stability_points == Decimal("1.63891")  # 3 × 0.50 + 3 × 0.04167 + 10 × 0.00139
    assert [score.year for score in result.annual_scores] == [1980, 1985]
    assert all(line.article for line in result.lines)
    assert all(line.label for line in result.lines)
    assert_lines_add_up(result)


def test_vpr_is_chosen_by_the_start_date():
    first = estimate(EstimateInput(start_date=date(2024, 9, 1), points=Decimal(10)))
    assert first.section(GROSS)[0].rule_date == date(2024, 9, 1)
    later = estimate(EstimateInput(start_date=date(2026, 2, 1), points=Decimal(10)))
    assert later.section(GROSS)[0].rule_date == date(2026, 1, 1)
    assert not any("punctului de referință" in note for note in later.notes)
    future = estimate(EstimateInput(start_date=date(2028, 2, 1), points=Decimal(10)))
    assert any("punctului de referință" in note for note in future.notes)


def test_before_the_law_took_effect_is_refused():
    with pytest.raises(PensionInputError) as caught:
        estimate(EstimateInput(start_date=date(2024, 8, 31), points=Decimal(10)))
    assert caught.value.parameter == "start_date"


def test_social_indemnity_is_mentioned_below_it():
    low = estimate(EstimateInput(start_date=START, points=Decimal(10)))
    assert low.gross == 810
    assert low.social_indemnity is not None
    assert low.social_indemnity.amount == 1281
    assert low.social_indemnity.top_up == 471
    assert any("indemnizația socială" in note for note in low.notes)
    high = estimate(EstimateInput(start_date=START, points=Decimal(16)))
    assert high.gross == 1296
    assert high.social_indemnity is None


def test_stage_defaults_to_months_with_income():
    entries = tuple(IncomeEntry(year, None, Decimal(1000)) for year in range(1960, 1990))
    result = estimate(EstimateInput(start_date=START, income=entries))
    assert result.contributory_stage == Stage(30)
    assert result.stability_points == Decimal("2.50")


def test_notes_flag_unverified_figures_and_budgets_later_than_the_start():
    result = estimate(
        EstimateInput(start_date=date(2026, 2, 1), income=(IncomeEntry(2026, 1, Decimal(9192)),))
    )
    text = " ".join(result.notes)
    assert "CSMB 2026" in text and "neconfirmată" in text
    assert "30.03.2026" in text


def test_without_birth_date_the_age_is_not_checked_and_says_so():
    result = estimate(EstimateInput(start_date=START, points=Decimal(30)))
    assert result.retirement is None
    assert any("data nașterii" in note for note in result.notes)


def test_minimum_stage_shortfall_is_noted():
    result = estimate(
        EstimateInput(
            start_date=START,
            points=Decimal(5),
            contributory_stage=Stage(10),
            birth_date=date(1955, 1, 1),
            sex="M",
        )
    )
    assert any("stagiul minim" in note for note in result.notes)


def test_to_dict_is_json_ready_and_has_the_api_fields():
    result = estimate(
        EstimateInput(
            start_date=START,
            points=Decimal(30),
            contributory_stage=Stage(36),
            birth_date=date(1960, 1, 1),
            sex="F",
        )
    )
    data = json.loads(json.dumps(result.to_dict(str)))
    for key in (
        "contributory_points",
        "assimilated_points",
        "stability_points",
        "total_points",
        "reference_point_value",
        "early_reduction_percent",
        "gross",
        "health_contribution",
        "income_tax",
        "net",
        "rules_as_of",
        "lines",
    ):
        assert key in data
    assert data["rules_as_of"] == "2025-08-01"
    assert {"label", "value", "article"} <= set(data["lines"][0])
    assert data["retirement"]["standard_date"]


@pytest.mark.parametrize(
    ("changes", "parameter"),
    [
        ({"start_date": None}, "start_date"),
        ({"start_date": date(1937, 5, 1)}, "start_date"),
        ({"points": Decimal(-1)}, "points"),
        ({"points": None}, "points"),
        ({"income": (IncomeEntry(2023, 1, Decimal(-5)),)}, "income"),
        ({"income": (IncomeEntry(1937, 1, Decimal(5)),)}, "income"),
        ({"income": (IncomeEntry(2023, 13, Decimal(5)),)}, "income"),
        ({"income": (IncomeEntry(2025, 10, Decimal(5)),)}, "income"),
        ({"income": (IncomeEntry(2025, None, Decimal(5)),)}, "income"),
        (
            {"income": (IncomeEntry(2023, 1, Decimal(5)), IncomeEntry(2023, 1, Decimal(6)))},
            "income",
        ),
        (
            {"income": (IncomeEntry(2023, None, Decimal(5)), IncomeEntry(2023, 1, Decimal(6)))},
            "income",
        ),
        ({"income": tuple(IncomeEntry(2023, 1, Decimal(1)) for _ in range(1001))}, "income"),
        ({"income": ("2023-01:5",)}, "income"),
        ({"contributory_stage": Stage(20, 12)}, "contributory_months"),
        ({"contributory_stage": Stage(20, 0, 31)}, "contributory_days"),
        ({"contributory_stage": Stage(-1)}, "contributory_years"),
        ({"assimilated_months": -3}, "assimilated_months"),
        ({"assimilated_months": "12"}, "assimilated_months"),
        ({"invalidity_grade": 4}, "invalidity_grade"),
        ({"birth_date": date(1960, 1, 1)}, "sex"),
        ({"sex": "F"}, "birth_date"),
        ({"birth_date": date(1960, 1, 1), "sex": "f"}, "sex"),
        ({"birth_date": date(2026, 1, 1), "sex": "F"}, "birth_date"),
        ({"children": -1}, "children"),
    ],
)
def test_bad_input_names_the_parameter(changes, parameter):
    fields = {"start_date": START, "points": Decimal(10)}
    fields.update(changes)
    with pytest.raises(PensionInputError) as caught:
        estimate(EstimateInput(**fields))
    assert caught.value.parameter == parameter
    assert caught.value.message


def test_not_an_input_object():
    with pytest.raises(PensionInputError):
        estimate({"start_date": START})  # type: ignore[arg-type]
