"""An electronic petition, one thing per page: whom and what it is about and where it goes, then
the subject and the text; the attachments page checks files with the limits below, and the
content itself is checked in webapp/files.sniff."""

import unicodedata

from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import StopValidation

from domain import ro
from domain.petitions import (
    ATTACHMENT_TYPES,
    CATEGORIES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    MAX_SUBJECT,
    MAX_TEXT,
)
from forms.base import PageForm
from forms.fields import BIDI_CONTROLS, INVISIBLE, office_choices, options, text
from forms.validators import Choice, MaxLength, Required

SUBJECT_LABEL = "Subiectul petiției"
TEXT_LABEL = "Textul petiției"
MEGABYTE = 1024 * 1024


class LongTextField(TextAreaField):
    """Text on several lines: cleaned like a TextField (NFC, comma-below ș ț, no invisible or
    control characters), but its line breaks kept."""

    removed_control_characters = False

    def process_formdata(self, valuelist):
        if not valuelist:
            self.data = ""
            return
        value = ro.comma_below(unicodedata.normalize("NFC", valuelist[0])).translate(INVISIBLE)
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").strip()
        cleaned = "".join(
            ch
            for ch in value
            if ch == "\n"
            or (unicodedata.category(ch) not in ("Cc", "Cs", "Co") and ch not in BIDI_CONTROLS)
        )
        self.data, self.removed_control_characters = cleaned, cleaned != value

    def pre_validate(self, form):
        if self.removed_control_characters:
            raise StopValidation(
                f"„{self.label.text}” conținea caractere invizibile nepermise, pe care le-am "
                "șters. Verificați textul și trimiteți din nou."
            )


class WhoForm(PageForm):
    person = RadioField(
        "Pentru cine este petiția?",
        [Required("Alegeți persoana pentru care scrieți."), Choice("Alegeți persoana din listă.")],
        validate_choice=False,
    )
    website = StringField("Lăsați acest câmp gol")

    def __init__(self, *args, persons: list[tuple[str, str]], **kwargs):
        """persons: (value, label); the value is "0" for the holder or the administered
        person's number, never a CNP."""
        super().__init__(*args, **kwargs)
        self.person.choices = options(persons)
        if len(persons) == 1 and not self.person.data:
            self.person.data = persons[0][0]


class AboutForm(PageForm):
    category = RadioField(
        "Despre ce este petiția?",
        [Required("Alegeți despre ce este petiția."), Choice("Alegeți din listă.")],
        choices=options(CATEGORIES.items()),
        validate_choice=False,
    )
    county_code = SelectField(
        "Casa de pensii căreia îi scrieți",
        [Required("Alegeți casa de pensii."), Choice("Alegeți casa de pensii din listă.")],
        choices=office_choices(),
        validate_choice=False,
        description=(
            "Am ales casa de pensii a județului de domiciliu al persoanei. O puteți schimba."
        ),
    )
    website = StringField("Lăsați acest câmp gol")

    def __init__(self, *args, default_county: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only when the page was never answered: an emptied choice stays empty (and is an error).
        if default_county and not self.county_code.raw_data:
            self.county_code.data = default_county


class TextForm(PageForm):
    subject = text(
        SUBJECT_LABEL,
        "Scrieți subiectul petiției.",
        MAX_SUBJECT,
        hint="Pe scurt, de exemplu: Corectarea stagiului pe anul 1995.",
    )
    text = LongTextField(
        TEXT_LABEL,
        [Required("Scrieți textul petiției."), MaxLength(MAX_TEXT, TEXT_LABEL)],
        description=(
            f"Cel mult {ro.number(MAX_TEXT)} de caractere. Spuneți ce s-a întâmplat, "
            "ce cereți și, dacă aveți, numerele documentelor (decizia de pensie, adeverința)."
        ),
        render_kw={"rows": 12},
    )
    website = StringField("Lăsați acest câmp gol")


def upload_error(name: str, size: int, sniffed: str | None, already: int) -> str | None:
    """The Romanian message for one chosen file, or None when it may be added.

    `sniffed` is the type read from its content (webapp.files.sniff), `already` the number of
    files the petition has.
    """
    label = name or "Fișierul"
    if already >= MAX_ATTACHMENTS:
        return f"Puteți atașa cel mult {ro.count(MAX_ATTACHMENTS, 'fișier', 'fișiere')}."
    if size == 0:
        return f"„{label}” este gol. Alegeți alt fișier."
    if size > MAX_ATTACHMENT_BYTES:
        return (
            f"„{label}” are {size / MEGABYTE:.1f} MB".replace(".", ",")
            + f". Un fișier poate avea cel mult {MAX_ATTACHMENT_BYTES // MEGABYTE} MB."
        )
    if sniffed not in ATTACHMENT_TYPES:
        return (
            f"„{label}” nu este un fișier PDF, JPEG sau PNG. Verificăm conținutul fișierului, nu "
            "numele lui: alegeți documentul scanat sau fotografiat."
        )
    return None


ATTACHMENTS_HINT = (
    f"Cel mult {ro.count(MAX_ATTACHMENTS, 'fișier', 'fișiere')}, PDF, JPEG sau PNG, fiecare de cel "
    f"mult {MAX_ATTACHMENT_BYTES // MEGABYTE} MB. Puteți alege mai multe deodată."
)
