"""The request to be paid into a current or card account (Law 360/2023 art. 96 (1) b): the
pensioner, the account, and who files it."""

import re

from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import StopValidation, ValidationError

from domain import ro
from domain.codes import AUTHORISED, FILERS, LEGAL_REPRESENTATIVE
from domain.identifiers import (
    IBAN_LENGTH,
    TREASURY_CODE,
    bank_code_of,
    compact_iban,
    format_iban,
    iban_problem,
)
from domain.reference.banks import by_iban_code
from forms.answers import Section
from forms.base import PageForm
from forms.fields import office_choices, options, text
from forms.questions import (
    ADDRESS_FIELDS,
    CNP_HINT,
    address_questions,
    cnp_question,
    document_questions,
    name_questions,
    other_person_questions,
    phone_question,
)
from forms.validators import Choice, Email, Required

IBAN_EXAMPLE = "RO49 AAAA 1B31 0075 9384 0000"
PENSION_NUMBER = re.compile(r"^(?=.*\d)[0-9A-Za-z][0-9A-Za-z /.-]*$")


def optional_email():
    """The pensioner's e-mail, for the house's answer (both payment journeys)."""
    return text(
        "Adresa de e-mail (opțional)",
        None,
        254,
        extra=[Email()],
        hint="Dacă o scrieți, casa de pensii vă poate răspunde și pe e-mail.",
        type="email",
        autocomplete="email",
        spellcheck="false",
    )


def check_pension_number(field) -> None:
    """The pension file or decision number, kept in capitals (both payment journeys)."""
    if not PENSION_NUMBER.match(field.data):
        raise ValidationError(
            "Numărul dosarului sau al deciziei are cifre și poate avea litere, spații și "
            "semnele / . -, de exemplu 123456 sau 12345/2019."
        )
    field.data = field.data.upper()


REPRESENTATIVE_FIELDS = (
    "rep_last_name",
    "rep_first_name",
    "rep_cnp",
    "rep_document_number",
    "rep_document_date",
)


class RomanianIban:
    """A Romanian IBAN, typed in any case and with or without spaces, stored compact.

    python-stdnum checks the format and the mod-97 checksum; the order of the checks before it
    only picks the message that tells the person what to fix.
    """

    def __call__(self, form, field):
        value = compact_iban(field.data)
        if not value.isascii() or not value.isalnum():
            raise StopValidation(
                f"IBAN-ul are doar litere și cifre, de exemplu {IBAN_EXAMPLE}. "
                "Copiați-l din extrasul de cont sau din aplicația băncii."
            )
        if not value.startswith("RO"):
            raise StopValidation(
                "Această cerere este pentru un cont de la o bancă din România: IBAN-ul începe "
                "cu RO. Pentru un cont în altă țară, completați declarația de transfer al pensiei "
                "în străinătate, din linkul de pe această pagină."
            )
        if len(value) != IBAN_LENGTH:
            raise StopValidation(
                f"IBAN-ul românesc are exact {ro.count(IBAN_LENGTH, 'caracter', 'caractere')}, fără spații: RO, două "
                f"cifre, codul băncii din patru litere și încă 16 litere sau cifre. Ați scris "
                f"{ro.count(len(value), 'caracter', 'caractere', single='un caracter')}."
            )
        problem = iban_problem(value)
        if problem == "checksum":
            raise StopValidation(
                "IBAN-ul nu este valid: o literă sau o cifră este greșită. Copiați-l din "
                "extrasul de cont sau din aplicația băncii."
            )
        if problem:
            raise StopValidation(
                f"IBAN-ul nu are forma corectă: după RO urmează două cifre și codul băncii din "
                f"patru litere, de exemplu {IBAN_EXAMPLE}."
            )
        code = bank_code_of(value)
        if code == TREASURY_CODE:
            raise StopValidation(
                "Acesta este un cont de Trezorerie (codul TREZ). Pensia nu se poate plăti într-un "
                "cont de Trezorerie: scrieți IBAN-ul contului curent sau de card de la una dintre "
                "băncile din listă."
            )
        if code not in by_iban_code():
            raise StopValidation(
                f"IBAN-ul este de la o bancă prin care casa de pensii nu plătește pensii (codul "
                f"băncii din IBAN: {code}). Deschideți un cont la una dintre băncile din listă."
            )
        field.data = value


class Ticked:
    def __init__(self, message: str):
        self.message = message
        self.field_flags = {"required": True}

    def __call__(self, form, field):
        if not field.data:
            raise StopValidation(self.message)


class PensionerForm(PageForm):
    last_name, first_name = name_questions()
    cnp = cnp_question()
    pension_number = text(
        "Numărul dosarului de pensie sau al deciziei de pensie",
        "Introduceți numărul dosarului de pensie sau al deciziei de pensie.",
        30,
        hint="Îl găsiți pe decizia de pensie sau pe cuponul de pensie, de exemplu 123456.",
        autocomplete="off",
        spellcheck="false",
        **{"class": "width-20"},
    )
    house_code = SelectField(
        "Casa de pensii care plătește pensia",
        [
            Required("Alegeți casa de pensii care plătește pensia."),
            Choice("Alegeți casa de pensii din listă."),
        ],
        choices=office_choices(),
        validate_choice=False,
        description="Casa de pensii care a emis decizia de pensie. Cererea i se adresează ei.",
    )
    (
        county_code,
        locality,
        street,
        street_number,
        block,
        staircase,
        floor,
        apartment,
        postal_code,
    ) = address_questions()
    phone = phone_question("Casa de pensii vă sună doar dacă are nevoie de lămuriri despre cerere.")
    email = optional_email()
    # Honeypot: hidden from people by CSS; a bot that fills it is refused.
    website = StringField("Lăsați acest câmp gol")

    def validate_pension_number(self, field):
        check_pension_number(field)


IBAN_HINT = (
    "Îl găsiți pe extrasul de cont, în aplicația băncii sau pe contractul de cont. "
    f"De exemplu, {IBAN_EXAMPLE}."
)


def bank_of(iban: str):
    """The bank a valid IBAN belongs to: its four-letter code says it, so nobody is asked."""
    return by_iban_code()[bank_code_of(compact_iban(iban))]


class BankAccountForm(PageForm):
    iban = text(
        "IBAN-ul contului",
        "Introduceți IBAN-ul contului.",
        40,
        hint=IBAN_HINT,
        extra=[RomanianIban()],
        autocomplete="off",
        spellcheck="false",
        autocapitalize="characters",
    )
    own_account = BooleanField(
        "Confirm că acest cont este deschis pe numele titularului pensiei.",
        [
            Ticked(
                "Confirmați că acest cont este deschis pe numele titularului pensiei. Pensia se "
                "plătește doar într-un cont al titularului."
            )
        ],
        description="Pensia nu se poate plăti în contul altei persoane, chiar dacă este o rudă "
        "sau cineva împuternicit.",
    )

    @property
    def bank(self):
        """The IBAN's bank once the IBAN is valid, else None."""
        if self.iban.errors or not self.iban.data:
            return None
        try:
            return bank_of(self.iban.data)
        except KeyError:
            return None

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Shown under the box (also in the one-field htmx answer): the person sees which bank
        # the IBAN is from, instead of picking it from a list and being told it does not match.
        if bank := self.bank:
            self.iban.description = f"Banca: {bank.name} ✓ (după codul {bank.iban_code} din IBAN)"
        return valid


class FilerForm(PageForm):
    """Who files. The representative's questions are a page of their own (RepresentativeForm),
    asked only when someone else files; with JS on they are revealed under the choice."""

    who_files = RadioField(
        "Cine depune cererea?",
        [Required("Alegeți cine depune cererea."), Choice("Alegeți cine depune cererea.")],
        choices=options(FILERS),
        validate_choice=False,
        description="Un reprezentant legal sau o persoană împuternicită poate depune cererea în "
        "numele titularului. Pensia se plătește tot în contul titularului.",
    )

    @property
    def represented(self) -> bool:
        return self.who_files.data in (LEGAL_REPRESENTATIVE, AUTHORISED)


class RepresentativeForm(PageForm):
    """The person who files in the pensioner's name."""

    rep_last_name, rep_first_name, rep_cnp = other_person_questions(
        "persoanei care depune cererea", CNP_HINT
    )
    rep_document_number, rep_document_date = document_questions(
        "Numărul procurii sau al hotărârii",
        "Pentru persoana împuternicită: numărul procurii speciale. Pentru reprezentantul "
        "legal: numărul hotărârii judecătorești sau al actului prin care a fost numit.",
        "Data procurii sau a hotărârii",
        autocomplete="off",
    )

    def __init__(self, *args, applicant_cnp: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant_cnp = applicant_cnp

    def validate_rep_cnp(self, field):
        if field.data == self.applicant_cnp:
            raise ValidationError(
                "Acesta este CNP-ul titularului pensiei. Aici scrieți CNP-ul persoanei care "
                "depune cererea în numele lui."
            )


def _account_rows(account) -> list[tuple[str, str, str]]:
    # The bank is read from the IBAN, so changing it means changing the IBAN.
    return [
        (account.iban.label.text, format_iban(account.iban.data), "iban"),
        ("Banca", account.bank.name, "iban"),
        ("Contul este pe numele titularului", "Da, ați confirmat", "own_account"),
    ]


CHECK_ANSWERS = (
    Section(
        "Titularul pensiei",
        "pensioner",
        ("last_name", "first_name", "cnp", "pension_number", "house_code"),
    ),
    Section("Adresa de domiciliu", "pensioner", ADDRESS_FIELDS),
    Section("Contact", "pensioner", ("phone", "email")),
    Section("Contul bancar", "account", rows=_account_rows),
    Section("Cine depune cererea", "filer", ("who_files",)),
    Section("Persoana care depune cererea", "representative", REPRESENTATIVE_FIELDS),
)
