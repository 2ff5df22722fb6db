"""Stability points (art. 85(3)-(5)): band edges at 25, 30 and 35 years, one day either side."""

from datetime import date
from decimal import Decimal

import pytest

from domain.pension import EstimateInput, Stage, estimate
from domain.pension.stability import stability_lines, stability_points

ON = date(2025, 9, 1)


@pytest.mark.parametrize(
    ("stage", "points"),
    [
        (Stage(0), "0"),
        (Stage(24, 11, 29), "0"),
        (Stage(25), "0"),
        (Stage(25, 0, 1), "0.00139"),
        (Stage(25, 1), "0.04167"),
        (Stage(26), "0.50"),
        (Stage(29, 11, 29), "2.49868"),  # 4 × 0.50 + 11 × 0.04167 + 29 × 0.00139
        (Stage(30), "2.50"),
        (Stage(30, 0, 1), "2.50208"),  # the day above 30 years is paid in the 30-35 band
        (Stage(34, 11, 29), "6.24782"),  # 2.50 + 4 × 0.75 + 11 × 0.0625 + 29 × 0.00208
        (Stage(35), "6.25"),  # the law's own figure
        (Stage(35, 0, 1), "6.25278"),
        (Stage(36, 6), "7.74998"),  # 6.25 + 1 + 6 × 0.08333
        (Stage(40), "11.25"),
    ],
)
def test_band_edges(stage, points):
    assert stability_points(stage, ON) == Decimal(points)


def test_thirty_five_years_come_out_as_whole_years_not_420_months():
    # 12 × 0.04167 = 0.50004: whole years must be paid at the yearly value.
    assert [line.value for line in stability_lines(Stage(35), ON)] == [
        Decimal("2.50"),
        Decimal("3.75"),
    ]


def test_each_band_line_cites_its_letter_of_art_85_3():
    articles = [line.article for line in stability_lines(Stage(36), ON)]
    assert articles == [
        "art. 85 alin. (3) lit. a), alin. (5)",
        "art. 85 alin. (3) lit. b), alin. (5)",
        "art. 85 alin. (3) lit. c), alin. (5)",
    ]


def test_stability_points_use_the_contributory_stage_not_assimilated_periods():
    base = EstimateInput(start_date=ON, points=Decimal(30), contributory_stage=Stage(30))
    with_child_care = EstimateInput(
        start_date=ON, points=Decimal(30), contributory_stage=Stage(30), child_care_months=60
    )
    assert estimate(base).stability_points == Decimal("2.50")
    assert estimate(with_child_care).stability_points == Decimal("2.50")
