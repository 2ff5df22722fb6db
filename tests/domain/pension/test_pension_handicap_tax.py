"""Rule 8 of issue 10: CASS on pensions stays open-ended (no end date in the law's text held);
a severe or accentuated handicap exempts the pension from income tax (Tax Code art. 60 pct. 1
lit. c)), not from CASS."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.pension import NET, PensionInputError, net_amount, net_from_query
from domain.pension.lines import section_total
from domain.pension.tables import tax_rules


@pytest.mark.parametrize("degree", ["grav", "accentuat"])
def test_severe_or_accentuated_handicap_pays_cass_but_no_income_tax(degree):
    result = net_amount(Decimal(4467), date(2025, 8, 1), degree)
    assert result.health_contribution == 147  # 10 % of 1,467 = 146.7 → 147
    assert result.income_tax == 0
    assert result.net == 4320
    assert any("art. 60 pct. 1 lit. c)" in line.article for line in result.lines)
    assert section_total(result.lines, NET) == result.net


def test_a_medium_handicap_changes_nothing():
    assert net_amount(Decimal(4467), date(2025, 8, 1), "mediu") == net_amount(
        Decimal(4467), date(2025, 8, 1)
    )


def test_before_cass_a_severe_handicap_keeps_the_whole_pension():
    result = net_amount(Decimal(4467), date(2024, 10, 1), "grav")
    assert result.net == 4467


def test_the_cass_rule_has_no_end_date():
    # The press says 31 Dec 2027; the Law 141/2025 text held gives no end date.
    assert tax_rules().last.until is None
    assert tax_rules().at(date(2028, 1, 1)).value.cass_percent == 10
    assert net_amount(Decimal(4467), date(2028, 1, 1)).health_contribution == 147


def test_the_net_query_takes_the_handicap():
    params = {"gross": "4467", "date": "2025-08-01", "handicap": "Grav"}
    assert net_from_query(params).income_tax == 0
    with pytest.raises(PensionInputError) as error:
        net_from_query({**params, "handicap": "usor"})
    assert error.value.parameter == "handicap"


@settings(max_examples=100, deadline=None)
@given(
    st.decimals(min_value=0, max_value=50_000, places=2),
    st.dates(date(2023, 1, 1), date(2030, 12, 31)),
    st.sampled_from(["grav", "accentuat"]),
)
def test_the_exemption_never_lowers_the_net_and_keeps_cass(gross, day, degree):
    plain = net_amount(gross, day)
    exempt = net_amount(gross, day, degree)
    assert exempt.health_contribution == plain.health_contribution
    assert exempt.income_tax == 0
    assert exempt.net >= plain.net
    assert section_total(exempt.lines, NET) == exempt.net
