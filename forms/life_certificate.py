"""The life certificate for pensioners living abroad: one page of questions."""

import re

from wtforms import RadioField, SelectField, StringField
from wtforms.validators import StopValidation, ValidationError

from documents.translations import LANGUAGES, countries, texts
from forms.base import PageForm
from forms.fields import date_field, name_field, office_choices, options, text
from forms.validators import CNP, Choice, DateNotInFuture, Email, Pattern, Required, cnp_birth_date

ROMANIA = "RO"
PENSION_FILE = r"(?=.*[0-9])[0-9A-Za-z][0-9A-Za-z /.-]*"
# E.164: a country code that does not start with 0, at most 15 digits in all.
INTERNATIONAL_PHONE = re.compile(r"\+[1-9][0-9 ().-]*")


def country_choices():
    return options([("", "Alegeți țara")] + [(c.code, c.name) for c in countries()])


def language_choices():
    return options(
        (code, f"Română și {texts(code)['name_ro']} ({texts(code)['name']})") for code in LANGUAGES
    )


class NotRomania:
    """A tampered form may post RO; the message says why Romania is not in the list."""

    def __call__(self, form, field):
        if field.data == ROMANIA:
            raise StopValidation(
                "Certificatul de viață este pentru cei care locuiesc în afara României. "
                "Alegeți țara în care locuiți."
            )


class NoDirectionControls:
    """Refuses the invisible characters that reorder text (U+202A–U+202E, U+2066–U+2069).

    TextField drops control characters (Cc) but lets these format characters (Cf) through, and on
    a printed certificate they would make an address read differently from what was typed.
    """

    CHARACTERS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

    def __call__(self, form, field):
        if field.data and not self.CHARACTERS.isdisjoint(field.data):
            raise StopValidation(
                f"„{field.label.text}” conține caractere invizibile care schimbă ordinea "
                "textului. Ștergeți rândul și scrieți-l din nou."
            )


class InternationalPhone:
    """A number abroad, with its country code: 0039… is written +39…."""

    MESSAGE = (
        "Introduceți numărul de telefon cu prefixul țării, de exemplu +39 06 1234 5678 "
        "pentru Italia sau +49 30 1234567 pentru Germania."
    )

    def __call__(self, form, field):
        value = field.data
        if value.startswith("00"):
            value = "+" + value[2:]
        digits = re.sub(r"\D", "", value)
        if not INTERNATIONAL_PHONE.fullmatch(value) or not 8 <= len(digits) <= 15:
            raise StopValidation(self.MESSAGE)
        field.data = value


class LifeCertificateForm(PageForm):
    last_name = name_field(
        "Numele de familie",
        "Introduceți numele de familie.",
        autocomplete="family-name",
        spellcheck="false",
    )
    first_name = name_field(
        "Prenumele", "Introduceți prenumele.", autocomplete="given-name", spellcheck="false"
    )
    cnp = text(
        "CNP",
        "Introduceți CNP-ul.",
        20,
        hint="Codul numeric personal are 13 cifre. Îl găsiți pe decizia de pensie.",
        extra=[CNP()],
        inputmode="numeric",
        autocomplete="off",
        **{"class": "width-20"},
    )
    birth_date = date_field(
        "Data nașterii",
        "Introduceți data nașterii.",
        "14.05.1950",
        extra=[DateNotInFuture("Data nașterii trebuie să fie în trecut.")],
    )
    pension_file = text(
        "Numărul dosarului de pensie",
        "Introduceți numărul dosarului de pensie.",
        20,
        hint="Îl găsiți pe decizia de pensie.",
        extra=[
            Pattern(
                PENSION_FILE,
                "Numărul dosarului de pensie poate conține doar cifre, litere, spații și "
                "semnele / . -, de exemplu 123456.",
            )
        ],
        autocomplete="off",
        spellcheck="false",
        **{"class": "width-20"},
    )
    house_code = SelectField(
        "Casa de pensii care vă plătește pensia",
        [
            Required("Alegeți casa de pensii care vă plătește pensia."),
            Choice("Alegeți casa de pensii din listă."),
        ],
        choices=office_choices(),
        validate_choice=False,
        description="Este casa de pensii care a emis decizia de pensie. Acolo trimiteți "
        "certificatul.",
    )

    country_code = SelectField(
        "Țara în care locuiți",
        [
            Required("Alegeți țara în care locuiți."),
            NotRomania(),
            Choice("Alegeți țara din listă."),
        ],
        choices=country_choices(),
        validate_choice=False,
        render_kw={"autocomplete": "country"},
    )
    address_line1 = text(
        "Adresa: strada și numărul",
        "Introduceți strada și numărul.",
        100,
        hint="De exemplu, Via Roma 12, int. 4.",
        extra=[NoDirectionControls()],
        autocomplete="address-line1",
    )
    address_line2 = text(
        "Adresa: codul poștal și localitatea",
        "Introduceți codul poștal și localitatea.",
        100,
        hint="De exemplu, 00184 Roma.",
        extra=[NoDirectionControls()],
        autocomplete="address-line2",
    )
    address_line3 = text(
        "Adresa: alte detalii (opțional)",
        None,
        100,
        hint="De exemplu, provincia, regiunea sau căsuța poștală.",
        extra=[NoDirectionControls()],
        autocomplete="address-line3",
    )
    phone = text(
        "Telefon",
        "Introduceți numărul de telefon.",
        25,
        extra=[InternationalPhone()],
        hint="Cu prefixul țării, de exemplu +39 06 1234 5678.",
        type="tel",
        autocomplete="tel",
        **{"class": "width-20"},
    )
    # 100, not the 254 an address may have: it must fit its box on the printed certificate.
    email = text(
        "Adresa de e-mail (opțional)",
        None,
        100,
        extra=[Email()],
        hint="Casa de pensii vă poate scrie aici dacă are întrebări despre certificat.",
        type="email",
        autocomplete="email",
        spellcheck="false",
    )

    language = RadioField(
        "Limbile certificatului",
        [
            Required("Alegeți a doua limbă a certificatului."),
            Choice("Alegeți a doua limbă a certificatului din listă."),
        ],
        choices=language_choices(),
        validate_choice=False,
        description="Certificatul este în română și într-o limbă pe care o înțelege autoritatea "
        "care îl certifică.",
    )
    # Honeypot: hidden from people by CSS; a bot that fills it is refused.
    website = StringField("Lăsați acest câmp gol")

    def validate_birth_date(self, field):
        if field.data and not self.cnp.errors and self.cnp.data:
            from_cnp = cnp_birth_date(self.cnp.data)
            if from_cnp and from_cnp != field.data:
                raise ValidationError(
                    "Data nașterii nu corespunde cu CNP-ul. Verificați data nașterii și CNP-ul."
                )

    def answers(self) -> dict:
        """The validated answers, as documents.life_certificate.build_context takes them."""
        return {
            field.name: field.data
            for field in self
            if field.type not in ("CSRFTokenField", "HiddenField") and field.name != "website"
        }
