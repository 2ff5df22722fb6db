"""The counter's look-up of a person's career record: a CNP, and why, when the person is not a
citizen of the clerk's county. Sent by POST, so that no CNP goes into a URL or an access log."""

from wtforms.widgets import TextArea

from forms.base import PageForm
from forms.fields import TextField
from forms.validators import CNP, MaxLength, Optional, Required

REASON_MAX = 300


class CareerLookupForm(PageForm):
    cnp = TextField(
        "CNP-ul persoanei",
        [Required("Scrieți CNP-ul persoanei a cărei carieră o căutați."), CNP()],
        description="13 cifre, din actul de identitate.",
        render_kw={
            "autocomplete": "off",
            "spellcheck": "false",
            "inputmode": "numeric",
            "class": "width-20",
        },
    )
    reason = TextField(
        "Motivul consultării",
        [Optional(), MaxLength(REASON_MAX, "Motivul consultării")],
        description="Obligatoriu dacă persoana nu are o cerere de cont înregistrată la casa de "
        "pensii a județului dumneavoastră, de exemplu „petiția nr. 1234/2026” sau „dosarul de "
        "pensie nr. 5678”. Motivul se păstrează în jurnalul acțiunilor.",
        widget=TextArea(),
        render_kw={"rows": "3"},
    )
