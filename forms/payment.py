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
from domain.reference.banks import all_banks, by_iban_code
from forms.answers import Section, summary_rows
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

REPRESENTATIVE_FIELDS = (
    "rep_last_name",
    "rep_first_name",
    "rep_cnp",
    "rep_document_number",
    "rep_document_date",
)


def bank_choices():
    return options([("", "Alegeți banca")] + [(bank.iban_code, bank.name) for bank in all_banks()])


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
                "Pensia se plătește doar într-un cont de la o bancă din România: IBAN-ul începe "
                "cu RO. Pentru plata pensiei în străinătate, întrebați casa de pensii."
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
    email = text(
        "Adresa de e-mail (opțional)",
        None,
        254,
        extra=[Email()],
        hint="Dacă o scrieți, casa de pensii vă poate răspunde și pe e-mail.",
        type="email",
        autocomplete="email",
        spellcheck="false",
    )
    # Honeypot: hidden from people by CSS; a bot that fills it is refused.
    website = StringField("Lăsați acest câmp gol")

    def validate_pension_number(self, field):
        if not PENSION_NUMBER.match(field.data):
            raise ValidationError(
                "Numărul dosarului sau al deciziei are cifre și poate avea litere, spații și "
                "semnele / . -, de exemplu 123456 sau 12345/2019."
            )
        field.data = field.data.upper()


class BankAccountForm(PageForm):
    bank_code = SelectField(
        "Banca",
        [Required("Alegeți banca la care aveți contul."), Choice("Alegeți banca din listă.")],
        choices=bank_choices(),
        validate_choice=False,
        description="Casa de pensii plătește pensii doar prin aceste bănci.",
    )
    iban = text(
        "IBAN-ul contului",
        "Introduceți IBAN-ul contului.",
        40,
        hint=f"Îl găsiți pe extrasul de cont, în aplicația băncii sau pe contractul de cont. "
        f"De exemplu, {IBAN_EXAMPLE}.",
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

    def validate_iban(self, field):
        if self.bank_code.errors or not self.bank_code.data:
            return
        from_iban = by_iban_code()[bank_code_of(field.data)]
        chosen = by_iban_code()[self.bank_code.data]
        if from_iban != chosen:
            raise ValidationError(
                f"IBAN-ul este de la {from_iban.name}, dar ați ales {chosen.name}. "
                "Alegeți banca potrivită sau verificați IBAN-ul."
            )


class FilerForm(PageForm):
    """Who files; the representative's questions count only when someone else files."""

    who_files = RadioField(
        "Cine depune cererea?",
        [Required("Alegeți cine depune cererea."), Choice("Alegeți cine depune cererea.")],
        choices=options(FILERS),
        validate_choice=False,
        description="Un reprezentant legal sau o persoană împuternicită poate depune cererea în "
        "numele titularului. Pensia se plătește tot în contul titularului.",
    )
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

    @property
    def represented(self) -> bool:
        return self.who_files.data in (LEGAL_REPRESENTATIVE, AUTHORISED)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.represented:
            # The pensioner files it: whatever is in the representative's boxes (empty, or left
            # from an earlier choice) does not matter and is not printed, but stays in the draft.
            for name in REPRESENTATIVE_FIELDS:
                self[name].errors = []
            valid = not self.errors
        return valid

    def validate_rep_cnp(self, field):
        if field.data == self.applicant_cnp:
            raise ValidationError(
                "Acesta este CNP-ul titularului pensiei. Aici scrieți CNP-ul persoanei care "
                "depune cererea în numele lui."
            )


# Needed only when someone else files (FilerForm.validate): not announced as required on the page.
for _name in REPRESENTATIVE_FIELDS:
    _field = getattr(FilerForm, _name)
    _field.kwargs["render_kw"] = {**(_field.kwargs.get("render_kw") or {}), "required": False}
del _name, _field


def _account_rows(account) -> list[tuple[str, str, str]]:
    return [
        *summary_rows(account, ["bank_code"]),
        (account.iban.label.text, format_iban(account.iban.data), "iban"),
        ("Contul este pe numele titularului", "Da, ați confirmat", "own_account"),
    ]


def _filer_rows(filer) -> list[tuple[str, str, str]]:
    return summary_rows(filer, ["who_files", *(REPRESENTATIVE_FIELDS if filer.represented else ())])


CHECK_ANSWERS = (
    Section(
        "Titularul pensiei",
        "pensioner",
        ("last_name", "first_name", "cnp", "pension_number", "house_code"),
    ),
    Section("Adresa de domiciliu", "pensioner", ADDRESS_FIELDS),
    Section("Contact", "pensioner", ("phone", "email")),
    Section("Contul bancar", "account", rows=_account_rows),
    Section("Cine depune cererea", "filer", rows=_filer_rows),
)
