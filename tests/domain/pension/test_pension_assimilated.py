"""Rule 3 of issue 10: the assimilated periods (studies, military service) are part of the
*stage* (art. 3 q)) that art. 56 and table 4 of art. 58(3) count beyond the complete stage, but
not of the complete contributory stage itself (art. 47(3), 58(1))."""

from datetime import date
from decimal import Decimal

import pytest

from domain.pension import EstimateInput, PensionInputError, Stage, estimate, retirement

MAN = date(1965, 5, 20)  # 65 years on 20 May 2030, complete stage 35 years
WOMAN = date(1965, 1, 15)  # Annex 5: 62 years 9 months (15 Oct 2027), complete stage 34 years


def run(start, stage, birth=MAN, sex="M", **extra):
    return estimate(
        EstimateInput(
            start_date=start,
            contributory_stage=stage,
            points=Decimal(30),
            birth_date=birth,
            sex=sex,
            **extra,
        )
    )


def test_audit_case_27_five_years_of_university_make_it_art_56_without_a_cut():
    # 34 years contributory (the complete stage) + 5 years of university: art. 56, 0 %.
    with_studies = run(date(2024, 9, 1), Stage(34), WOMAN, "F", assimilated_months=60)
    assert with_studies.early_reduction_percent == 0
    assert with_studies.anticipation_months == 0
    assert any("art. 56" in note for note in with_studies.notes)
    assert with_studies.retirement.earliest_full_pension_date == date(2022, 10, 15)
    # Without them it is an early pension: 38 months × 0.40 % = 15.20 % (the app's old answer).
    without = run(date(2024, 9, 1), Stage(34), WOMAN, "F")
    assert without.early_reduction_percent == Decimal("15.20")


def test_audit_r25_two_years_of_military_service_pick_the_0_30_rate():
    result = run(date(2025, 5, 20), Stage(35), assimilated_months=24)
    assert result.anticipation_months == 60
    assert result.early_reduction_percent == Decimal("18.00")  # 0.30 % × 60, not 0.40 % × 60
    assert run(date(2025, 5, 20), Stage(35)).early_reduction_percent == Decimal("24.00")


def test_assimilated_periods_do_not_complete_the_contributory_stage():
    # 34 years + 5 years of studies: the complete contributory stage (35) is not reached.
    with pytest.raises(PensionInputError) as error:
        run(date(2029, 5, 20), Stage(34), assimilated_months=60)
    assert error.value.parameter == "start_date"
    assert "art. 58 alin. (1)" in error.value.message
    # ... and art. 56 is not open either.
    assert retirement(
        MAN, "M", stage=Stage(34), total_stage=Stage(39)
    ).earliest_full_pension_date == date(2030, 5, 20)


@pytest.mark.parametrize(
    ("assimilated", "percent"),
    [
        (11, Decimal("0.40") * 12),
        (12, Decimal("0.35") * 12),  # exactly one year beyond: the lower rate
        (36, Decimal("0.25") * 12),
        (59, Decimal("0.20") * 12),  # 4 years 11 months beyond
        (60, Decimal(0)),  # 5 years beyond: art. 56
    ],
)
def test_the_table_4_band_edges_with_assimilated_months(assimilated, percent):
    result = run(date(2029, 5, 20), Stage(35), assimilated_months=assimilated)
    assert result.early_reduction_percent == percent


def test_child_care_and_assimilated_months_add_up_for_the_excess():
    # 35 years + 1 year child care (art. 47(4)) + 1 year studies = 2 years beyond: 0.30 %.
    result = run(date(2029, 5, 20), Stage(35), child_care_months=12, assimilated_months=12)
    assert result.early_reduction_percent == Decimal("0.30") * 12
