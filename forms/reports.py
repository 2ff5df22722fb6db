"""Asking for a career report in the account, and checking a report's code without signing in."""

from wtforms import RadioField
from wtforms.validators import StopValidation

from domain.career.reports import KINDS, normalise_code
from forms.base import PageForm
from forms.fields import TextField, options
from forms.validators import Choice, MaxLength, Required


class ReportRequestForm(PageForm):
    kind = RadioField(
        "Ce raport doriți?",
        [Required("Alegeți raportul dorit."), Choice("Alegeți raportul dorit din listă.")],
        choices=options(KINDS.items()),
        validate_choice=False,
    )
    person = RadioField(
        "Pentru cine?",
        [Required("Alegeți persoana pentru care cereți raportul."), Choice("Alegeți din listă.")],
        validate_choice=False,
    )

    def __init__(self, *args, persons: list[tuple[str, str]], **kwargs):
        """persons: (value, label) pairs; the value is an index, never a CNP in the form."""
        super().__init__(*args, **kwargs)
        self.person.choices = options(persons)
        if len(persons) == 1 and not self.person.data:
            self.person.data = persons[0][0]


class CodeFormat:
    def __call__(self, form, field):
        code = normalise_code(field.data)
        if code is None:
            raise StopValidation(
                "Codul de verificare are 20 de litere și cifre, în grupe de câte 4, de exemplu "
                "K7QD-M2XP-9HTA-CW4R-ZB6N. Îl găsiți în antetul raportului."
            )
        field.data = code


class VerifyForm(PageForm):
    """Read from the query string (?cod=, as the QR code opens it): no CSRF, it changes nothing."""

    class Meta:
        csrf = False

    cod = TextField(
        "Codul de verificare",
        [Required("Introduceți codul de verificare."), MaxLength(40, "Codul"), CodeFormat()],
        description="Este în antetul raportului, sub numărul lui.",
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "width-20"},
    )
