"""The counter's form to revoke a person administered: the reason is required, and the account
holder reads it in their account."""

from wtforms.widgets import TextArea

from forms.base import PageForm
from forms.fields import TextField
from forms.validators import MaxLength, Required

REASON_MAX = 1000


class RevokePersonForm(PageForm):
    reason = TextField(
        "Motivul revocării",
        [
            Required("Scrieți motivul revocării. Titularul contului îl vede în cont."),
            MaxLength(REASON_MAX, "Motivul revocării"),
        ],
        description="De exemplu: procura a fost revocată la notar, sau tutela a încetat. "
        "Titularul contului vede motivul în cont.",
        widget=TextArea(),
        render_kw={"rows": "3"},
    )
