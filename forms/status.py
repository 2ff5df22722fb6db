"""Checking a request's status without signing in."""

from wtforms.validators import StopValidation

from domain.references import normalise_reference
from forms.base import PageForm
from forms.fields import TextField
from forms.validators import MaxLength, Pattern, Required


class ReferenceNumber:
    def __call__(self, form, field):
        reference = normalise_reference(field.data)
        if reference is None:
            raise StopValidation(
                "Numărul de referință arată ca CC-2026-000123. Îl găsiți pe cererea tipărită."
            )
        field.data = reference


class StatusForm(PageForm):
    reference = TextField(
        "Numărul de referință",
        [
            Required("Introduceți numărul de referință."),
            MaxLength(30, "Numărul de referință"),
            ReferenceNumber(),
        ],
        description="Este pe cererea tipărită și în e-mailul primit, de exemplu CC-2026-000123.",
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "width-20"},
    )
    cnp_end = TextField(
        "Ultimele 4 cifre ale CNP-ului",
        [
            Required("Introduceți ultimele 4 cifre ale CNP-ului."),
            MaxLength(4, "Ultimele 4 cifre"),
            Pattern(r"\d{4}", "Introduceți exact 4 cifre, ultimele din CNP."),
        ],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "class": "width-4"},
    )
