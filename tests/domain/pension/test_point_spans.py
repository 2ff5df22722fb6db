"""Points for a span of years (the years the data cannot convert from income)."""

from datetime import date
from decimal import Decimal

import pytest

from domain.pension import PensionInputError, estimate, estimate_from_query
from domain.pension.estimate import EstimateInput, IncomeEntry
from domain.pension.spans import PointSpan

START = date(2026, 6, 1)


def test_a_span_is_one_line_with_its_total():
    result = estimate(EstimateInput(START, point_spans=(PointSpan(1991, 2011, Decimal("18.5")),)))
    line = next(line for line in result.lines if "1991–2011" in line.label)
    assert line.value == Decimal("18.50000") and "21 de ani" in line.label
    assert result.contributory_points == Decimal("18.50000")
    # Without a stage, the span's years count in it.
    assert result.contributory_stage.years == 21


def test_a_span_adds_to_income_and_points():
    with_span = estimate_from_query(
        {"start_date": "2026-06-01", "income": ["2025:8620"], "point_span": ["1991-2011:20"]}
    )
    assert with_span.contributory_points == Decimal("21.00000")


@pytest.mark.parametrize(
    ("span", "words"),
    [
        ("1930-1940:3", "din 1938"),
        ("2020-2027:3", "după anul"),
        ("2011-1991:3", "primul an este după ultimul"),
        ("1991-2011", "AAAA-AAAA:punctaj"),
        ("2024-2025:2", "ați dat și venitul"),
    ],
)
def test_bad_spans_name_the_parameter(span, words):
    with pytest.raises(PensionInputError) as caught:
        estimate_from_query(
            {"start_date": "2026-06-01", "income": ["2025:8620"], "point_span": [span]}
        )
    assert caught.value.parameter == "point_span"
    assert words in caught.value.message


def test_overlapping_spans_are_refused():
    spans = (PointSpan(1991, 2000, Decimal(5)), PointSpan(2000, 2011, Decimal(5)))
    with pytest.raises(PensionInputError, match="2000"):
        estimate(EstimateInput(START, point_spans=spans))


def test_income_entries_keep_their_lines():
    result = estimate(
        EstimateInput(
            START,
            income=(IncomeEntry(2025, None, Decimal(8620)),),
            point_spans=(PointSpan(1995, 1995, Decimal("1.2")),),
        )
    )
    labels = [line.label for line in result.lines]
    assert any("Punctaj anual 2025" in label for label in labels)
    assert any("Punctajele anuale 1995 din raportul" in label for label in labels)
