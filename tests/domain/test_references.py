"""Reference numbers: one format, one reading of what people and QR scanners type."""

import pytest

from domain.references import ACCOUNT_REQUEST_PREFIX, format_reference, normalise_reference


def test_format_pads_the_number_to_six_digits():
    assert format_reference(2026, 123) == "CC-2026-000123"
    assert format_reference(2026, 1, prefix="XY") == "XY-2026-000001"
    assert format_reference(2027, 999999, ACCOUNT_REQUEST_PREFIX) == "CC-2027-999999"


@pytest.mark.parametrize(
    "typed",
    [
        "CC-2026-000123",
        " cc-2026-000123 ",
        "cc2026000123",
        "CC 2026 000123",
        "CC/2026/000123",
        "CC.2026.000123",
        "CC_2026_000123",
        "CC–2026–000123",  # a scanner on another keyboard layout: not a hyphen
        "2026-000123",  # the digits copied without the prefix
        "2026000123",
        "CC-2026-123",  # the number without its leading zeros, after a separator
        "cc 2026 123",
        "cc2026 123",
        " cc-2026-123 ",
    ],
)
def test_normalise_accepts_any_case_and_separator(typed):
    assert normalise_reference(typed) == "CC-2026-000123"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "CC2026123",  # without separators the year's end is unknown
        "CC-2026-0001234",
        "CC-2026-0",
        "CC-2026-000000",
        "CC 2026 000 123",
        "CC",
        "2026",
        "CC-26-000123",
        "C-2026-000123",
        "CCC-2026-000123",
        "12-2026-000123",
        "CC-2026-00012A",
        "1800101123469",  # a CNP, which the counter's search box also takes
    ],
)
def test_normalise_refuses_what_is_not_a_reference(typed):
    assert normalise_reference(typed) is None


def test_normalise_reads_back_what_format_writes():
    assert normalise_reference(format_reference(2031, 42).lower()) == "CC-2031-000042"


@pytest.mark.parametrize(
    ("typed", "reference"),
    [
        ("2026-000004", "CC-2026-000004"),
        ("cc 2026 4", "CC-2026-000004"),
        ("CC-2026-4", "CC-2026-000004"),
    ],
)
def test_normalise_reads_the_forms_people_write_on_the_status_page(typed, reference):
    assert normalise_reference(typed) == reference


def test_normalise_keeps_another_journeys_prefix():
    assert normalise_reference("pt 2026 17") == "PT-2026-000017"
