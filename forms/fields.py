"""Fields that clean what people type and paste, and say in Romanian what is wrong."""

import re
import unicodedata

from markupsafe import Markup, escape
from wtforms import Field, SelectField, StringField
from wtforms.fields.choices import SelectChoice, SelectFieldBase
from wtforms.validators import StopValidation
from wtforms.widgets import Input, PasswordInput, Select, TextInput

from domain import ro
from domain.dates import DateProblem, read_date
from domain.reference.counties import all_counties
from forms.messages import N_, Message, translate, translating
from forms.validators import MaxLength, Optional, PersonName, Required

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Characters that reorder text on screen and in printouts: removed and reported like controls.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
WHITESPACE = re.compile(r"\s+")


def clean_text(value: str) -> tuple[str, bool]:
    """Return the text normalised, and whether control characters had to be removed."""
    value = ro.comma_below(unicodedata.normalize("NFC", value)).translate(INVISIBLE)
    value = WHITESPACE.sub(" ", value).strip()
    cleaned = "".join(
        ch
        for ch in value
        if unicodedata.category(ch) not in ("Cc", "Cs", "Co") and ch not in BIDI_CONTROLS
    )
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
                N_(
                    "„{label}” conținea caractere invizibile nepermise, pe care le-am șters. "
                    "Verificați textul și trimiteți din nou.",
                    label=label,
                )
            )
        if self.data and ("<" in self.data or ">" in self.data):
            raise StopValidation(
                N_("„{label}” nu poate conține caracterele < și >. Ștergeți-le.", label=label)
            )


class DateField(Field):
    """A date typed as zi.lună.an or in another common format (domain.dates); the text typed is
    kept so that an error never erases it, and the message says what to change in it."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, example="27.03.2021", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.example = example
        self.problem = None
        self.text = ""

    def process_formdata(self, valuelist):
        self.text = clean_text(valuelist[0])[0] if valuelist else ""
        read = read_date(self.text) if self.text else None
        self.data = read.value if read else None
        self.problem = read.problem if read else None

    def process_data(self, value):
        self.data = value
        self.problem = None
        self.text = ro.short_date(value) if value else ""

    def _value(self):
        return self.text

    def pre_validate(self, form):
        if self.text and self.data is None:
            raise StopValidation(date_message(self.label.text, self.problem, self.example))


def date_message(label: str, problem: DateProblem | None, example: str) -> str:
    """What is wrong with a typed date, with the format shown (M14)."""
    values = {"label": label, "example": example}
    if problem is DateProblem.SHORT_YEAR:
        return N_("„{label}”: scrieți anul cu patru cifre, de exemplu {example}.", **values)
    if problem is DateProblem.NOT_REAL:
        return N_("„{label}” trebuie să fie o dată care există: verificați ziua și luna.", **values)
    if problem is DateProblem.TOO_EARLY:
        return N_("„{label}”: verificați anul, de exemplu {example}.", **values)
    return N_("„{label}”: scrieți data ca zi.lună.an, de exemplu {example}.", **values)


# One question as components/fields.html's `field` macro shows it: label, hint, error message and
# control, wired by aria-describedby. Written in Python rather than Jinja because it runs for every
# field of every form page, and the Jinja version (a macro call, an escape() per expression) cost
# about three times as much: half of the form page's rendering time.


def render_question(field, autofocus=False) -> Markup:
    errors = field.errors
    # The question a change link of the check page opened the page for (webapp.questions).
    autofocus = autofocus or getattr(field, "change_focus", False)
    field_id = _html(field.id)
    description = translate(field.description)
    described = []
    hint = error = ""
    if description:
        described.append(f"{field_id}-hint")
        hint = f'<p class="hint" id="{field_id}-hint">{_html(description)}</p>'
    if errors:
        described.append(f"{field_id}-error")
        error = (
            f'<p class="error-message" id="{field_id}-error">'
            f'<span class="visually-hidden">{_html(translate(ERROR))}</span>'
            f"{_html(translate(errors[0]))}</p>"
        )
    described = " ".join(described)
    box = "field field--error" if errors else "field"
    label = _html(translate(field.label.text))
    if field.type == "RadioField":
        described_attr = f' aria-describedby="{described}"' if described else ""
        options = list(_radio_options(field))
        # Focus goes to the chosen option, as the arrow keys would find it.
        focused = next((o[0] for o in options if o[2]), options[0][0] if options else None)
        radios = "".join(
            '      <div class="radio">\n'
            f'        <input type="radio" id="{_html(option_id)}" name="{_html(field.name)}"'
            f' value="{_html(value)}"{" checked" if checked else ""}'
            f"{' autofocus' if autofocus and option_id == focused else ''}>\n"
            f'        <label for="{_html(option_id)}">{_html(translate(text))}</label>\n'
            "      </div>\n"
            for option_id, value, checked, text in options
        )
        return Markup(
            f'<div class="{box}" id="field-{field_id}">\n'
            f'  <fieldset class="fieldset"{described_attr}>\n'
            f'    <legend class="fieldset-legend">{label}</legend>\n'
            f"    {hint}\n"
            f"    {error}\n"
            '    <div class="radios">\n'
            f"{radios}"
            "    </div>\n"
            "  </fieldset>\n"
            "</div>\n"
        )
    base = "select" if field.type == "SelectField" else "input"
    if base == "select" and translating():
        field.choices = translated_choices(field.choices)
    width = (field.render_kw or {}).get("class", "")
    control = field(
        **{
            "class": f"{base} {width}".strip(),
            # The ids are escaped already; Markup keeps the control from escaping them again.
            "aria-describedby": Markup(described) if described else False,
            "aria-invalid": "true" if errors else False,
            "autofocus": autofocus,
        }
    )
    return Markup(
        f'<div class="{box}" id="field-{field_id}">\n'
        f'  <label class="label" for="{field_id}">{label}</label>\n'
        f"  {hint}\n"
        f"  {error}\n"
        f"  {control}\n"
        "</div>\n"
    )


ERROR = N_("Eroare: ")


def translated_choices(choices):
    """A select's options in the page's language; countries in the order of their names there."""
    if type(choices) is not list:
        return choices
    translated = [SelectChoice(choice.value, str(translate(choice.label))) for choice in choices]
    if any(getattr(choice.label, "kind", None) == "country" for choice in choices):
        first = [choice for choice in translated if choice.value == ""]
        rest = [choice for choice in translated if choice.value != ""]
        rest.sort(key=lambda choice: unicodedata.normalize("NFKD", choice.label).casefold())
        translated = first + rest
    return translated


def _radio_options(field):
    """(id, value, checked, label) of each radio, as iterating the field would give them."""
    if type(field).__iter__ is SelectFieldBase.__iter__:
        # What SelectFieldBase.__iter__ computes, without building a Field per option.
        for index, choice in enumerate(field._iter_choices_normalized()):
            yield (
                f"{field.id}-{index}",
                str(choice.value),
                choice.selected,
                choice.label or choice.value,
            )
    else:
        for option in field:
            yield option.id, option._value(), option.checked, option.label.text


# Fast rendering of the common widgets, byte for byte what WTForms produces.
#
# WTForms builds every attribute through Markup.format and re-escapes as it goes, and renders each
# of the 43 options of a select anew: most of the form page's server time. The functions
# below give the same markup (sorted attributes, bare True, dropped False, values escaped the same
# way), and the option list of a select is built once per list of choices. Anything they do not
# recognise (subclassed widgets, option groups, render_kw on options, non-str coercion...) goes
# to the widget itself; tests/forms/test_field_rendering.py holds the two to the same output.

_INPUT_CALL = Input.__call__
_INPUT_PARAMS = Input.html_params
_NEEDS_ESCAPING = re.compile(r"[&<>'\"]").search
_OPTION_CACHE_SIZE = 64
_option_cache: dict[tuple, tuple[str, list[str], list[str], list[str]]] = {}


def render_field(field, render_kw: dict):
    """The markup field.widget(field, **render_kw) would give, or None to let the widget do it.

    render_kw is already merged with field.render_kw and its keys cleaned (see forms.base).
    """
    widget = field.widget
    kind = type(widget)
    if "name" in render_kw or getattr(field, "_datalist", None) is not None:
        return None
    if kind is Select:
        return _select(field, widget, render_kw)
    if kind is PasswordInput:
        if widget.hide_value:
            render_kw["value"] = ""
    elif kind.__call__ is not _INPUT_CALL or kind.html_params is not _INPUT_PARAMS:
        return None
    render_kw.setdefault("id", field.id)
    render_kw.setdefault("type", widget.input_type)
    if "value" not in render_kw:
        render_kw["value"] = field._value()
    _add_flags(field, widget, render_kw, call=True)
    render_kw["name"] = field.name
    return Markup(f"<input {_attributes(render_kw)}>")


def _select(field, widget, render_kw):
    if widget.multiple or type(field) is not SelectField or field.coerce is not str:
        return None
    options = _options(field.choices)
    if options is None:
        return None
    html, values, unselected, selected = options
    render_kw.setdefault("id", field.id)
    _add_flags(field, widget, render_kw, call=False)
    render_kw["name"] = field.name
    data = field.data
    # Selected: the options whose value equals the data, as in SelectField.iter_choices.
    if isinstance(data, str) and data in values:
        html = "".join(
            selected[i] if value == data else unselected[i] for i, value in enumerate(values)
        )
    return Markup(f"<select {_attributes(render_kw)}>{html}</select>")


def _options(choices):
    """(all options unselected, their values, each unselected, each selected), or None."""
    if type(choices) is not list:
        return None
    key = []
    for choice in choices:
        if (
            type(choice) is not SelectChoice
            or choice.render_kw
            or choice.optgroup is not None
            or type(choice.value) is not str
            or type(choice.label) not in (str, Message)
        ):
            return None
        key.append((choice.value, choice.label))
    key = tuple(key)
    cached = _option_cache.get(key)
    if cached is None:
        unselected, selected = [], []
        for value, label in key:
            value_attr = _html(value)
            text = escape(label or value)
            unselected.append(f'<option value="{value_attr}">{text}</option>')
            selected.append(f'<option selected value="{value_attr}">{text}</option>')
        cached = ("".join(unselected), [value for value, _ in key], unselected, selected)
        if len(_option_cache) >= _OPTION_CACHE_SIZE:
            _option_cache.clear()  # choices built per request would otherwise pile up
        _option_cache[key] = cached
    return cached


def _add_flags(field, widget, render_kw, call: bool) -> None:
    # The same as the widgets' `for k in dir(flags)`: flags live in the instance's __dict__.
    flags = vars(field.flags)
    for name in widget.validation_attrs:
        if name in flags and name not in render_kw:
            value = flags[name]
            render_kw[name] = value() if call and callable(value) else value


def _attributes(attrs: dict) -> str:
    parts = []
    for key, value in sorted(attrs.items()):
        if _NEEDS_ESCAPING(key):
            key = escape(key)
        if value is True:
            parts.append(key)
        elif value is not False:
            if type(value) is not str or _NEEDS_ESCAPING(value):
                # As in WTForms: a quote left unescaped inside Markup becomes &quot;.
                value = str(escape(value)).replace('"', "&quot;")
            parts.append(f'{key}="{value}"')
    return " ".join(parts)


def _html(value) -> str:
    """escape(value), faster for the usual text that has nothing to escape."""
    if type(value) is str and not _NEEDS_ESCAPING(value):
        return value
    return str(escape(value))


# Factories for the questions every journey asks the same way: the label, the messages and the
# rendering attributes in one call.


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def county_choices(placeholder: str) -> list[SelectChoice]:
    return options([("", placeholder)] + [(c.code, c.name) for c in all_counties()])


def office_choices() -> list[SelectChoice]:
    return options(
        [("", N_("Alegeți casa de pensii"))] + [(c.code, c.house_name) for c in all_counties()]
    )


def text(
    label, required_message=None, maximum=100, hint=None, extra=(), skip_empty=True, **render_kw
):
    # skip_empty=False keeps the form's own validate_<field> running on an empty answer.
    if required_message:
        validators = [Required(required_message)]
    else:
        validators = [Optional()] if skip_empty else []
    validators += [MaxLength(maximum, label), *extra]
    return TextField(label, validators, description=hint or "", render_kw=render_kw or None)


def name_field(label, required_message, **render_kw):
    return text(label, required_message, 50, extra=[PersonName(label)], **render_kw)


def date_field(
    label, required_message, example="27.03.2021", extra=(), hint=None, autocomplete="off"
):
    validators = [Required(required_message) if required_message else Optional(), *extra]
    return DateField(
        label,
        validators,
        example=example,
        description=hint or N_("De exemplu, {example}", example=example),
        render_kw={"inputmode": "numeric", "class": "width-10", "autocomplete": autocomplete},
    )
