"""The declaration for the transfer of the pension into an account abroad (Law 360/2023 art. 98
(1)): the pensioner and the address abroad, the account and its bank, and who files it.

Who files and the representative are the questions of the request for payment into an account
in Romania (forms/payment.py): the same rules, the same words.
"""

import re

from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import StopValidation, ValidationError

from domain import foreign_accounts as accounts
from domain import ro
from domain.codes import FILERS
from domain.reference.countries import countries_by_code
from domain.reference.postal_codes import as_typed, postal_code_problem
from forms.answers import Section
from forms.base import PageForm
from forms.fields import office_choices, options, text
from forms.life_certificate import CNP_WHERE, InternationalPhone, country_choices
from forms.payment import (
    REPRESENTATIVE_FIELDS,
    FilerForm,
    Ticked,
    check_pension_number,
    optional_email,
)
from forms.questions import CNP_HINT, cnp_question, name_questions
from forms.validators import Choice, Required

IBAN_EXAMPLE = "DE89 3704 0044 0532 0130 00"
BIC_EXAMPLE = "DEUTDEFF"
# Letters, digits, spaces and hyphens, as each country writes it: 00184, SW1A 1AA, 1010, 75-001.


def country_name(code: str) -> str:
    country = countries_by_code().get(code)
    return country.name if country else code


def _bank_country(form) -> str | None:
    field = getattr(form, "bank_country", None)
    return field.data if field is not None and not field.errors and field.data else None


class BankCountryHasIban:
    """The pension is transferred to an IBAN: a country without IBANs is sent to the house."""

    def __call__(self, form, field):
        if field.data in countries_by_code() and not accounts.uses_iban(field.data):
            raise StopValidation(
                f"În {country_name(field.data)} conturile bancare nu au IBAN, iar această "
                "declarație cere IBAN-ul. Întrebați casa de pensii ce date îi trebuie pentru un "
                "cont din această țară."
            )


class LivesAbroad:
    """A tampered form may post RO; the message says why Romania is not in the list."""

    def __call__(self, form, field):
        if field.data == accounts.ROMANIA:
            raise StopValidation(
                "Transferul pensiei în străinătate este pentru cei care nu au domiciliul în "
                "România. Alegeți țara în care locuiți."
            )


class NotRomaniaBankCountry:
    """A tampered form may post RO: Romanian accounts have their own request."""

    def __call__(self, form, field):
        if field.data == accounts.ROMANIA:
            raise StopValidation(
                "Pentru un cont la o bancă din România completați cererea de plată a pensiei pe "
                "card sau în cont bancar, din linkul de pe această pagină."
            )


class ForeignIban:
    """An IBAN of the bank's country, typed in any case and with or without spaces, stored
    compact. python-stdnum checks the country's format and the mod-97 checksum; the order of
    the checks only picks the message that tells the person what to fix."""

    def __call__(self, form, field):
        value = accounts.compact(field.data)
        bank_country = _bank_country(form)
        problem = accounts.iban_problem(value, bank_country)
        if problem == "characters":
            raise StopValidation(
                f"IBAN-ul are doar litere și cifre, de exemplu {IBAN_EXAMPLE}. Copiați-l din "
                "extrasul de cont sau din aplicația băncii."
            )
        if problem == "romanian":
            raise StopValidation(
                "Acesta este un IBAN din România (începe cu RO). Pentru un cont la o bancă din "
                "România completați cererea de plată a pensiei pe card sau în cont bancar, din "
                "linkul de pe această pagină."
            )
        if problem == "country":
            raise StopValidation(
                "IBAN-ul începe cu codul țării băncii, din două litere, de exemplu DE pentru "
                f"Germania sau IT pentru Italia: {IBAN_EXAMPLE}."
            )
        if problem == "length":
            length = accounts.iban_length(value[:2])
            raise StopValidation(
                f"IBAN-ul din {country_name(value[:2])} are exact "
                f"{ro.count(length, 'caracter', 'caractere')}. Ați scris "
                f"{ro.count(len(value), 'caracter', 'caractere', single='un caracter')}: "
                "verificați să nu lipsească sau să nu fie în plus o cifră."
            )
        if problem == "checksum":
            raise StopValidation(
                "IBAN-ul nu este valid: o literă sau o cifră este greșită. Copiați-l din "
                "extrasul de cont sau din aplicația băncii."
            )
        if problem == "format":
            raise StopValidation(
                f"IBAN-ul nu are forma unui IBAN din {country_name(value[:2])}: verificați "
                "literele și cifrele după primele patru caractere."
            )
        if problem == "other_country":
            raise StopValidation(
                f"IBAN-ul este al unui cont din {country_name(value[:2])} (începe cu "
                f"{value[:2]}), dar ați ales o bancă din {country_name(bank_country)}. "
                "Alegeți țara băncii care ține contul sau corectați IBAN-ul."
            )
        field.data = value


class Bic:
    """The bank's BIC (SWIFT code): 8 or 11 characters, letters 5 and 6 the bank's country."""

    def __call__(self, form, field):
        value = re.sub(r"\s", "", field.data).upper()
        bank_country = _bank_country(form)
        problem = accounts.bic_problem(value, bank_country)
        if problem == "characters":
            raise StopValidation(
                f"Codul BIC (SWIFT) are doar litere și cifre, de exemplu {BIC_EXAMPLE}."
            )
        if problem == "length":
            raise StopValidation(
                "Codul BIC (SWIFT) are 8 sau 11 caractere, de exemplu DEUTDEFF sau DEUTDEFF500. "
                f"Ați scris {ro.count(len(value), 'caracter', 'caractere', single='un caracter')}."
            )
        if problem == "format":
            raise StopValidation(
                "Codul BIC (SWIFT) începe cu patru litere ale băncii și două litere ale țării, "
                f"de exemplu {BIC_EXAMPLE}. Copiați-l din extrasul de cont sau de pe site-ul "
                "băncii."
            )
        if problem == "country":
            raise StopValidation(
                f"Literele 5 și 6 ale codului BIC (SWIFT) sunt codul țării băncii, de exemplu DE "
                f"în {BIC_EXAMPLE}. „{value[4:6]}” nu este codul unei țări."
            )
        if problem == "other_country":
            raise StopValidation(
                f"Codul BIC (SWIFT) este al unei bănci din {country_name(value[4:6])} (literele "
                f"5 și 6: {value[4:6]}), dar ați ales o bancă din "
                f"{country_name(bank_country)}. Corectați codul BIC sau țara băncii."
            )
        field.data = value


class PensionerAbroadForm(PageForm):
    """The pensioner, the house that pays the pension and the address abroad."""

    last_name, first_name = name_questions()
    cnp = cnp_question(f"{CNP_HINT} {CNP_WHERE}")
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
        "Casa de pensii care vă plătește pensia",
        [
            Required("Alegeți casa de pensii care vă plătește pensia."),
            Choice("Alegeți casa de pensii din listă."),
        ],
        choices=office_choices(),
        validate_choice=False,
        description="Casa de pensii care a emis decizia de pensie. Declarația i se adresează ei.",
    )
    country_code = SelectField(
        "Țara în care locuiți",
        [
            Required("Alegeți țara în care locuiți."),
            LivesAbroad(),
            Choice("Alegeți țara din listă."),
        ],
        choices=country_choices(),
        validate_choice=False,
        render_kw={"autocomplete": "country"},
    )
    street = text(
        "Strada, numărul și apartamentul",
        "Introduceți strada și numărul.",
        100,
        hint="Așa cum o scrieți pe un plic în țara în care locuiți, de exemplu Via Roma 12, int. 4.",
        autocomplete="address-line1",
    )
    locality = text(
        "Localitatea",
        "Introduceți localitatea.",
        60,
        hint="De exemplu, Roma.",
        autocomplete="address-level2",
    )
    region = text(
        "Provincia, regiunea sau statul (opțional)",
        None,
        60,
        hint="Dacă țara îl cere în adresă, de exemplu RM sau Bayern.",
        autocomplete="address-level1",
    )
    postal_code = text(
        "Codul poștal",
        None,
        12,
        skip_empty=False,
        hint="Așa cum îl scrie țara în care locuiți, de exemplu 00184, 1010 sau SW1A 1AA. "
        "Lăsați gol numai dacă adresa nu are cod poștal.",
        autocomplete="postal-code",
        spellcheck="false",
        autocapitalize="characters",
        **{"class": "width-10"},
    )
    phone = text(
        "Telefon",
        "Introduceți numărul de telefon.",
        25,
        extra=[InternationalPhone()],
        hint="Cu prefixul țării, de exemplu +39 06 1234 5678. Casa de pensii vă sună doar dacă "
        "are nevoie de lămuriri.",
        type="tel",
        autocomplete="tel",
        **{"class": "width-20"},
    )
    email = optional_email()
    # Honeypot: hidden from people by CSS; a bot that fills it is refused.
    website = StringField("Lăsați acest câmp gol")

    def validate_pension_number(self, field):
        check_pension_number(field)

    def validate_postal_code(self, field):
        # The account's home abroad has the same rule (domain/reference/postal_codes.py): the
        # country's pattern, required where its addresses need one, kept as typed.
        country = self.country_code.data
        if not country or self.country_code.errors:
            field.data = as_typed(field.data)
            return
        problem = postal_code_problem(country, field.data)
        if problem:
            raise ValidationError(problem)
        field.data = as_typed(field.data)


class ForeignAccountForm(PageForm):
    """The account abroad and its bank."""

    bank_country = SelectField(
        "Țara băncii",
        [
            Required("Alegeți țara băncii la care este deschis contul."),
            NotRomaniaBankCountry(),
            Choice("Alegeți țara băncii din listă."),
            BankCountryHasIban(),
        ],
        choices=country_choices(),
        validate_choice=False,
        description="Țara în care este banca ce ține contul, de obicei țara în care locuiți.",
    )
    iban = text(
        "IBAN-ul contului",
        "Introduceți IBAN-ul contului.",
        42,
        hint=f"Îl găsiți pe extrasul de cont sau în aplicația băncii, de exemplu {IBAN_EXAMPLE}.",
        extra=[ForeignIban()],
        autocomplete="off",
        spellcheck="false",
        autocapitalize="characters",
    )
    bic = text(
        "Codul BIC (SWIFT) al băncii",
        "Introduceți codul BIC (SWIFT) al băncii.",
        14,
        hint=f"Are 8 sau 11 litere și cifre, de exemplu {BIC_EXAMPLE}. Îl găsiți pe extrasul de "
        "cont sau pe site-ul băncii.",
        extra=[Bic()],
        autocomplete="off",
        spellcheck="false",
        autocapitalize="characters",
        **{"class": "width-20"},
    )
    bank_name = text(
        "Numele băncii",
        "Introduceți numele băncii.",
        100,
        hint="De exemplu, Deutsche Bank AG.",
        autocomplete="off",
    )
    bank_address = text(
        "Adresa băncii",
        "Introduceți adresa băncii.",
        150,
        hint="Adresa sucursalei sau a sediului, cu localitatea, de exemplu Taunusanlage 12, "
        "60325 Frankfurt am Main.",
        autocomplete="off",
    )
    holder_name = text(
        "Numele titularului contului, așa cum îl scrie banca",
        "Introduceți numele titularului contului, așa cum îl scrie banca.",
        100,
        hint="Ca pe extrasul de cont, de exemplu cu numele de căsătorie sau fără diacritice.",
        autocomplete="off",
        spellcheck="false",
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


def _account_rows(account) -> list[tuple[str, str, str]]:
    return [
        (account.bank_country.label.text, country_name(account.bank_country.data), "bank_country"),
        (account.iban.label.text, accounts.format_iban(account.iban.data), "iban"),
        (account.bic.label.text, account.bic.data, "bic"),
        (account.bank_name.label.text, account.bank_name.data, "bank_name"),
        (account.bank_address.label.text, account.bank_address.data, "bank_address"),
        (account.holder_name.label.text, account.holder_name.data, "holder_name"),
        ("Contul este pe numele titularului", "Da, ați confirmat", "own_account"),
    ]


CHECK_ANSWERS = (
    Section(
        "Titularul pensiei",
        "pensioner",
        ("last_name", "first_name", "cnp", "pension_number", "house_code"),
    ),
    Section(
        "Adresa din străinătate",
        "pensioner",
        ("country_code", "street", "locality", "region", "postal_code"),
    ),
    Section("Contact", "pensioner", ("phone", "email")),
    Section("Contul din străinătate", "account", rows=_account_rows),
    Section("Cine depune declarația", "filer", ("who_files",)),
    Section("Persoana care depune declarația", "representative", REPRESENTATIVE_FIELDS),
)


class AbroadFilerForm(FilerForm):
    """Who files the declaration: the choices of the request for an account in Romania."""

    who_files = RadioField(
        "Cine depune declarația?",
        [Required("Alegeți cine depune declarația."), Choice("Alegeți cine depune declarația.")],
        choices=options(FILERS),
        validate_choice=False,
        description="Un reprezentant legal sau o persoană împuternicită prin procură specială "
        "poate depune declarația în numele titularului. Pensia se plătește tot în contul "
        "titularului.",
    )
