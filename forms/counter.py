"""Forms of the county counter: finding a request, the checklist and registration, the decision,
and the filters of the queue and of the audit log."""

import datetime as dt
import re

from wtforms import BooleanField, HiddenField, RadioField, SelectField, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import TextArea

from domain import ro
from domain.codes import ID_TYPES, REQUEST_STATUSES
from domain.references import normalise_reference
from forms.base import PageForm
from forms.fields import DateField, TextField, options
from forms.questions import IdentityDocumentRules
from forms.validators import Choice, DateNotInFuture, Email, MaxLength, Optional, Required

QUEUE_FILTERS = [
    ("deschise", "În lucru (trimise sau înregistrate)"),
    *REQUEST_STATUSES,
    ("toate", "Toate"),
]


def as_cnp(text: str) -> str | None:
    compact = re.sub(r"[\s.-]", "", text or "")
    return compact if len(compact) == 13 and compact.isdigit() else None


class GetForm(PageForm):
    """A filter or search sent by GET: it changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False


class FindForm(PageForm):
    """Sent by POST with its CSRF token, so that a CNP never goes into a URL or an access log."""

    q = TextField(
        "Numărul de referință sau CNP-ul",
        [
            Required("Introduceți numărul de referință sau CNP-ul solicitantului."),
            MaxLength(40, "Căutarea"),
        ],
        description="Scanați codul QR de pe cererea tipărită sau scrieți numărul, de exemplu "
        "CC-2026-000123. CNP-ul se caută exact.",
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "width-20"},
    )

    def validate_q(self, field):
        if not (normalise_reference(field.data) or as_cnp(field.data)):
            raise ValidationError(
                "Scrieți numărul de referință, de exemplu CC-2026-000123, "
                "sau CNP-ul de 13 cifre al solicitantului."
            )

    @property
    def reference(self) -> str | None:
        return normalise_reference(self.q.data)

    @property
    def cnp(self) -> str | None:
        return as_cnp(self.q.data)


class QueueForm(GetForm):
    stare = SelectField(
        "Starea cererii",
        [Optional(), Choice("Alegeți starea din listă.")],
        choices=options(QUEUE_FILTERS),
        default="deschise",
        validate_choice=False,
    )


class RegisterForm(IdentityDocumentRules, PageForm):
    """What the clerk saw at the counter, and the registration number given to the request.

    The identity card follows the citizen's form's rules, so that one typed here is checked alike.
    """

    id_type = RadioField(
        "Tipul actului de identitate",
        [
            Required("Alegeți tipul actului de identitate prezentat."),
            Choice("Alegeți tipul actului de identitate din listă."),
        ],
        choices=options(ID_TYPES),
        validate_choice=False,
    )
    id_series = TextField(
        "Seria",
        [MaxLength(2, "Seria")],
        description="Pașaportul nu are serie.",
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "width-4"},
    )
    id_number = TextField(
        "Numărul actului de identitate",
        [
            Required("Introduceți numărul actului de identitate prezentat."),
            MaxLength(12, "Numărul actului de identitate"),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "width-10"},
    )
    id_seen = BooleanField("Am văzut actul de identitate în original și corespunde solicitantului")
    persons_seen = SelectMultipleField(
        "Documentele justificative văzute în original",
        choices=[],
        validate_choice=False,
        description="Bifați fiecare document după ce l-ați verificat.",
    )
    registration_number = TextField(
        "Numărul de înregistrare",
        [
            Required("Introduceți numărul de înregistrare al cererii."),
            MaxLength(40, "Numărul de înregistrare"),
        ],
        description="Numărul din registrul de intrări al casei de pensii.",
        render_kw={"autocomplete": "off", "class": "width-20"},
    )
    registered_on = DateField(
        "Data înregistrării",
        [
            Required("Introduceți data înregistrării."),
            DateNotInFuture("Data înregistrării nu poate fi în viitor."),
        ],
        example="27.03.2026",
        description="De exemplu, 27.03.2026",
        render_kw={"inputmode": "numeric", "class": "width-10", "autocomplete": "off"},
    )

    def __init__(self, *args, person_documents=(), submitted_on: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.person_documents = list(person_documents)
        self.persons_seen.choices = [
            (str(index), text) for index, text in enumerate(self.person_documents)
        ]
        self.submitted_on = submitted_on

    def validate_id_seen(self, field):
        if not field.data:
            raise ValidationError(
                "Confirmați că ați văzut actul de identitate în original. Fără el cererea "
                "nu poate fi înregistrată."
            )

    def validate_persons_seen(self, field):
        seen = set(field.data or [])
        missing = [
            text for index, text in enumerate(self.person_documents) if str(index) not in seen
        ]
        if missing:
            raise ValidationError(
                "Bifați fiecare document justificativ văzut. Dacă solicitantul nu are "
                "documentul în original, respingeți cererea sau cereți-i să revină cu el."
            )

    def validate_registered_on(self, field):
        if field.data and field.data < self.submitted_on:
            raise ValidationError(
                "Data înregistrării nu poate fi înainte de data trimiterii cererii, "
                f"{ro.short_date(self.submitted_on)}."
            )

    def checklist(self) -> dict:
        return {
            "identity_document": {
                "type": self.id_type.data,
                "series": self.id_series.data or "",
                "number": self.id_number.data,
                "seen": True,
            },
            "persons": [{"document": text, "seen": True} for text in self.person_documents],
        }


class ActionForm(PageForm):
    """A button with its CSRF token: approve, re-send the activation email."""


class ReleaseForm(PageForm):
    """Closes another open request with the same CNP or email (a stranger's, or a duplicate)."""

    other = HiddenField()


class CorrectEmailForm(PageForm):
    email = TextField(
        "Adresa de e-mail corectă",
        [
            Required("Scrieți adresa de e-mail corectă a solicitantului."),
            MaxLength(254, "Adresa de e-mail"),
            Email(),
        ],
        description="Cereți-o solicitantului și citiți-i-o înapoi, literă cu literă.",
        render_kw={"type": "email", "autocomplete": "off", "spellcheck": "false"},
    )


class RejectForm(PageForm):
    reason = TextField(
        "Motivul respingerii",
        [
            Required("Scrieți motivul respingerii. Solicitantul îl primește prin e-mail."),
            MaxLength(1000, "Motivul respingerii"),
        ],
        description="Solicitantul primește motivul prin e-mail, exact cum îl scrieți. "
        "Spuneți-i și ce poate face, de exemplu să revină cu procura în original.",
        widget=TextArea(),
        render_kw={"rows": "4"},
    )
    # "Respingeți cererea" sits under "Înregistrați": a second, deliberate act, also without JS.
    confirmed = BooleanField("Confirm că resping cererea")

    def validate_confirmed(self, field):
        if not field.data:
            raise ValidationError(
                "Bifați „Confirm că resping cererea”. Respingerea nu se poate anula: "
                "solicitantul primește motivul prin e-mail."
            )


class AuditForm(GetForm):
    email = TextField(
        "Adresa de e-mail a angajatului",
        [Optional(), MaxLength(254, "Adresa de e-mail")],
        description="Este suficientă o parte din adresă.",
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "width-20"},
    )
    action = SelectField(
        "Acțiunea",
        [Optional(), Choice("Alegeți acțiunea din listă.")],
        choices=[],
        validate_choice=False,
    )
    reference = TextField(
        "Numărul de referință al cererii",
        [Optional(), MaxLength(40, "Numărul de referință")],
        render_kw={"autocomplete": "off", "spellcheck": "false", "class": "width-20"},
    )
    date_from = DateField(
        "De la data",
        [Optional()],
        example="01.03.2026",
        description="De exemplu, 01.03.2026",
        render_kw={"inputmode": "numeric", "class": "width-10", "autocomplete": "off"},
    )
    date_to = DateField(
        "Până la data",
        [Optional()],
        example="31.03.2026",
        description="Inclusiv această zi.",
        render_kw={"inputmode": "numeric", "class": "width-10", "autocomplete": "off"},
    )

    def __init__(self, *args, actions: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.action.choices = options([("", "Toate acțiunile"), *actions.items()])

    def validate_reference(self, field):
        normalised = normalise_reference(field.data)
        if normalised is None:
            raise ValidationError("Scrieți numărul de referință întreg, de exemplu CC-2026-000123.")
        field.data = normalised

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("„Până la data” trebuie să fie după „De la data”.")
