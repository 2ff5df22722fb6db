"""The base form: CSRF from Flask-WTF, and the date that "today" means for date rules."""

import datetime as dt

from flask_wtf import FlaskForm
from wtforms import Form
from wtforms.meta import DefaultMeta
from wtforms.validators import Length
from wtforms.widgets.core import clean_key

from domain import ro
from forms import fields


class FastRenderMeta(DefaultMeta):
    """Renders the common widgets without WTForms' per-attribute Markup formatting (same markup),
    and gives the `field` macro of components/fields.html its markup (see forms.fields)."""

    render_question = staticmethod(fields.render_question)

    def render_field(self, field, render_kw):
        # As DefaultMeta.render_field: the call's attributes override the field's render_kw.
        kw = {_clean_key(k): v for k, v in field.render_kw.items()} if field.render_kw else {}
        for key, value in render_kw.items():
            kw[_clean_key(key)] = value
        html = fields.render_field(field, dict(kw))
        return field.widget(field, **kw) if html is None else html


_clean_keys: dict[str, str] = {}


def _clean_key(key: str) -> str:
    """wtforms' clean_key (class_ -> class, data_x -> data-x), remembered: the names come from code."""
    if "_" not in key:
        return key
    cleaned = _clean_keys.get(key)
    if cleaned is None:
        cleaned = clean_key(key)
        if len(_clean_keys) < 512:
            _clean_keys[key] = cleaned
    return cleaned


class PageForm(FlaskForm):
    Meta = FastRenderMeta

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or ro.today()


class RowForm(Form):
    """A repeated row inside a page form; the page's CSRF token covers it."""

    Meta = FastRenderMeta

    @property
    def today(self) -> dt.date:
        return ro.today()


def iter_fields(form):
    """Every leaf field of a form, rows included, in page order."""
    for field in form:
        if field.type == "FieldList":
            for entry in field.entries:
                yield from iter_fields(entry.form)
        elif field.type == "FormField":
            yield from iter_fields(field.form)
        elif field.type not in ("CSRFTokenField", "HiddenField"):
            yield field


def find_field(form, name: str):
    for field in iter_fields(form):
        if field.name == name:
            return field
    return None


# What a field without a declared maximum may hold in a draft: above any date, number, choice or
# code typed by hand, far below what a form body could carry (F7).
UNDECLARED_MAXIMUM = 200


def field_maximum(field) -> int:
    """The most characters the field's answer can have: its MaxLength (or WTForms Length), the
    maxlength it renders, the longest of its choices, else UNDECLARED_MAXIMUM."""
    declared = []
    for validator in field.validators:
        bound = getattr(validator, "maximum", None)
        if isinstance(validator, Length):
            bound = validator.max
        if isinstance(bound, int) and bound > 0:
            declared.append(bound)
    rendered = str((field.render_kw or {}).get("maxlength", ""))
    if rendered.isdigit():
        declared.append(int(rendered))
    if declared:
        return min(declared)
    choices = getattr(field, "choices", None)
    if isinstance(choices, list | tuple) and choices:
        return max(len(str(_choice_value(choice))) for choice in choices) or 1
    return UNDECLARED_MAXIMUM


def _choice_value(choice):
    if hasattr(choice, "value"):
        return choice.value
    return choice[0] if isinstance(choice, list | tuple) else choice


def value_maxima(form) -> dict[str, int]:
    """field_maximum of every answer of the form, by input name (rows included)."""
    return {field.name: field_maximum(field) for field in iter_fields(form)}
