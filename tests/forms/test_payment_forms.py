"""Every rule of the request for payment into an account, with the message a person sees."""

import datetime as dt

import pytest
from stdnum import iban as iban_number
from werkzeug.datastructures import MultiDict

from domain.identifiers import format_iban
from domain.reference.banks import all_banks
from forms.payment import BankAccountForm, FilerForm, PensionerForm, RepresentativeForm
from tests.builders import (
    PENSIONER_CNP,
    REPRESENTATIVE_CNP,
    bank_account,
    pensioner,
    representative,
)

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def iban_for(code: str, account: str = "0000000000001234") -> str:
    """A Romanian IBAN with a correct checksum for a bank code."""
    return f"RO{iban_number.calc_check_digits(f'RO00{code}{account}')}{code}{account}"


def validated(form_class, data: dict, **kwargs):
    form = form_class(formdata=MultiDict(data), meta={"csrf": False}, today=TODAY, **kwargs)
    form.validate()
    return form


def errors_of(form) -> dict:
    return {name: messages[0] for name, messages in form.errors.items()}


def pensioner_errors(**overrides) -> dict:
    return errors_of(validated(PensionerForm, pensioner(**overrides)))


def account_errors(**overrides) -> dict:
    return errors_of(validated(BankAccountForm, bank_account(**overrides)))


def filer_errors(data: dict) -> dict:
    return errors_of(validated(FilerForm, data))


def representative_errors(data: dict) -> dict:
    return errors_of(validated(RepresentativeForm, data, applicant_cnp=PENSIONER_CNP))


# --- The pensioner


def test_valid_pensioner_passes():
    assert pensioner_errors() == {}


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("last_name", "Introduceți numele de familie."),
        ("first_name", "Introduceți prenumele."),
        ("cnp", "Introduceți CNP-ul."),
        (
            "pension_number",
            "Introduceți numărul dosarului de pensie sau al deciziei de pensie.",
        ),
        ("house_code", "Alegeți casa de pensii care plătește pensia."),
        ("county_code", "Alegeți județul."),
        ("locality", "Introduceți localitatea."),
        ("street", "Introduceți strada."),
        ("street_number", "Introduceți numărul străzii."),
        ("postal_code", "Introduceți codul poștal."),
        ("phone", "Introduceți numărul de telefon."),
    ],
)
def test_each_required_answer_has_its_own_instruction(field, message):
    assert pensioner_errors(**{field: ""})[field] == message


def test_email_and_address_details_are_optional():
    assert pensioner_errors(email="", block="", staircase="", floor="", apartment="") == {}


def test_email_when_given_must_be_an_address_and_is_lowercased():
    assert "nume@exemplu.ro" in pensioner_errors(email="ana@")["email"]
    form = validated(PensionerForm, pensioner(email="Ana.Pop@Example.RO"))
    assert form.email.data == "ana.pop@example.ro"


@pytest.mark.parametrize(
    ("cnp", "message_part"),
    [("123", "exact 13 cifre"), ("2580514123450", "nu este valid"), ("abc", "13 cifre")],
)
def test_cnp_is_checked(cnp, message_part):
    assert message_part in pensioner_errors(cnp=cnp)["cnp"]


def test_cnp_with_spaces_is_normalised():
    assert validated(PensionerForm, pensioner(cnp="2 580514 123457")).cnp.data == PENSIONER_CNP


@pytest.mark.parametrize("number", ["123456", "12345/2019", "ab-123.4", "DP 2019 7781"])
def test_pension_number_forms_accepted_and_uppercased(number):
    form = validated(PensionerForm, pensioner(pension_number=number))
    assert not form.pension_number.errors
    assert form.pension_number.data == number.upper()


@pytest.mark.parametrize("number", ["abc", "/123", "12;34", "12_34", "12#34", "№ 12"])
def test_pension_number_must_be_digits_and_plain_signs(number):
    assert (
        "Numărul dosarului sau al deciziei"
        in pensioner_errors(pension_number=number)["pension_number"]
    )


def test_pension_number_has_a_length_limit():
    assert "cel mult 30" in pensioner_errors(pension_number="1" * 31)["pension_number"]


@pytest.mark.parametrize("field", ["house_code", "county_code"])
def test_tampered_county_is_refused(field):
    assert "din listă" in pensioner_errors(**{field: "ZZ"})[field]


def test_every_county_house_may_be_chosen():
    from domain.reference.counties import all_counties

    for county in all_counties():
        assert "house_code" not in pensioner_errors(house_code=county.code)


def test_postal_code_and_phone():
    assert "6 cifre" in pensioner_errors(postal_code="12345")["postal_code"]
    assert "0722 123 456" in pensioner_errors(phone="12")["phone"]


@pytest.mark.parametrize(
    ("field", "value", "message_part"),
    [
        ("last_name", "<b>Ion</b>", "caracterele < și >"),
        ("locality", '"><script>alert(1)</script>', "caracterele < și >"),
        ("first_name", "Ana\x00", "caractere invizibile"),
        ("street", "Strada\x1b[31m Roșie", "caractere invizibile"),
        ("last_name", "A" * 10_000, "cel mult 50"),
        ("street", "S" * 10_000, "cel mult 100"),
        ("last_name", "Ion3", "doar litere"),
    ],
)
def test_bad_text_is_refused_with_a_message(field, value, message_part):
    assert message_part in pensioner_errors(**{field: value})[field]


def test_cedilla_letters_become_comma_below():
    form = validated(PensionerForm, pensioner(last_name="Ţuţuianu", first_name="Ştefan"))
    assert (form.last_name.data, form.first_name.data) == ("Țuțuianu", "Ștefan")


# --- The bank account


def test_valid_account_passes():
    assert account_errors() == {}


@pytest.mark.parametrize(
    "typed",
    [
        "RO49BTRL0000000000000076",
        "ro49btrl0000000000000076",
        "RO49 BTRL 0000 0000 0000 0076",
        "  ro49 btrl 0000 0000 0000 0076 ",
        "RO49-BTRL-0000-0000-0000-0076",
        "RO49\u00a0BTRL\u00a00000\u00a00000\u00a00000\u00a00076",  # pasted with no-break spaces
    ],
)
def test_spaces_and_lowercase_are_accepted_and_normalised(typed):
    form = validated(BankAccountForm, bank_account(iban=typed))
    assert form.errors == {}
    assert form.iban.data == "RO49BTRL0000000000000076"
    assert format_iban(form.iban.data) == "RO49 BTRL 0000 0000 0000 0076"


def test_the_bank_is_read_from_the_iban_and_shown_under_it():
    """M13: nobody picks the bank from a list (and is told it does not match): the IBAN's bank
    code says it, and the page shows it."""
    assert "bank_code" not in BankAccountForm()._fields
    banks = all_banks()
    assert len(banks) == 17
    for bank in banks:
        form = validated(BankAccountForm, bank_account(iban=iban_for(bank.iban_code)))
        assert errors_of(form) == {}
        assert form.bank == bank
        assert form.iban.description.startswith(f"Banca: {bank.name} ✓")


def test_no_bank_is_shown_for_an_invalid_iban():
    form = validated(BankAccountForm, bank_account(iban="RO49BTRL0000000000000077"))
    assert form.bank is None
    assert "Banca:" not in form.iban.description


def test_wrong_checksum():
    message = account_errors(iban="RO49BTRL0000000000000077")["iban"]
    assert message.startswith("IBAN-ul nu este valid: o literă sau o cifră este greșită.")


def test_swapped_characters_are_caught():
    assert "nu este valid" in account_errors(iban="RO49BTRL0000000000000067")["iban"]


@pytest.mark.parametrize(
    "iban",
    ["DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "BG80BNBG96611020345678", "49BTRL"],
)
def test_iban_must_be_romanian(iban):
    message = account_errors(iban=iban)["iban"]
    assert "IBAN-ul începe cu RO" in message
    # The way to the declaration for an account abroad (/plata-strainatate).
    assert "declarația de transfer al pensiei în străinătate" in message


def test_treasury_account_is_refused():
    message = account_errors(iban=iban_for("TREZ"))["iban"]
    assert message.startswith("Acesta este un cont de Trezorerie (codul TREZ).")
    assert "Pensia nu se poate plăti într-un cont de Trezorerie" in message


def test_bank_without_a_cnpp_convention_is_refused():
    message = account_errors(iban=iban_for("PIRB"))["iban"]
    assert "nu plătește pensii" in message and "PIRB" in message


@pytest.mark.parametrize(
    ("iban", "count"),
    [("RO49BTRL00000000000000761", "25 de caractere"), ("RO49BTRL00", "10 caractere")],
)
def test_wrong_length_says_how_many_were_typed(iban, count):
    message = account_errors(iban=iban)["iban"]
    assert "exact 24 de caractere" in message and f"Ați scris {count}." in message


@pytest.mark.parametrize(
    "iban", ["RO49+BTRL0000000000000076", "RO49BTRL000000000000007_", "RО49BTRL0000000000000076"]
)
def test_other_characters_are_refused(iban):
    # The third has a Cyrillic О: it looks right and is not.
    assert "doar litere și cifre" in account_errors(iban=iban)["iban"]


def test_bank_code_must_be_letters():
    assert "nu are forma corectă" in account_errors(iban=iban_for("BT1L"))["iban"]


@pytest.mark.parametrize(
    ("iban", "message_part"),
    [
        ("RO49 <b>BTRL</b>", "caracterele < și >"),
        ("RO49BTRL0000000000000076\x00", "caractere invizibile"),
        ("R" * 10_000, "cel mult 40"),
    ],
)
def test_bad_iban_text(iban, message_part):
    assert message_part in account_errors(iban=iban)["iban"]


def test_iban_required():
    assert account_errors(iban="")["iban"] == "Introduceți IBAN-ul contului."


@pytest.mark.parametrize("ticked", ["", None])
def test_own_name_declaration_is_required(ticked):
    data = bank_account()
    if ticked is None:
        del data["own_account"]
    else:
        data["own_account"] = ticked
    message = errors_of(validated(BankAccountForm, data))["own_account"]
    assert message.startswith("Confirmați că acest cont este deschis pe numele titularului")


# --- Who files


def test_the_pensioner_filing_needs_no_representative():
    assert filer_errors({"who_files": "titular"}) == {}


def test_who_files_is_required_and_from_the_list():
    assert filer_errors({})["who_files"] == "Alegeți cine depune cererea."
    assert filer_errors({"who_files": "vecinul"})["who_files"] == "Alegeți cine depune cererea."


@pytest.mark.parametrize("who", ["reprezentant_legal", "imputernicit"])
def test_representative_with_a_document_passes(who):
    assert filer_errors(representative(who_files=who)) == {}
    assert representative_errors(representative(who_files=who)) == {}


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("rep_last_name", "Introduceți numele de familie al persoanei care depune cererea."),
        ("rep_first_name", "Introduceți prenumele persoanei care depune cererea."),
        ("rep_cnp", "Introduceți CNP-ul persoanei care depune cererea."),
        ("rep_document_number", "Introduceți numărul procurii sau al hotărârii."),
        ("rep_document_date", "Introduceți data procurii sau a hotărârii."),
    ],
)
@pytest.mark.parametrize("who", ["reprezentant_legal", "imputernicit"])
def test_each_representative_answer_is_required_when_someone_else_files(who, field, message):
    assert representative_errors(representative(who_files=who, **{field: ""}))[field] == message


def test_representative_answers_are_checked():
    errors = representative_errors(
        representative(
            rep_last_name="Pop3",
            rep_cnp="1800101123460",
            rep_document_number="<b>1</b>",
            rep_document_date="01.01.2027",
        )
    )
    assert "doar litere" in errors["rep_last_name"]
    assert "nu este valid" in errors["rep_cnp"]
    assert "caracterele < și >" in errors["rep_document_number"]
    assert errors["rep_document_date"] == "Data procurii sau a hotărârii trebuie să fie în trecut."
    assert (
        "dată care există"
        in representative_errors(representative(rep_document_date="31.02.2024"))[
            "rep_document_date"
        ]
    )


def test_representative_cannot_be_the_pensioner():
    message = representative_errors(representative(rep_cnp=PENSIONER_CNP))["rep_cnp"]
    assert message.startswith("Acesta este CNP-ul titularului pensiei.")


def test_representative_boxes_do_not_matter_when_the_pensioner_files():
    junk = representative(
        who_files="titular",
        rep_last_name="<script>",
        rep_cnp="12",
        rep_document_date="zz",
        rep_first_name="A" * 10_000,
        rep_document_number="\x07",
    )
    form = validated(FilerForm, junk)
    assert form.validate() and form.errors == {}
    assert not form.represented


def test_representative_cnp_is_normalised():
    form = validated(
        RepresentativeForm, representative(rep_cnp="1 800101 123469"), applicant_cnp=PENSIONER_CNP
    )
    assert form.rep_cnp.data == REPRESENTATIVE_CNP
