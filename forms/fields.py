"""Fields that clean what people type and paste, and say in Romanian what is wrong."""

import datetime as dt
import re
import unicodedata

from wtforms import Field, StringField
from wtforms.validators import StopValidation
from wtforms.widgets import TextInput

# Old keyboards type the cedilla letters; Romanian uses the comma-below ones.
CEDILLA_TO_COMMA = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
WHITESPACE = re.compile(r"\s+")


def clean_text(value: str) -> tuple[str, bool]:
    """Return the text normalised, and whether control characters had to be removed."""
    value = unicodedata.normalize("NFC", value).translate(CEDILLA_TO_COMMA).translate(INVISIBLE)
    value = WHITESPACE.sub(" ", value).strip()
    cleaned = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cs", "Co"))
    return cleaned, cleaned != value


class TextField(StringField):
    """A text field whose value is cleaned; markup and control characters are refused."""

    removed_control_characters = False

    def process_formdata(self, valuelist):
        if valuelist:
            self.data, self.removed_control_characters = clean_text(valuelist[0])
        else:
            self.data = ""

    def pre_validate(self, form):
        label = self.label.text
        if self.removed_control_characters:
            raise StopValidation(
                f"„{label}” conținea caractere invizibile nepermise, pe care le-am șters. "
                "Verificați textul și trimiteți din nou."
            )
        if "<" in self.data or ">" in self.data:
            raise StopValidation(f"„{label}” nu poate conține caracterele < și >. Ștergeți-le.")


DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")


def parse_date(text: str) -> dt.date | None:
    text = text.replace(" ", "")
    for fmt in DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if parsed.year >= 1900:
            return parsed
    return None


class DateField(Field):
    """A date typed as zz.ll.aaaa; the text typed is kept so that an error never erases it."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, invalid_message=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.invalid_message = invalid_message or f"„{label}” trebuie să fie o dată reală."
        self.text = ""

    def process_formdata(self, valuelist):
        self.text = clean_text(valuelist[0])[0] if valuelist else ""
        self.data = parse_date(self.text) if self.text else None

    def process_data(self, value):
        self.data = value
        self.text = value.strftime("%d.%m.%Y") if value else ""

    def _value(self):
        return self.text

    def pre_validate(self, form):
        if self.text and self.data is None:
            raise StopValidation(self.invalid_message)
