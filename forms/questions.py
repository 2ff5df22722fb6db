"""The groups of questions that several journeys ask the same way: the person, someone else and the
document that lets one act for them, the address, the identity document, the phone; and the rules
that go with them, as mixins.

A group is a function that returns new fields, unpacked where the form wants them:

    last_name, first_name = name_questions()

WTForms orders a form's fields by when each field was created, so fields inherited from a mixin
would always come before the form's own; fields made by the call come exactly where it stands
(page order, error summary order). The rules need no order, so they are mixins.
"""

from wtforms import RadioField, SelectField
from wtforms.validators import ValidationError

from domain.codes import ID_TYPES
from domain.identifiers import cnp_birth_date
from domain.reference.countries import countries
from forms.fields import county_choices, date_field, name_field, options, text
from forms.messages import N_
from forms.validators import (
    CNP,
    Choice,
    DateNotInFuture,
    Pattern,
    Phone,
    Required,
)

CNP_HINT = N_("Codul numeric personal are 13 cifre.")


def name_questions() -> tuple:
    """last_name, first_name."""
    return (
        name_field(
            N_("Numele de familie"),
            N_("Introduceți numele de familie."),
            autocomplete="family-name",
            spellcheck="false",
        ),
        name_field(
            N_("Prenumele"),
            N_("Introduceți prenumele."),
            autocomplete="given-name",
            spellcheck="false",
        ),
    )


def cnp_question(hint: str | None = CNP_HINT, required_message: str = N_("Introduceți CNP-ul.")):
    return text(
        N_("CNP"),
        required_message,
        20,
        hint=hint,
        extra=[CNP()],
        inputmode="numeric",
        autocomplete="off",
        **{"class": "width-20"},
    )


def birth_date_question(example: str):
    return date_field(
        N_("Data nașterii"),
        N_("Introduceți data nașterii."),
        example,
        extra=[DateNotInFuture(N_("Data nașterii trebuie să fie în trecut."))],
        # The person's own birth date: the browser may fill it in (WCAG 1.3.5, m14).
        autocomplete="bday",
    )


def person_questions(birth_example: str, cnp_hint: str = CNP_HINT) -> tuple:
    """last_name, first_name, cnp, birth_date; with BirthDateMatchesCnp for the rule."""
    return (*name_questions(), cnp_question(cnp_hint), birth_date_question(birth_example))


def other_person_questions(whose: str, cnp_hint: str | None = None) -> tuple:
    """last_name, first_name, cnp of someone other than the one answering; `whose` names them in
    the messages ("persoanei", "persoanei care depune cererea"). No autocomplete: the browser's
    would be the answerer's own name."""
    return (
        name_field("Numele de familie", f"Introduceți numele de familie al {whose}."),
        name_field("Prenumele", f"Introduceți prenumele {whose}."),
        cnp_question(cnp_hint, f"Introduceți CNP-ul {whose}."),
    )


def document_questions(
    number_label: str,
    number_hint: str,
    date_label: str,
    date_message: str | None = None,
    **number_render_kw,
) -> tuple:
    """document_number, document_date: the document that lets one person act for another (a
    power of attorney, a court decision). The messages follow from the labels unless given."""
    return (
        text(
            number_label,
            f"Introduceți {number_label[:1].lower()}{number_label[1:]}.",
            40,
            hint=number_hint,
            **number_render_kw,
        ),
        date_field(
            date_label,
            date_message or f"Introduceți {date_label[:1].lower()}{date_label[1:]}.",
            extra=[DateNotInFuture(f"{date_label} trebuie să fie în trecut.")],
        ),
    )


class BirthDateMatchesCnp:
    """The CNP carries the birth date: the two answers must agree."""

    def validate_birth_date(self, field):
        if field.data and not self.cnp.errors and self.cnp.data:
            from_cnp = cnp_birth_date(self.cnp.data)
            if from_cnp and from_cnp != field.data:
                raise ValidationError(
                    N_("Data nașterii nu corespunde cu CNP-ul. Verificați data nașterii și CNP-ul.")
                )


def identity_document_questions() -> tuple:
    """id_type, id_series, id_number, id_issuer, id_issued_on, id_expires_on."""
    return (
        RadioField(
            "Tipul actului de identitate",
            [
                Required("Alegeți tipul actului de identitate."),
                Choice("Alegeți tipul actului de identitate."),
            ],
            choices=options(ID_TYPES),
            validate_choice=False,
        ),
        text(
            "Seria",
            None,
            2,
            hint="Două litere, de exemplu RX. Pașaportul nu are serie.",
            skip_empty=False,
            autocomplete="off",
            spellcheck="false",
            **{"class": "width-4"},
        ),
        text(
            "Numărul actului de identitate",
            "Introduceți numărul actului de identitate.",
            12,
            autocomplete="off",
            spellcheck="false",
            **{"class": "width-10"},
        ),
        text(
            "Eliberat de",
            "Introduceți cine a eliberat actul de identitate.",
            100,
            hint="De exemplu, SPCLEP Cluj-Napoca.",
        ),
        date_field(
            "Data eliberării",
            "Introduceți data eliberării actului de identitate.",
            extra=[DateNotInFuture("Data eliberării trebuie să fie în trecut.")],
        ),
        date_field(
            "Valabil până la",
            None,
            "14.05.2031",
            hint="De exemplu, 14.05.2031. Lăsați gol dacă actul are valabilitate nelimitată.",
        ),
    )


class IdentityDocumentRules:
    """The series and number of a Romanian identity card; also the counter's, where the clerk
    types what the applicant showed."""

    def validate_id_series(self, field):
        if self.id_type.data == "CI":
            if not field.data:
                raise ValidationError("Introduceți seria cărții de identitate, de exemplu RX.")
            if not (len(field.data) == 2 and field.data.isalpha()):
                raise ValidationError("Seria cărții de identitate are două litere, de exemplu RX.")
            field.data = field.data.upper()

    def validate_id_number(self, field):
        if self.id_type.data == "CI" and not (len(field.data) == 6 and field.data.isdigit()):
            raise ValidationError("Numărul cărții de identitate are 6 cifre, de exemplu 123456.")
        if not field.data.isalnum():
            raise ValidationError(
                "Numărul actului de identitate poate conține doar litere și cifre."
            )
        field.data = field.data.upper()


def address_questions() -> tuple:
    """An address in Romania: county_code, locality, street, street_number, block, staircase,
    floor, apartment, postal_code."""
    return (
        SelectField(
            "Județul",
            [Required("Alegeți județul."), Choice("Alegeți județul din listă.")],
            choices=county_choices("Alegeți județul"),
            validate_choice=False,
            render_kw={"autocomplete": "address-level1"},
        ),
        text(
            "Localitatea",
            "Introduceți localitatea.",
            60,
            hint="Pentru București, scrieți și sectorul, de exemplu Sector 3.",
            autocomplete="address-level2",
        ),
        text("Strada", "Introduceți strada.", 100, autocomplete="address-line1"),
        text(
            "Numărul",
            "Introduceți numărul străzii.",
            10,
            autocomplete="off",
            **{"class": "width-4"},
        ),
        text("Bloc (opțional)", None, 10, **{"class": "width-4"}),
        text("Scara (opțional)", None, 10, **{"class": "width-4"}),
        text("Etajul (opțional)", None, 10, **{"class": "width-4"}),
        text("Apartamentul (opțional)", None, 10, **{"class": "width-4"}),
        text(
            "Codul poștal",
            "Introduceți codul poștal.",
            10,
            hint="Are 6 cifre.",
            extra=[Pattern(r"\d{6}", "Codul poștal are exact 6 cifre, de exemplu 400001.")],
            inputmode="numeric",
            autocomplete="postal-code",
            **{"class": "width-10"},
        ),
    )


# The names address_questions() gives its fields, in order: the check-answers tables list them.
ADDRESS_FIELDS = (
    "county_code",
    "locality",
    "street",
    "street_number",
    "block",
    "staircase",
    "floor",
    "apartment",
    "postal_code",
)


# Which of them an address in Romania has; FOREIGN_ADDRESS_FIELDS, one abroad.
ROMANIAN_ADDRESS_FIELDS = ADDRESS_FIELDS


def foreign_address_questions() -> tuple:
    """A home address abroad (M7): country_code, foreign_address_line1, foreign_address_line2,
    foreign_locality, foreign_region, foreign_postal_code. Free-form lines, as addresses abroad
    are written in too many ways to split into Romanian boxes; the postal code is checked against
    the country's known pattern only (forms.account)."""
    return (
        SelectField(
            "Țara",
            [Required("Alegeți țara."), Choice("Alegeți țara din listă.")],
            choices=options([("", "Alegeți țara")] + [(c.code, c.name) for c in countries()]),
            validate_choice=False,
            render_kw={"autocomplete": "country"},
        ),
        text(
            "Adresa",
            "Introduceți adresa: strada și numărul.",
            100,
            hint="Strada și numărul, cum le scrieți pe un plic, de exemplu Via Roma 12, int. 4.",
            autocomplete="address-line1",
        ),
        text(
            "Adresa, continuare (opțional)",
            None,
            100,
            hint="De exemplu, clădirea, apartamentul sau căsuța poștală.",
            autocomplete="address-line2",
        ),
        text(
            "Localitatea",
            "Introduceți localitatea.",
            60,
            autocomplete="address-level2",
        ),
        text(
            "Regiunea, provincia sau statul (opțional)",
            None,
            60,
            hint="Doar dacă se scrie în adresă, de exemplu RM pentru Roma sau Ontario.",
            autocomplete="address-level1",
        ),
        text(
            "Codul poștal",
            None,
            12,
            hint="Cum îl scrie poșta țării, de exemplu 00184 în Italia sau SW1A 1AA în "
            "Regatul Unit.",
            skip_empty=False,
            autocomplete="postal-code",
            spellcheck="false",
            **{"class": "width-10"},
        ),
    )


FOREIGN_ADDRESS_FIELDS = (
    "country_code",
    "foreign_address_line1",
    "foreign_address_line2",
    "foreign_locality",
    "foreign_region",
    "foreign_postal_code",
)


def phone_question(hint: str):
    """A Romanian phone number; the hint says who calls and why."""
    return text(
        "Telefon",
        "Introduceți numărul de telefon.",
        25,
        extra=[Phone()],
        hint=hint,
        type="tel",
        autocomplete="tel",
        **{"class": "width-20"},
    )
