"""Net amount by date: tax-free threshold, CASS from 1 August 2025, withholdings in whole lei."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from domain.pension import NET, PensionInputError, net_amount
from domain.pension.lines import section_total


def test_the_cnpp_example_4467_gives_4320_on_1_october_2024():
    result = net_amount(Decimal(4467), date(2024, 10, 1))
    assert result.income_tax_exact == Decimal("146.7")
    assert result.income_tax == Decimal(147)
    assert result.health_contribution == 0
    assert result.net == Decimal(4320)
    # The lines keep the unrounded tax and add up to the net.
    values = [line.value for line in result.lines]
    assert values == [Decimal(4467), Decimal("-146.7"), Decimal("-0.3")]


@pytest.mark.parametrize(
    ("day", "tax", "cass", "net"),
    [
        (date(2024, 9, 30), 247, 0, 4220),  # 10 % of (4,467 - 2,000) = 246.7
        (date(2024, 10, 1), 147, 0, 4320),  # 10 % of (4,467 - 3,000)
        (date(2025, 7, 31), 147, 0, 4320),
        (date(2025, 8, 1), 132, 147, 4188),  # CASS 146.7 → 147; tax 10 % of 1,320
    ],
)
def test_each_date_boundary_of_the_tax_rules(day, tax, cass, net):
    result = net_amount(4467, day)
    assert (result.income_tax, result.health_contribution, result.net) == (tax, cass, net)


def test_press_examples_from_august_2025():
    assert net_amount(4000, date(2025, 8, 1)).net == 3810
    big = net_amount(15000, date(2025, 8, 1))
    assert (big.health_contribution, big.income_tax, big.net) == (1200, 1080, 12720)


def test_below_the_threshold_nothing_is_withheld():
    result = net_amount(3000, date(2025, 8, 1))
    assert result.net == 3000
    assert net_amount(1999, date(2024, 1, 1)).net == 1999


def test_half_a_leu_is_withheld_as_a_whole_leu():
    assert net_amount(3005, date(2024, 10, 1)).income_tax == 1  # 0.50 → 1
    assert net_amount(3004, date(2024, 10, 1)).income_tax == 0  # 0.40 → 0


def test_cass_line_appears_only_from_1_august_2025():
    before = net_amount(5000, date(2025, 7, 31))
    after = net_amount(5000, date(2025, 8, 1))
    assert not any(line.label.startswith("Contribuția") for line in before.lines)
    assert any(line.label.startswith("Contribuția") for line in after.lines)
    assert after.rules_as_of == date(2025, 8, 1)
    assert before.rules_as_of == date(2024, 10, 1)


@pytest.mark.parametrize("gross", [0, 1, 2999, 3000, 3001, 4467, 9999, 123456])
@pytest.mark.parametrize("day", [date(2023, 5, 1), date(2024, 12, 1), date(2025, 9, 1)])
def test_withholdings_and_net_add_up_to_gross_and_lines_to_net(gross, day):
    result = net_amount(gross, day)
    assert result.health_contribution + result.income_tax + result.net == gross
    assert section_total(result.lines, NET) == result.net


def test_a_datetime_is_read_as_its_date():
    assert net_amount(4467, datetime(2024, 10, 1, 12, 0)).net == 4320


@pytest.mark.parametrize(
    ("gross", "day", "parameter"),
    [
        (-1, date(2025, 1, 1), "gross"),
        ("abc", date(2025, 1, 1), "gross"),
        (Decimal("NaN"), date(2025, 1, 1), "gross"),
        (True, date(2025, 1, 1), "gross"),
        (4000.5, date(2025, 1, 1), "gross"),
        (4000, date(2022, 12, 31), "date"),
        (4000, date(1937, 1, 1), "date"),
        (4000, "2025-01-01", "date"),
        (4000, None, "date"),
    ],
)
def test_bad_input_names_the_parameter(gross, day, parameter):
    with pytest.raises(PensionInputError) as caught:
        net_amount(gross, day)
    assert caught.value.parameter == parameter
