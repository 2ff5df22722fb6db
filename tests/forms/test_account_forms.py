"""Every rule of the account-request forms, with the message a person sees."""

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from forms.account import (
    IDENTITY_PAGES,
    AddressForm,
    ApplicantForm,
    IdentityDocumentForm,
    PersonsForm,
    persons,
)
from tests import builders

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def identity_forms(**overrides) -> list:
    """The pages before the persons page, each validated over the same answers; the identity
    document's form gets the birth date the first page gave, as the journey does."""
    data = MultiDict(builders.identity(**overrides))
    forms = []
    for form_class in IDENTITY_PAGES:
        extra = (
            {"birth_date": forms[0].birth_date.data} if form_class is IdentityDocumentForm else {}
        )
        form = form_class(formdata=data, meta={"csrf": False}, today=TODAY, **extra)
        form.validate()
        forms.append(form)
    return forms


def identity_errors(**overrides) -> dict:
    return {
        name: messages[0]
        for form in identity_forms(**overrides)
        for name, messages in form.errors.items()
    }


def persons_errors(rows: dict, applicant_cnp=builders.APPLICANT_CNP):
    form = PersonsForm(
        formdata=MultiDict(rows), meta={"csrf": False}, today=TODAY, applicant_cnp=applicant_cnp
    )
    form.validate()
    errors = {}
    for field_list in (form.natural_persons, form.legal_persons):
        for entry in field_list:
            for field in entry.form:
                if field.errors:
                    errors[field.name] = field.errors[0]
    return errors, form


def test_valid_answers_pass():
    assert identity_errors() == {}


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("last_name", "Introduceți numele de familie."),
        ("first_name", "Introduceți prenumele."),
        ("cnp", "Introduceți CNP-ul."),
        ("id_type", "Alegeți tipul actului de identitate."),
        ("id_number", "Introduceți numărul actului de identitate."),
        ("id_issuer", "Introduceți cine a eliberat actul de identitate."),
        ("id_issued_on", "Introduceți data eliberării actului de identitate."),
        ("county_code", "Alegeți județul."),
        ("locality", "Introduceți localitatea."),
        ("street", "Introduceți strada."),
        ("street_number", "Introduceți numărul străzii."),
        ("postal_code", "Introduceți codul poștal."),
        ("phone", "Introduceți numărul de telefon."),
        ("email", "Introduceți adresa de e-mail."),
        ("email_confirm", "Introduceți din nou adresa de e-mail."),
        ("office_code", "Alegeți casa de pensii la care veți prezenta cererea."),
    ],
)
def test_each_required_answer_has_its_own_instruction(field, message):
    assert identity_errors(**{field: ""})[field] == message


@pytest.mark.parametrize(
    ("field", "message"),
    [("birth_date", "Introduceți data nașterii."), ("sex", "Alegeți sexul.")],
)
def test_birth_date_and_sex_are_required_where_the_cnp_does_not_tell_them(field, message):
    assert identity_errors(cnp=builders.FOREIGN_CNP, **{field: ""})[field] == message


def test_optional_address_parts_and_expiry_may_be_empty():
    assert identity_errors(block="", staircase="", floor="", apartment="", id_expires_on="") == {}


@pytest.mark.parametrize(
    ("cnp", "message_part"),
    [
        ("123", "exact 13 cifre"),
        ("258051412345A", "exact 13 cifre"),
        ("2580514123450", "una dintre cifre este greșită"),
        ("2581314123451", "una dintre cifre este greșită"),  # month 13
    ],
)
def test_cnp_is_checked_with_its_control_digit(cnp, message_part):
    assert message_part in identity_errors(cnp=cnp)["cnp"]


def test_cnp_with_spaces_is_accepted():
    assert identity_errors(cnp="2 580514 123457") == {}


def applicant(**overrides) -> ApplicantForm:
    form = ApplicantForm(
        formdata=MultiDict(builders.identity(**overrides)), meta={"csrf": False}, today=TODAY
    )
    form.validate()
    return form


@pytest.mark.parametrize(
    ("cnp", "sex"), [(builders.APPLICANT_CNP, "F"), ("1580514123455", "M"), ("6050514123458", "F")]
)
def test_a_cnp_of_a_romanian_gives_birth_date_and_sex_whatever_was_posted(cnp, sex):
    """M14: neither is asked; what a tampered form sends for them is not what is kept."""
    form = applicant(cnp=cnp, birth_date="15.05.1959", sex="X")
    assert not form.asks_birth_date and not form.asks_sex
    assert form.errors == {}
    assert form.birth_date.data.strftime("%d.%m") == "14.05"
    assert form.sex.data == sex


@pytest.mark.parametrize(
    ("cnp", "sex"), [(builders.RESIDENT_MAN_CNP, "M"), (builders.RESIDENT_WOMAN_CNP, "F")]
)
def test_a_residents_cnp_gives_the_sex_and_the_birth_date_is_asked(cnp, sex):
    form = applicant(cnp=cnp, sex="X")
    assert form.asks_birth_date and not form.asks_sex
    assert form.errors == {}
    assert form.birth_date.data == dt.date(1958, 5, 14)
    assert form.sex.data == sex
    assert "birth_date" in identity_errors(cnp=cnp, birth_date="")


def test_a_foreigners_cnp_gives_neither_and_both_are_asked():
    form = applicant(cnp=builders.FOREIGN_CNP, sex="M")
    assert form.asks_birth_date and form.asks_sex
    assert form.errors == {}
    assert (form.birth_date.data, form.sex.data) == (dt.date(1958, 5, 14), "M")
    assert identity_errors(cnp=builders.FOREIGN_CNP, sex="X")["sex"] == "Alegeți sexul."


def test_neither_is_asked_until_the_cnp_is_valid():
    form = applicant(cnp="9580514123450", birth_date="", sex="")
    assert not form.asks_birth_date and not form.asks_sex
    assert set(form.errors) == {"cnp"}


def test_the_document_is_not_issued_before_the_birth_date_from_the_cnp():
    errors = identity_errors(id_issued_on="13.05.1958")
    assert errors["id_issued_on"] == "Data eliberării trebuie să fie după data nașterii."
    errors = identity_errors(cnp=builders.FOREIGN_CNP, birth_date="01.01.2016")
    assert errors["id_issued_on"] == "Data eliberării trebuie să fie după data nașterii."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "31.02.2015",
            "„Data eliberării” trebuie să fie o dată care există: verificați ziua și luna.",
        ),
        (
            "2015-13-01",
            "„Data eliberării” trebuie să fie o dată care există: verificați ziua și luna.",
        ),
        (
            "00.00.0000",
            "„Data eliberării” trebuie să fie o dată care există: verificați ziua și luna.",
        ),
        ("ieri", "„Data eliberării”: scrieți data ca zi.lună.an, de exemplu 27.03.2021."),
        ("1.1.1899", "„Data eliberării”: verificați anul, de exemplu 27.03.2021."),
        ("2.3.15", "„Data eliberării”: scrieți anul cu patru cifre, de exemplu 27.03.2021."),
    ],
)
def test_dates_must_exist_and_the_message_shows_the_format(value, message):
    """M14: "14/05/58" is a real date in a format we do not guess: the message says the format."""
    assert identity_errors(id_issued_on=value)["id_issued_on"] == message


@pytest.mark.parametrize("value", ["02/03/2015", "2015-03-02", "02-03-2015", "2.3.2015"])
def test_common_date_spellings_are_understood(value):
    assert "id_issued_on" not in identity_errors(id_issued_on=value)


def test_document_dates_follow_each_other():
    assert identity_errors(id_issued_on="01.01.1950")["id_issued_on"] == (
        "Data eliberării trebuie să fie după data nașterii."
    )
    assert identity_errors(id_issued_on="01.01.2030")["id_issued_on"] == (
        "Data eliberării trebuie să fie în trecut."
    )
    assert identity_errors(id_expires_on="01.01.2014")["id_expires_on"] == (
        "Data de expirare trebuie să fie după data eliberării."
    )
    assert "a expirat" in identity_errors(id_expires_on="21.11.2026")["id_expires_on"]
    assert identity_errors(id_expires_on="22.11.2026") == {}


def test_identity_card_series_and_number_shapes():
    assert identity_errors(id_series="")["id_series"].startswith("Introduceți seria")
    assert "două litere" in identity_errors(id_series="C1")["id_series"]
    assert "6 cifre" in identity_errors(id_number="12345")["id_number"]
    # A passport has no series and a longer number.
    assert identity_errors(id_type="PASAPORT", id_series="", id_number="051234567") == {}


def test_names_are_letters_only_with_diacritics_hyphens_and_apostrophes():
    assert identity_errors(last_name="O'Brien-Țepeș", first_name="Ana Maria") == {}
    for bad in ("Ion2", "Ion_", "@Ion", "Ion--Vasile"):
        assert "doar litere" in identity_errors(last_name=bad)["last_name"], bad


def test_cedilla_letters_are_turned_into_comma_below():
    form = ApplicantForm(
        formdata=MultiDict(builders.identity(last_name="Ştefănescu", first_name="Ţuţu")),
        meta={"csrf": False},
        today=TODAY,
    )
    assert form.validate()
    assert form.last_name.data == "Ștefănescu" and form.first_name.data == "Țuțu"


def test_ten_thousand_character_name_is_a_field_error():
    errors = identity_errors(last_name="a" * 10_000)
    assert errors["last_name"] == "„Numele de familie” poate avea cel mult 50 de caractere."


def test_control_characters_are_removed_and_reported():
    form = AddressForm(
        formdata=MultiDict(builders.identity(street="Strada\x00 Mare\x07")),
        meta={"csrf": False},
        today=TODAY,
    )
    assert not form.validate()
    assert form.street.data == "Strada Mare"
    assert "caractere invizibile nepermise" in form.errors["street"][0]


def test_markup_is_refused_in_every_text_field():
    assert "< și >" in identity_errors(street="<b>Strada</b>")["street"]
    assert "< și >" in identity_errors(id_issuer="<img src=x onerror=alert(1)>")["id_issuer"]


def test_email_is_checked_normalised_and_confirmed():
    assert "formatul corect" in identity_errors(email="ana@", email_confirm="ana@")["email"]
    errors = identity_errors(email_confirm="alta@example.ro")
    assert errors["email_confirm"].startswith("Adresele de e-mail nu sunt la fel")
    assert identity_errors(email="Ana.Taranescu@Example.RO") == {}


@pytest.mark.parametrize("phone", ["0722 123 456", "+39 06 1234 5678", "(0264) 123-456"])
def test_phone_numbers_in_common_formats(phone):
    assert "phone" not in identity_errors(phone=phone)


@pytest.mark.parametrize("phone", ["12345", "07x2 123 456", "+40 722 123 456 789 000"])
def test_bad_phone_numbers(phone):
    assert "cu 10 cifre" in identity_errors(phone=phone)["phone"]


def test_postal_code_has_six_digits():
    assert identity_errors(postal_code="40001")["postal_code"] == (
        "Codul poștal are exact 6 cifre, de exemplu 400001."
    )


def test_tampered_choices_are_refused():
    errors = identity_errors(county_code="XX", office_code="ZZ", id_type="BI")
    assert errors == {
        "county_code": "Alegeți județul din listă.",
        "office_code": "Alegeți casa de pensii din listă.",
        "id_type": "Alegeți tipul actului de identitate.",
    }


def test_no_english_message_ever():
    errors = identity_errors(**dict.fromkeys(builders.identity(), "\x01<x>"))
    for message in errors.values():
        assert not any(word in message for word in ("field", "required", "Invalid", "Not a"))


def test_persons_are_optional():
    errors, form = persons_errors({})
    assert errors == {} and form.count == 0


def test_valid_person_rows():
    rows = builders.natural_person(0) | builders.legal_person(0, cui="RO18547290")
    errors, form = persons_errors(rows)
    assert errors == {}
    assert form.legal_persons[0].form.cui.data == "18547290"


def test_person_rules():
    rows = builders.natural_person(0, cnp="1800101123460") | builders.legal_person(
        0, cui="18547291", role=""
    )
    errors, _ = persons_errors(rows)
    assert "una dintre cifre este greșită" in errors["natural_persons-0-cnp"]
    assert "cifra de control" in errors["legal_persons-0-cui"]
    assert errors["legal_persons-0-role"].startswith("Alegeți ce sunteți")


def test_parent_of_a_minor_needs_a_minor():
    adult = builders.natural_person(0, legal_basis="parinte")
    errors, _ = persons_errors(adult)
    assert "nu mai este minoră" in errors["natural_persons-0-legal_basis"]
    child = builders.natural_person(0, legal_basis="parinte", cnp="5030701123471")
    # Born 01.07.2003: an adult by 2026, so still refused; a child born in 2015 is fine.
    assert persons_errors(child)[0]
    from stdnum.ro import cnp

    minor_cnp = "515061012345" + cnp.calc_check_digit("515061012345")
    assert persons_errors(builders.natural_person(0, legal_basis="parinte", cnp=minor_cnp))[0] == {}


def test_own_cnp_and_repeated_persons_are_refused():
    rows = (
        builders.natural_person(0, cnp=builders.APPLICANT_CNP)
        | builders.natural_person(1)
        | builders.natural_person(2)
        | builders.legal_person(0)
        | builders.legal_person(1)
    )
    errors, _ = persons_errors(rows)
    assert errors["natural_persons-0-cnp"].startswith("Acesta este CNP-ul dumneavoastră")
    assert "natural_persons-1-cnp" not in errors
    assert errors["natural_persons-2-cnp"].startswith("Ați adăugat deja")
    assert errors["legal_persons-1-cui"].startswith("Ați adăugat deja")


def test_text_reordering_characters_are_removed_and_reported():
    form = AddressForm(
        formdata=MultiDict(builders.identity(street="Strada \u202eeraM")),
        meta={"csrf": False},
        today=TODAY,
    )
    assert not form.validate()
    assert form.street.data == "Strada eraM"
    assert "caractere invizibile nepermise" in form.errors["street"][0]


def test_a_form_built_without_data_validates_without_crashing():
    form = ApplicantForm(formdata=None, meta={"csrf": False}, today=TODAY)
    assert not form.validate()
    assert form.errors["last_name"] == ["Introduceți numele de familie."]


def test_rows_beyond_twenty_in_one_list_are_kept_and_refused():
    # F21: FieldList(max_entries=20) used to drop rows 20+ without a word.
    rows = {}
    for index in range(25):
        rows |= builders.legal_person(index, cui="18547290")
    _, form = persons_errors(rows)
    assert len(form.legal_persons.entries) == 25
    assert form.list_errors == [
        "Puteți adăuga cel mult 20 de persoane. "
        "Ați adăugat 25 de persoane: ștergeți-le pe cele în plus."
    ]


@pytest.mark.parametrize(
    "count, text",
    [
        (1, "o persoană"),
        (2, "2 persoane"),
        (19, "19 persoane"),
        (20, "20 de persoane"),
        (21, "21 de persoane"),
        (100, "100 de persoane"),
        (101, "101 persoane"),
        (120, "120 de persoane"),
    ],
)
def test_person_counts_take_de_from_twenty_on(count, text):
    assert persons(count) == text


def test_birth_dates_are_filled_in_by_the_browser():
    """m14: a field whose purpose is the person's birth date says so (WCAG 1.3.5)."""
    from forms.life_certificate import LifeCertificateForm

    for form_class in (ApplicantForm, LifeCertificateForm):
        form = form_class(meta={"csrf": False})
        assert 'autocomplete="bday"' in str(form.birth_date()), form_class


# --- M7: a home address abroad


def address(**overrides) -> AddressForm:
    data = MultiDict(builders.identity(**overrides))
    form = AddressForm(formdata=data, meta={"csrf": False})
    form.validate()
    return form


ABROAD = {
    "residence": "strainatate",
    "address_shown": "strainatate",
    "country_code": "GB",
    "foreign_address_line1": "10 Downing Street",
    "foreign_locality": "London",
    "foreign_postal_code": "sw1a  2aa",
}


def test_a_home_abroad_is_checked_and_the_romanian_answers_are_dropped():
    form = address(**ABROAD)
    assert not form.errors, form.errors
    assert form.abroad
    # Kept as the person wrote it, one space between its parts.
    assert form.foreign_postal_code.data == "sw1a 2aa"
    # The county and street typed before the change are not kept for a home abroad.
    assert form.county_code.data == "" and form.street.data == ""


def test_a_home_in_romania_drops_what_was_typed_for_abroad():
    form = address(country_code="IT", foreign_locality="Roma")
    assert not form.errors, form.errors
    assert form.country_code.data == "" and form.foreign_locality.data == ""


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"country_code": ""}, "country_code", "Alegeți țara."),
        ({"country_code": "RO"}, "country_code", "Alegeți țara din listă."),
        ({"foreign_locality": ""}, "foreign_locality", "Introduceți localitatea."),
        (
            {"foreign_postal_code": ""},
            "foreign_postal_code",
            "Introduceți codul poștal, de exemplu EC1Y 8SY.",
        ),
        (
            {"foreign_postal_code": "123456"},
            "foreign_postal_code",
            "Codul poștal nu arată ca unul din țara aleasă. Scrieți-l cum apare în adresa "
            "dumneavoastră, de exemplu EC1Y 8SY.",
        ),
    ],
)
def test_a_home_abroad_needs(overrides, field, message):
    form = address(**ABROAD | overrides)
    assert form.errors == {field: [message]}


def test_a_country_without_postal_codes_needs_none():
    form = address(**ABROAD | {"country_code": "AE", "foreign_postal_code": ""})
    assert not form.errors, form.errors


def test_where_is_asked_and_a_tampered_answer_refused():
    assert address(residence="").errors == {
        "residence": ["Alegeți dacă aveți domiciliul în România sau în altă țară."]
    }
    assert "residence" in address(residence="luna").errors


def test_a_choice_whose_questions_were_not_on_the_page_shows_them_without_errors():
    """JavaScript off: "În altă țară" picked while the Romanian boxes were shown."""
    form = address(
        residence="strainatate", address_shown="ro", county_code="", street="", locality=""
    )
    assert not form.validate()
    assert form.just_chosen and not form.errors
    assert form.country_code.change_focus
    # Once they were on the page, an empty answer is an error.
    form = address(residence="strainatate", address_shown="strainatate")
    assert not form.just_chosen
    assert "foreign_locality" in form.errors


def test_an_administered_person_is_insured_or_a_pensioner():
    form = PersonsForm(
        formdata=MultiDict(builders.natural_person(0, category="")), meta={"csrf": False}
    )
    form.validate()
    assert form.natural_persons[0].category.errors == [
        "Alegeți dacă persoana este asigurat sau pensionar."
    ]
    form = PersonsForm(
        formdata=MultiDict(builders.natural_person(0, category="angajator")), meta={"csrf": False}
    )
    form.validate()
    assert form.natural_persons[0].category.errors  # an employer is a legal person
