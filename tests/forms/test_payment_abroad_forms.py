"""Every rule of the declaration for a transfer abroad, with the message a person sees: the
foreign IBAN and the BIC (python-stdnum), their country against the bank's, and the address."""

import pytest
from werkzeug.datastructures import MultiDict

from domain import foreign_accounts
from domain.reference.postal_codes import postal_code_problem
from forms.payment_abroad import AbroadFilerForm, ForeignAccountForm, PensionerAbroadForm
from tests.builders import foreign_account, pensioner_abroad


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def validated(form_class, data: dict):
    form = form_class(formdata=MultiDict(data), meta={"csrf": False})
    form.validate()
    return form


def errors_of(form) -> dict:
    return {name: messages[0] for name, messages in form.errors.items()}


def account_errors(**overrides) -> dict:
    return errors_of(validated(ForeignAccountForm, foreign_account(**overrides)))


def pensioner_errors(**overrides) -> dict:
    return errors_of(validated(PensionerAbroadForm, pensioner_abroad(**overrides)))


# --- The IBAN


@pytest.mark.parametrize(
    ("country", "iban"),
    [
        ("IT", "IT60 X054 2811 1010 0000 0123 456"),
        ("DE", "de89 3704 0044 0532 0130 00"),
        ("ES", "ES91 2100 0418 4502 0005 1332"),
        ("FR", "FR14 2004 1010 0505 0001 3M02 606"),
        ("GB", "GB29 NWBK 6016 1331 9268 19"),
        ("AT", "AT61 1904 3002 3457 3201"),
        ("MD", "MD24 AG00 0225 1000 1310 4168"),
        # A bank in Guadeloupe has a French IBAN.
        ("GP", "FR14 2004 1010 0505 0001 3M02 606"),
    ],
)
def test_a_good_foreign_iban_is_kept_compact(country, iban):
    bic = {"GP": "BNPAFRPP", "FR": "BNPAFRPP"}.get(country, f"ABCD{country}22")
    form = validated(ForeignAccountForm, foreign_account(bank_country=country, iban=iban, bic=bic))
    assert form.errors == {}
    assert form.iban.data == iban.replace(" ", "").upper()


def test_a_romanian_iban_is_refused_pointing_to_the_romanian_request():
    message = account_errors(iban="RO49 BTRL 0000 0000 0000 0076")["iban"]
    assert message.startswith("Acesta este un IBAN din România (începe cu RO).")
    assert "cererea de plată a pensiei pe card sau în cont bancar" in message


@pytest.mark.parametrize(
    ("iban", "expected"),
    [
        ("IT60 X054 2811 1010 0000 0123 457", "o literă sau o cifră este greșită"),
        ("IT60 X054 2811 1010 0000 0123 45", "IBAN-ul din Italia are exact 27 de caractere"),
        ("IT60 X054 2811 1010 0000 0123 45!", "IBAN-ul are doar litere și cifre"),
        ("ÎT60 X054 2811 1010 0000 0123 456", "IBAN-ul are doar litere și cifre"),
        ("XX60 X054 2811 1010 0000 0123 456", "codul țării băncii, din două litere"),
        ("6000 X054 2811 1010 0000 0123 456", "codul țării băncii, din două litere"),
    ],
)
def test_a_bad_iban_gets_the_message_for_its_problem(iban, expected):
    assert expected in account_errors(iban=iban)["iban"]


def test_the_length_message_counts_what_was_typed():
    message = account_errors(iban="IT60X05428111010000001234")["iban"]
    assert message == (
        "IBAN-ul din Italia are exact 27 de caractere. Ați scris 25 de caractere: verificați să "
        "nu lipsească sau să nu fie în plus o cifră."
    )


def test_an_iban_of_another_country_than_the_bank_is_refused():
    message = account_errors(bank_country="DE", bic="DEUTDEFF")["iban"]
    assert message == (
        "IBAN-ul este al unui cont din Italia (începe cu IT), dar ați ales o bancă din "
        "Germania. Alegeți țara băncii care ține contul sau corectați IBAN-ul."
    )


def test_a_format_error_names_the_country():
    # The right length and checksum for Germany, but a letter where Germany has only digits.
    iban = "DE" + "00" + "3704004405320130A0"
    from stdnum import iban as stdnum_iban

    iban = "DE" + stdnum_iban.calc_check_digits(iban) + iban[4:]
    message = account_errors(bank_country="DE", iban=iban, bic="DEUTDEFF")["iban"]
    assert message.startswith("IBAN-ul nu are forma unui IBAN din Germania")


# --- The bank country


def test_the_bank_country_is_required_and_not_romania():
    assert account_errors(bank_country="")["bank_country"] == (
        "Alegeți țara băncii la care este deschis contul."
    )
    assert "cererea de plată a pensiei pe card" in account_errors(bank_country="RO")["bank_country"]
    assert account_errors(bank_country="ZZ")["bank_country"] == "Alegeți țara băncii din listă."


def test_a_country_without_iban_is_sent_to_the_house():
    message = account_errors(bank_country="US")["bank_country"]
    assert message.startswith("În Statele Unite ale Americii conturile bancare nu au IBAN")
    assert "Întrebați casa de pensii" in message


# --- The BIC


@pytest.mark.parametrize("bic", ["BPMOIT22", "bpmoit22xxx", "BPMO IT22 XXX"])
def test_a_good_bic_is_kept_compact_in_capitals(bic):
    form = validated(ForeignAccountForm, foreign_account(bic=bic))
    assert "bic" not in form.errors
    assert form.bic.data == bic.replace(" ", "").upper()


@pytest.mark.parametrize(
    ("bic", "expected"),
    [
        ("BPMO", "are 8 sau 11 caractere"),
        ("BPMOIT22X", "are 8 sau 11 caractere"),
        ("1PMOIT22", "începe cu patru litere ale băncii și două litere ale țării"),
        ("BPMOQQ22", "„QQ” nu este codul unei țări"),
        ("BPMO-IT22", "are doar litere și cifre"),
        ("DEUTDEFF", "este al unei bănci din Germania (literele 5 și 6: DE)"),
    ],
)
def test_a_bad_bic_gets_the_message_for_its_problem(bic, expected):
    assert expected in account_errors(bic=bic)["bic"]


def test_the_bic_is_required():
    assert account_errors(bic="")["bic"] == "Introduceți codul BIC (SWIFT) al băncii."


# --- The rest of the account page


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("bank_name", "Introduceți numele băncii."),
        ("bank_address", "Introduceți adresa băncii."),
        ("holder_name", "Introduceți numele titularului contului, așa cum îl scrie banca."),
        ("iban", "Introduceți IBAN-ul contului."),
    ],
)
def test_each_account_question_is_required(field, message):
    assert account_errors(**{field: ""})[field] == message


def test_the_account_must_be_the_pensioners():
    assert account_errors(own_account="")["own_account"].startswith(
        "Confirmați că acest cont este deschis pe numele titularului pensiei."
    )


# --- The pensioner and the address abroad


def test_good_pensioner_answers_pass():
    form = validated(
        PensionerAbroadForm, pensioner_abroad(country_code="GB", postal_code=" sw1a   1aa ")
    )
    assert form.errors == {}
    # Kept as typed, as on the account's address pages: only the spaces tidied.
    assert form.postal_code.data == "sw1a 1aa"


@pytest.mark.parametrize(
    ("country", "code", "problem"),
    [
        ("IT", "00184", None),
        ("IT", "1010", "Codul poștal nu arată ca unul din țara aleasă"),
        ("AT", "1010", None),
        ("DE", "D-10115", None),
        ("GB", "00184", "Codul poștal nu arată ca unul din țara aleasă"),
        ("IT", "", "Introduceți codul poștal, de exemplu 00144."),
        ("IE", "", None),
        ("HK", "", None),
    ],
)
def test_the_postal_code_follows_the_account_pages_rule(country, code, problem):
    """The same per-country rule as the account's home abroad (domain/reference/postal_codes.py),
    with the same messages."""
    error = pensioner_errors(country_code=country, postal_code=code).get("postal_code")
    if problem is None:
        assert error is None
    else:
        assert error.startswith(problem)
    assert postal_code_problem(country, code) == error


def test_the_country_of_residence_is_not_romania():
    assert pensioner_errors(country_code="RO")["country_code"] == (
        "Transferul pensiei în străinătate este pentru cei care nu au domiciliul în România. "
        "Alegeți țara în care locuiți."
    )


def test_hyphens_and_spaces_in_an_iban_are_dropped():
    form = validated(ForeignAccountForm, foreign_account(iban="IT60-X054-2811-1010-0000-0123-456"))
    assert form.errors == {} and form.iban.data == "IT60X0542811101000000123456"


@pytest.mark.parametrize(
    ("overrides", "field", "expected"),
    [
        ({"country_code": ""}, "country_code", "Alegeți țara în care locuiți."),
        ({"street": ""}, "street", "Introduceți strada și numărul."),
        ({"locality": ""}, "locality", "Introduceți localitatea."),
        ({"postal_code": "00184!"}, "postal_code", "Codul poștal nu arată ca unul din țara aleasă"),
        ({"phone": "12"}, "phone", "Introduceți numărul de telefon cu prefixul țării"),
        ({"pension_number": "abc"}, "pension_number", "Numărul dosarului sau al deciziei"),
        ({"house_code": ""}, "house_code", "Alegeți casa de pensii care vă plătește pensia."),
    ],
)
def test_each_pensioner_rule_has_its_message(overrides, field, expected):
    assert pensioner_errors(**overrides)[field].startswith(expected)


def test_the_postal_code_is_optional_where_the_country_needs_none_and_region_always():
    assert pensioner_errors(country_code="IE", postal_code="", region="") == {}
    assert pensioner_errors(region="") == {}


def test_a_phone_without_country_code_is_completed_from_the_country():
    form = validated(PensionerAbroadForm, pensioner_abroad(phone="06 1234 5678"))
    assert form.errors == {} and form.phone.data.startswith("+39")


def test_who_files_speaks_of_the_declaration():
    form = validated(AbroadFilerForm, {"who_files": ""})
    assert form.errors["who_files"][0] == "Alegeți cine depune declarația."
    assert validated(AbroadFilerForm, {"who_files": "imputernicit"}).represented


# --- The domain helpers


def test_iban_lengths_come_from_the_stdnum_registry():
    assert foreign_accounts.iban_length("DE") == 22
    assert foreign_accounts.iban_length("IT") == 27
    assert foreign_accounts.iban_length("US") is None
    assert foreign_accounts.uses_iban("GP") and not foreign_accounts.uses_iban("CA")
