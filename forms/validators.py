"""Validators, each with one instruction that names the field and says how to fix it."""

import re

from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_app_context
from wtforms.validators import StopValidation, ValidationError

from domain import ro
from domain.identifiers import compact_cui, is_valid_cnp, is_valid_cui
from forms.messages import N_, Count

NAME = re.compile(r"^[^\W\d_]+(?:(?: |-|'|’|\. ?)[^\W\d_]+)*\.?$")
PHONE = re.compile(r"^\+?[0-9 ().-]+$")


class Required:
    """Stops at the first missing answer with the page's own instruction."""

    def __init__(self, message: str):
        self.message = message
        self.field_flags = {"required": True}

    def __call__(self, form, field):
        value = field.data
        if value is None or (isinstance(value, str) and not value.strip()):
            field.errors[:] = []
            raise StopValidation(self.message)


class Optional:
    """Skips the other validators of an empty optional field."""

    def __init__(self):
        self.field_flags = {"optional": True}

    def __call__(self, form, field):
        if not field.data:
            field.errors[:] = []
            raise StopValidation()


class MaxLength:
    def __init__(self, maximum: int, label: str):
        self.maximum = maximum
        count = Count(ro.count(maximum, "caracter", "caractere"), maximum, "caracter")
        self.message = N_("„{label}” poate avea cel mult {count}.", label=label, count=count)

    def __call__(self, form, field):
        if field.data and len(field.data) > self.maximum:
            raise StopValidation(self.message)


class Choice:
    """The answer must be one of the field's choices; a tampered form's value is refused."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        allowed = {str(choice.value) for choice in field.choices if choice.value != ""}
        if field.data not in allowed:
            raise StopValidation(self.message)


class PersonName:
    def __init__(self, label: str):
        self.message = N_(
            "„{label}” poate conține doar litere, spații, cratime și apostrofuri.", label=label
        )

    def __call__(self, form, field):
        if not NAME.match(field.data):
            raise ValidationError(self.message)


class CNP:
    WRONG_LENGTH = N_("CNP-ul are exact 13 cifre. Verificați-l în actul de identitate.")
    NOT_VALID = N_(
        "CNP-ul nu este valid: una dintre cifre este greșită. Verificați-l în actul de identitate."
    )

    def __call__(self, form, field):
        value = field.data.replace(" ", "")
        if not value.isdigit() or len(value) != 13:
            raise StopValidation(self.WRONG_LENGTH)
        if not is_valid_cnp(value):
            raise StopValidation(self.NOT_VALID)
        field.data = value


class CUI:
    def __call__(self, form, field):
        value = compact_cui(field.data)
        if not value.isdigit() or not 2 <= len(value) <= 10:
            raise StopValidation("CUI-ul are între 2 și 10 cifre, de exemplu 18547290.")
        if not is_valid_cui(value):
            raise StopValidation(
                "CUI-ul nu este valid: cifra de control nu se potrivește. "
                "Verificați-l în certificatul de înregistrare."
            )
        field.data = value


class Email:
    """A well-formed address the relay can carry (F9). Letters like ț before the @ need
    SMTPUTF8, which most relays lack: refused unless SMTP_UTF8 says the relay has it. A domain
    with diacritics is accepted, since the outbox sends it in its ASCII (punycode) form."""

    def __call__(self, form, field):
        try:
            result = validate_email(field.data, check_deliverability=False)
        except EmailNotValidError:
            raise StopValidation(
                N_("Introduceți adresa de e-mail în formatul corect, de exemplu nume@exemplu.ro.")
            ) from None
        if result.smtputf8 and not _relay_takes_smtputf8():
            raise StopValidation(
                N_(
                    "Introduceți adresa de e-mail fără diacritice înainte de @, de exemplu "
                    "ionut@exemplu.ro: nu putem trimite e-mailuri la adrese cu diacritice."
                )
            )
        field.data = result.normalized.lower()


def _relay_takes_smtputf8() -> bool:
    # Read when validating, not when the form class is defined: the config may change per app.
    return has_app_context() and bool(current_app.config.get("SMTP_UTF8"))


class Phone:
    def __call__(self, form, field):
        digits = re.sub(r"\D", "", field.data)
        if not PHONE.match(field.data) or not 9 <= len(digits) <= 15:
            raise StopValidation(
                "Introduceți numărul de telefon cu 10 cifre, de exemplu 0722 123 456, "
                "sau cu prefixul țării, de exemplu +39 06 1234 5678."
            )


class Pattern:
    def __init__(self, pattern: str, message: str):
        self.pattern = re.compile(pattern)
        self.message = message

    def __call__(self, form, field):
        if not self.pattern.fullmatch(field.data):
            raise StopValidation(self.message)


class DateNotInFuture:
    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if field.data and field.data > form.today:
            raise ValidationError(self.message)


class Between:
    """A parsed number (field.data) within [minimum, maximum]; None is left to Required/Optional."""

    def __init__(self, minimum, maximum, message: str):
        self.minimum = minimum
        self.maximum = maximum
        self.message = message

    def __call__(self, form, field):
        if field.data is not None and not self.minimum <= field.data <= self.maximum:
            raise StopValidation(self.message)
