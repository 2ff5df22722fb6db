"""Every rule of the life-certificate form, with the message a person sees."""

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from domain.certificate_texts import LANGUAGES
from forms.life_certificate import LifeCertificateForm

TODAY = dt.date(2026, 2, 10)
CNP = "2500514123451"  # woman born 14.05.1950, county code 12


def answers(**overrides) -> dict:
    data = {
        "last_name": "Țărănescu",
        "first_name": "Ana-Maria Ștefania",
        "cnp": CNP,
        "birth_date": "14.05.1950",
        "pension_file": "123456",
        "house_code": "DB",
        "country_code": "IT",
        "address_line1": "Via Giuseppe Garibaldi 128, int. 4",
        "address_line2": "00184 Roma",
        "address_line3": "",
        "phone": "+39 06 1234 5678",
        "email": "ana@example.it",
        "language": "it",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def form_of(**overrides) -> LifeCertificateForm:
    form = LifeCertificateForm(
        formdata=MultiDict(answers(**overrides)), meta={"csrf": False}, today=TODAY
    )
    form.validate()
    return form


def errors(**overrides) -> dict:
    return {name: messages[0] for name, messages in form_of(**overrides).errors.items()}


def test_valid_answers_pass():
    assert errors() == {}


def test_answers_are_what_the_printout_takes():
    form = form_of(email="Ana@Example.IT", cnp="250 0514 123451", phone="0039 06 1234 5678")
    assert form.answers() == {
        "last_name": "Țărănescu",
        "first_name": "Ana-Maria Ștefania",
        "cnp": CNP,
        "birth_date": dt.date(1950, 5, 14),
        "pension_file": "123456",
        "house_code": "DB",
        "country_code": "IT",
        "address_line1": "Via Giuseppe Garibaldi 128, int. 4",
        "address_line2": "00184 Roma",
        "address_line3": "",
        "phone": "+39 06 1234 5678",
        "email": "ana@example.it",
        "language": "it",
    }


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("last_name", "Introduceți numele de familie."),
        ("first_name", "Introduceți prenumele."),
        ("cnp", "Introduceți CNP-ul."),
        ("birth_date", "Introduceți data nașterii."),
        ("pension_file", "Introduceți numărul dosarului de pensie."),
        ("house_code", "Alegeți casa de pensii care vă plătește pensia."),
        ("country_code", "Alegeți țara în care locuiți."),
        ("address_line1", "Introduceți strada și numărul."),
        ("address_line2", "Introduceți codul poștal și localitatea."),
        ("phone", "Introduceți numărul de telefon."),
        ("language", "Alegeți a doua limbă a certificatului."),
    ],
)
def test_each_required_answer_has_its_own_instruction(field, message):
    assert errors(**{field: ""})[field] == message
    assert errors(**{field: "   "})[field] == message


def test_third_address_line_and_email_are_optional():
    assert errors(address_line3="", email="") == {}


def test_missing_keys_are_treated_as_empty():
    form = LifeCertificateForm(formdata=MultiDict({}), meta={"csrf": False}, today=TODAY)
    assert not form.validate()
    assert set(form.errors) == {
        "last_name",
        "first_name",
        "cnp",
        "birth_date",
        "pension_file",
        "house_code",
        "country_code",
        "address_line1",
        "address_line2",
        "phone",
        "language",
    }


# --- Names


@pytest.mark.parametrize("value", ["Müller-Lüdenscheidt", "O’Brien", "Dupont d'Arc", "Ñúñez"])
def test_foreign_names_are_names(value):
    assert errors(last_name=value) == {}


@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        ("Ion3", "doar litere"),
        ("Ion_Popescu", "doar litere"),
        ("<b>Ion</b>", "nu poate conține caracterele < și >"),
        ("Ion\x07", "caractere invizibile"),
        ("A" * 51, "cel mult 50 de caractere"),
    ],
)
def test_bad_names(value, message_part):
    assert message_part in errors(last_name=value)["last_name"]


def test_cedilla_letters_become_comma_below():
    assert form_of(last_name="Ţepeş").last_name.data == "Țepeș"


# --- CNP and date of birth


@pytest.mark.parametrize(
    ("cnp", "message_part"),
    [
        ("123", "exact 13 cifre"),
        ("25005141234511", "exact 13 cifre"),
        ("250051412345A", "exact 13 cifre"),
        ("2500514123450", "una dintre cifre este greșită"),
    ],
)
def test_bad_cnp(cnp, message_part):
    assert message_part in errors(cnp=cnp)["cnp"]


def test_date_of_birth_must_agree_with_the_cnp():
    assert errors(birth_date="15.05.1950")["birth_date"] == (
        "Data nașterii nu corespunde cu CNP-ul. Verificați data nașterii și CNP-ul."
    )


def test_date_of_birth_is_not_compared_with_a_wrong_cnp():
    found = errors(cnp="2500514123450", birth_date="15.05.1950")
    assert "cnp" in found and "birth_date" not in found


def test_residents_and_foreigners_cnp_carries_no_century():
    # S = 7, 8 or 9: the CNP cannot tell the birth date, so any real date is accepted.
    assert errors(cnp="9500514123454", birth_date="01.01.1960") == {}


@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        ("31.02.1950", "trebuie să fie o dată care există: verificați ziua și luna"),
        ("ieri", "scrieți data ca zi.lună.an, de exemplu 14.05.1950"),
        ("14.05.1850", "verificați anul, de exemplu 14.05.1950"),
        ("14/05/50", "scrieți anul cu patru cifre, de exemplu 14.05.1950"),
    ],
)
def test_bad_dates_of_birth(value, message_part):
    assert message_part in errors(birth_date=value)["birth_date"]


def test_date_of_birth_in_the_future_is_refused():
    assert errors(cnp="6270101123459", birth_date="01.01.2027")["birth_date"] == (
        "Data nașterii trebuie să fie în trecut."
    )


@pytest.mark.parametrize("value", ["1950-05-14", "14/05/1950", "14-05-1950", " 14.05.1950 "])
def test_date_formats(value):
    assert errors(birth_date=value) == {}


# --- Pension file number


@pytest.mark.parametrize("value", ["123456", "12345/2019", "AB-1234", "12.345 B"])
def test_pension_file_numbers(value):
    assert errors(pension_file=value) == {}


@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        ("ABCDEF", "doar cifre"),
        ("12#45", "doar cifre"),
        ("/123", "doar cifre"),
        ("1" * 21, "cel mult 20 de caractere"),
    ],
)
def test_bad_pension_file_numbers(value, message_part):
    assert message_part in errors(pension_file=value)["pension_file"]


# --- County house, country, language: only the listed choices


@pytest.mark.parametrize("value", ["ZZ", "cj", "B; DROP TABLE", "<script>"])
def test_unknown_house_is_refused(value):
    assert errors(house_code=value)["house_code"] == "Alegeți casa de pensii din listă."


def test_bucharest_house_is_a_choice():
    assert errors(house_code="B") == {}


def test_romania_is_not_a_country_of_residence():
    form = form_of(country_code="RO")
    assert form.errors["country_code"][0] == (
        "Certificatul de viață este pentru cei care locuiesc în afara României. "
        "Alegeți țara în care locuiți."
    )
    assert "RO" not in {choice.value for choice in form.country_code.choices}


@pytest.mark.parametrize("value", ["ZZ", "XK", "EU", "it", "Italia"])
def test_unknown_country_is_refused(value):
    assert errors(country_code=value)["country_code"] == "Alegeți țara din listă."


def test_country_list_is_in_romanian_and_in_romanian_order():
    choices = form_of().country_code.choices
    assert choices[0].value == "" and choices[0].label == "Alegeți țara"
    labels = {choice.value: choice.label for choice in choices}
    assert (
        labels["DE"] == "Germania" and labels["HU"] == "Ungaria" and labels["NL"] == "Țările de Jos"
    )
    names = [choice.label for choice in choices[1:]]
    assert names.index("Turcia") < names.index("Țările de Jos") < names.index("Ucraina")
    assert names.index("El Salvador") < names.index("Elveția")
    assert names.index("Insulele Åland") < names.index("Insulele Cayman")
    assert len(names) > 240


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_of_the_six_languages(language):
    assert errors(language=language) == {}


@pytest.mark.parametrize("value", ["ro", "xx", "EN", "en-GB"])
def test_unknown_language_is_refused(value):
    assert errors(language=value)["language"] == (
        "Alegeți a doua limbă a certificatului din listă."
    )


def test_language_labels_name_both_languages():
    labels = [choice.label for choice in form_of().language.choices]
    # Each language's own name carries its lang attribute (m15).
    assert labels == [
        'Română și engleză (<span lang="en">English</span>)',
        'Română și italiană (<span lang="it">italiano</span>)',
        'Română și spaniolă (<span lang="es">español</span>)',
        'Română și germană (<span lang="de">Deutsch</span>)',
        'Română și franceză (<span lang="fr">français</span>)',
        'Română și maghiară (<span lang="hu">magyar</span>)',
    ]


@pytest.mark.parametrize(
    "country, typed, completed",
    [
        ("IT", "347 123 4567", "+39 347 123 4567"),
        ("IT", "06 1234 5678", "+39 06 1234 5678"),
        ("DE", "030 1234567", "+49 30 1234567"),
        ("ES", "612 34 56 78", "+34 612 34 56 78"),
    ],
)
def test_a_phone_without_the_country_code_is_completed_from_the_country(country, typed, completed):
    """m5: "347 123 4567" was refused although the person lives in Italy."""
    form = form_of(country_code=country, phone=typed)
    assert "phone" not in form.errors
    assert form.phone.data == completed


def test_the_cnp_hint_and_its_errors_point_to_the_same_paper():
    """m5: the hint said "decizia de pensie", the error "actul de identitate"."""
    form = form_of(cnp="123")
    assert "Îl găsiți pe decizia de pensie." in form.cnp.description
    assert form.errors["cnp"][0] == "CNP-ul are exact 13 cifre. Îl găsiți pe decizia de pensie."
    wrong_digit = form_of(cnp="2500514123459").errors["cnp"][0]
    assert wrong_digit.endswith("Îl găsiți pe decizia de pensie.")
    assert "actul de identitate" not in wrong_digit


# --- Address abroad: free text, no markup, no control characters


@pytest.mark.parametrize("field", ["address_line1", "address_line2", "address_line3"])
@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        ("Via <i>Roma</i> 1", "nu poate conține caracterele < și >"),
        ("Via Roma\x001", "caractere invizibile"),
        ("Via Roma \u202e1", "caractere invizibile"),
        ("x" * 101, "cel mult 100 de caractere"),
    ],
)
def test_bad_address_lines(field, value, message_part):
    assert message_part in errors(**{field: value})[field]


def test_address_lines_are_cleaned():
    form = form_of(address_line1="  Calle   Mayor\t5 ", address_line3="Île-de-France")
    assert form.address_line1.data == "Calle Mayor 5"
    assert form.address_line3.data == "Île-de-France"


# --- Phone, international


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("+39 06 1234 5678", "+39 06 1234 5678"),
        ("0039 06 1234 5678", "+39 06 1234 5678"),
        ("+49 (30) 123-4567", "+49 (30) 123-4567"),
        ("+40722123456", "+40722123456"),
        ("+1 212 555 0100", "+1 212 555 0100"),
    ],
)
def test_international_phone_numbers(value, normalised):
    form = form_of(phone=value)
    assert not form.errors
    assert form.phone.data == normalised


@pytest.mark.parametrize(
    "value",
    [
        "12 34",  # no country code, and not a number in Italy either
        "0722 123 456",  # a Romanian number written for Romania: not guessed as Italian
        "+0 612 345 678",  # country codes do not start with 0
        "+39 06 CALL ME",
        "+39 12",  # too short
        "+39 0612 3456 7890 123",  # more than 15 digits
        "++39 06 1234 5678",
    ],
)
def test_bad_phone_numbers(value):
    assert errors(phone=value)["phone"] == (
        "Introduceți numărul de telefon cu prefixul țării, de exemplu +39 06 1234 5678 "
        "pentru Italia sau +49 30 1234567 pentru Germania."
    )


def test_phone_longer_than_its_box():
    assert "cel mult 25 de caractere" in errors(phone="+39 " + "1 " * 12)["phone"]


# --- Email, optional


@pytest.mark.parametrize("value", ["ana", "ana@", "@example.it", "ana@example", "a b@example.it"])
def test_bad_emails(value):
    assert errors(email=value)["email"].startswith(
        "Introduceți adresa de e-mail în formatul corect"
    )


def test_email_fits_its_printed_box():
    assert "cel mult 100 de caractere" in errors(email="a" * 95 + "@example.it")["email"]
