"""The life certificate for pensioners living abroad: one page of questions."""

import re

from wtforms import RadioField, SelectField, StringField
from wtforms.validators import StopValidation

from domain.certificate_texts import LANGUAGES, texts
from domain.phones import with_country_code
from domain.reference.countries import countries
from forms.answers import Section
from forms.base import PageForm
from forms.fields import office_choices, options, text
from forms.messages import N_, Named
from forms.questions import BirthDateMatchesCnp, person_questions
from forms.validators import CNP, Choice, Email, Pattern, Required

ROMANIA = "RO"
PENSION_FILE = r"(?=.*[0-9])[0-9A-Za-z][0-9A-Za-z /.-]*"
# E.164: a country code that does not start with 0, at most 15 digits in all.
INTERNATIONAL_PHONE = re.compile(r"\+[1-9][0-9 ().-]*")


def country_choices():
    return options(
        [("", N_("Alegeți țara"))]
        + [(c.code, Named(c.name, "country", c.code)) for c in countries()]
    )


def language_choices():
    # Each language's own name is marked with its language (WCAG 3.1.2, m15): a screen reader
    # says "italiano" in Italian, not as a Romanian word.
    return options(
        (
            code,
            N_(
                'Română și {language} (<span lang="{code}">{own_name}</span>)',
                markup=True,
                language=Named(texts(code)["name_ro"], "language", code),
                code=code,
                own_name=texts(code)["name"],
            ),
        )
        for code in LANGUAGES
    )


class NotRomania:
    """A tampered form may post RO; the message says why Romania is not in the list."""

    def __call__(self, form, field):
        if field.data == ROMANIA:
            raise StopValidation(
                N_(
                    "Certificatul de viață este pentru cei care locuiesc în afara României. "
                    "Alegeți țara în care locuiți."
                )
            )


class InternationalPhone:
    """A number abroad, with its country code: 0039… is written +39…. Typed without it, the
    number is completed from the country of residence when it is a valid number there (m5)."""

    MESSAGE = N_(
        "Introduceți numărul de telefon cu prefixul țării, de exemplu +39 06 1234 5678 "
        "pentru Italia sau +49 30 1234567 pentru Germania."
    )

    def __call__(self, form, field):
        value = field.data
        if value.startswith("00"):
            value = "+" + value[2:]
        if not value.startswith("+"):
            country = form.country_code.data if hasattr(form, "country_code") else None
            if completed := with_country_code(value, country):
                field.data = completed
                return
        digits = re.sub(r"\D", "", value)
        if not INTERNATIONAL_PHONE.fullmatch(value) or not 8 <= len(digits) <= 15:
            raise StopValidation(self.MESSAGE)
        field.data = value


# The hint and the CNP's error messages point to the same paper (m5): a pensioner abroad has the
# pension decision at hand more surely than a Romanian identity card.
CNP_WHERE = N_("Îl găsiți pe decizia de pensie.")


class PensionDecisionCnp(CNP):
    WRONG_LENGTH = N_("CNP-ul are exact 13 cifre. Îl găsiți pe decizia de pensie.")
    NOT_VALID = N_(
        "CNP-ul nu este valid: una dintre cifre este greșită. Îl găsiți pe decizia de pensie."
    )


class LifeCertificateForm(BirthDateMatchesCnp, PageForm):
    last_name, first_name, cnp, birth_date = person_questions(
        "14.05.1950",
        cnp_hint=N_("Codul numeric personal are 13 cifre. Îl găsiți pe decizia de pensie."),
    )
    pension_file = text(
        N_("Numărul dosarului de pensie"),
        N_("Introduceți numărul dosarului de pensie."),
        20,
        hint=N_("Îl găsiți pe decizia de pensie."),
        extra=[
            Pattern(
                PENSION_FILE,
                N_(
                    "Numărul dosarului de pensie poate conține doar cifre, litere, spații și "
                    "semnele / . -, de exemplu 123456."
                ),
            )
        ],
        autocomplete="off",
        spellcheck="false",
        **{"class": "width-20"},
    )
    house_code = SelectField(
        N_("Casa de pensii care vă plătește pensia"),
        [
            Required(N_("Alegeți casa de pensii care vă plătește pensia.")),
            Choice(N_("Alegeți casa de pensii din listă.")),
        ],
        choices=office_choices(),
        validate_choice=False,
        description=N_(
            "Este casa de pensii care a emis decizia de pensie. Acolo trimiteți certificatul."
        ),
    )

    country_code = SelectField(
        N_("Țara în care locuiți"),
        [
            Required(N_("Alegeți țara în care locuiți.")),
            NotRomania(),
            Choice(N_("Alegeți țara din listă.")),
        ],
        choices=country_choices(),
        validate_choice=False,
        render_kw={"autocomplete": "country"},
    )
    address_line1 = text(
        N_("Adresa: strada și numărul"),
        N_("Introduceți strada și numărul."),
        100,
        hint=N_("De exemplu, Via Roma 12, int. 4."),
        autocomplete="address-line1",
    )
    address_line2 = text(
        N_("Adresa: codul poștal și localitatea"),
        N_("Introduceți codul poștal și localitatea."),
        100,
        hint=N_("De exemplu, 00184 Roma."),
        autocomplete="address-line2",
    )
    address_line3 = text(
        N_("Adresa: alte detalii (opțional)"),
        None,
        100,
        hint=N_("De exemplu, provincia, regiunea sau căsuța poștală."),
        autocomplete="address-line3",
    )
    phone = text(
        N_("Telefon"),
        N_("Introduceți numărul de telefon."),
        25,
        extra=[InternationalPhone()],
        hint=N_(
            "Cu prefixul țării, de exemplu +39 06 1234 5678. Dacă îl scrieți fără prefix, "
            "îl adăugăm după țara în care locuiți."
        ),
        type="tel",
        autocomplete="tel",
        **{"class": "width-20"},
    )
    # 100, not the 254 an address may have: it must fit its box on the printed certificate.
    email = text(
        N_("Adresa de e-mail (opțional)"),
        None,
        100,
        extra=[Email()],
        hint=N_("Casa de pensii vă poate scrie aici dacă are întrebări despre certificat."),
        type="email",
        autocomplete="email",
        spellcheck="false",
    )

    # Not "Limbile certificatului" again: that is the heading above it (m5).
    language = RadioField(
        N_("A doua limbă a certificatului"),
        [
            Required(N_("Alegeți a doua limbă a certificatului.")),
            Choice(N_("Alegeți a doua limbă a certificatului din listă.")),
        ],
        choices=language_choices(),
        validate_choice=False,
        description=N_(
            "Certificatul este în română și într-o limbă pe care o înțelege autoritatea "
            "care îl certifică."
        ),
    )
    # Honeypot: hidden from people by CSS; a bot that fills it is refused.
    website = StringField(N_("Lăsați acest câmp gol"))

    def answers(self) -> dict:
        """The validated answers, as documents.life_certificate.build_context takes them."""
        return {
            field.name: field.data
            for field in self
            if field.type not in ("CSRFTokenField", "HiddenField") and field.name != "website"
        }


# The shared CNP question, with the error messages that point where the hint does.
_cnp_validators = LifeCertificateForm.cnp.args[1]
_cnp_validators[:] = [
    PensionDecisionCnp() if type(check) is CNP else check for check in _cnp_validators
]
del _cnp_validators


# The optional questions as the check page names them (forms.answers.summary_rows), for the
# catalogues.
CHECK_PAGE_QUESTIONS = (N_("Adresa: alte detalii"), N_("Adresa de e-mail"))

# The page's answers are kept in the draft under this name.
ANSWERS = "answers"
CHECK_ANSWERS = (
    Section(
        N_("Datele dumneavoastră"),
        ANSWERS,
        ("last_name", "first_name", "cnp", "birth_date", "pension_file", "house_code"),
    ),
    Section(
        N_("Unde locuiți"),
        ANSWERS,
        ("country_code", "address_line1", "address_line2", "address_line3", "phone", "email"),
    ),
    Section(N_("Limbile certificatului"), ANSWERS, ("language",)),
)
