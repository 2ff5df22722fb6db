"""Forms of the counter's petitions: the queue's filters (sent by GET), and the actions on one
petition: answer (text and an optional PDF), extend the term with a reason, forward to another
county house, close with a reason."""

from flask_wtf.file import FileField
from wtforms import SelectField
from wtforms.validators import ValidationError
from wtforms.widgets import TextArea

from domain.petition_terms import MAX_EXTENSION_DAYS
from domain.petitions import MAX_ATTACHMENT_BYTES, MAX_TEXT, STATUSES
from domain.reference.counties import all_counties
from forms.base import PageForm
from forms.counter import GetForm
from forms.fields import TextField, options
from forms.validators import Choice, MaxLength, Optional, Required

REASON_MAX = 1000
STATUS_FILTERS = [
    ("deschise", "Nerezolvate (înregistrate, în lucru, prelungite, redirecționate)"),
    *((value, label[:1].upper() + label[1:]) for value, label in STATUSES.items()),
    ("toate", "Toate"),
]
DUE_FILTERS = [
    ("", "Oricare"),
    ("depasit", "Termen depășit"),
    ("apropiat", "Termen în cel mult 5 zile"),
    ("ulterior", "Termen peste mai mult de 5 zile"),
]


class PetitionQueueForm(GetForm):
    stare = SelectField(
        "Starea petiției",
        [Optional(), Choice("Alegeți starea din listă.")],
        choices=options(STATUS_FILTERS),
        default="deschise",
        validate_choice=False,
    )
    termen = SelectField(
        "Termenul de răspuns",
        [Optional(), Choice("Alegeți termenul din listă.")],
        choices=options(DUE_FILTERS),
        default="",
        validate_choice=False,
    )
    # Supervisors only: the queue of another county house.
    judet = SelectField(
        "Casa de pensii",
        [Optional(), Choice("Alegeți casa de pensii din listă.")],
        choices=options([(c.code, c.house_name) for c in all_counties()]),
        validate_choice=False,
    )


def _reason(label: str, message: str, hint: str) -> TextField:
    return TextField(
        label,
        [Required(message), MaxLength(REASON_MAX, label)],
        description=hint,
        widget=TextArea(),
        render_kw={"rows": "4"},
    )


class AnswerForm(PageForm):
    text = TextField(
        "Răspunsul",
        [Required("Scrieți răspunsul la petiție."), MaxLength(MAX_TEXT, "Răspunsul")],
        description="Petentul îl citește în contul său online.",
        widget=TextArea(),
        render_kw={"rows": "10"},
    )
    document = FileField(
        "Răspunsul semnat, ca PDF (opțional)",
        description="Un singur fișier PDF, de cel mult 5 MB.",
    )

    def validate_document(self, field):
        """Reads the file once: its bytes are in `self.document_bytes` (None: no file). That it
        really is a PDF is checked from its content by the view (webapp.files.sniff)."""
        self.document_bytes = None
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            return
        data = upload.read(MAX_ATTACHMENT_BYTES + 1)
        if not data:
            raise ValidationError("Fișierul ales este gol. Alegeți PDF-ul răspunsului.")
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise ValidationError("Fișierul are mai mult de 5 MB. Alegeți un PDF mai mic.")
        self.document_bytes = data
        self.document_name = upload.filename


class ExtendForm(PageForm):
    days = SelectField(
        "Cu câte zile prelungiți termenul",
        [Required("Alegeți cu câte zile prelungiți termenul."), Choice("Alegeți din listă.")],
        choices=options(
            [("", "Alegeți")]
            + [(str(n), f"{n} zile" if n > 1 else "o zi") for n in range(1, MAX_EXTENSION_DAYS + 1)]
        ),
        default=str(MAX_EXTENSION_DAYS),
        validate_choice=False,
    )
    extension_reason = _reason(
        "Motivul prelungirii",
        "Scrieți motivul prelungirii: petentul îl primește.",
        "De exemplu, „așteptăm adeverința de vechime de la fostul angajator”. Petentul îl vede.",
    )


class ForwardForm(PageForm):
    county = SelectField(
        "Casa de pensii la care o trimiteți",
        [
            Required("Alegeți casa de pensii la care trimiteți petiția."),
            Choice("Alegeți din listă."),
        ],
        choices=options(
            [("", "Alegeți casa de pensii")] + [(c.code, c.house_name) for c in all_counties()]
        ),
        validate_choice=False,
    )
    forward_reason = _reason(
        "De ce o redirecționați",
        "Scrieți de ce redirecționați petiția.",
        "De exemplu, „petentul are dosarul de pensie la Casa de Pensii Sibiu”.",
    )


class CloseForm(PageForm):
    close_reason = _reason(
        "Motivul închiderii",
        "Scrieți motivul închiderii petiției.",
        "De exemplu, „petiție identică cu PT-2026-000120, la care s-a răspuns”. Petentul îl vede.",
    )
