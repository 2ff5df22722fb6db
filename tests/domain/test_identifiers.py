"""CNP, CUI and IBAN helpers around python-stdnum."""

import datetime as dt

import pytest

from domain import identifiers


def test_cnp_validity():
    assert identifiers.is_valid_cnp("1580514400010")
    assert not identifiers.is_valid_cnp("1580514400011")


@pytest.mark.parametrize(
    ("cnp", "born", "sex"),
    [
        ("1580514400010", dt.date(1958, 5, 14), "M"),
        ("2580514400012", dt.date(1958, 5, 14), "F"),
        ("5000101400012", dt.date(2000, 1, 1), "M"),
        ("7580514400011", None, "M"),  # a resident: the CNP gives no century
    ],
)
def test_cnp_birth_date_and_sex(cnp, born, sex):
    assert identifiers.cnp_birth_date(cnp) == born
    assert identifiers.cnp_sex(cnp) == sex


def test_cnp_sex_of_a_foreigner_without_one():
    assert identifiers.cnp_sex("9580514400010") is None


def test_cui_compact_and_validity():
    assert identifiers.compact_cui(" ro 18547290") == "18547290"
    assert identifiers.compact_cui("RO 1854 7290") == "18547290"
    assert identifiers.is_valid_cui("18547290")
    assert not identifiers.is_valid_cui("18547291")


def test_iban_compact_format_and_bank_code():
    compact = identifiers.compact_iban("ro49 btrl 0000 0000 0000 0076")
    assert compact == "RO49BTRL0000000000000076"
    assert len(compact) == identifiers.IBAN_LENGTH
    assert identifiers.format_iban(compact) == "RO49 BTRL 0000 0000 0000 0076"
    assert identifiers.bank_code_of(compact) == "BTRL"


@pytest.mark.parametrize(
    ("iban", "problem"),
    [
        ("RO49BTRL0000000000000076", None),
        ("RO48BTRL0000000000000076", "checksum"),
        ("RO37BTR10000000000000076", "format"),  # right checksum, a digit in the bank code
    ],
)
def test_iban_problem(iban, problem):
    assert identifiers.iban_problem(iban) == problem
