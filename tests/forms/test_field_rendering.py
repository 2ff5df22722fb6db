"""The markup of the `field` macro, pinned, and held to what WTForms itself would render.

Questions are rendered in Python (forms.fields.render_question) and their controls without
WTForms' widgets (forms.fields.render_field), for speed. These tests make sure that the output is
still, byte for byte, what the original Jinja macro and the WTForms widgets gave.
"""

import pytest
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.meta import DefaultMeta
from wtforms.widgets import PasswordInput

from forms.account import (
    IDENTITY_PAGES,
    AddressForm,
    ApplicantForm,
    LegalPersonForm,
    NaturalPersonForm,
)
from forms.base import PageForm, RowForm, iter_fields
from forms.fields import DateField, TextField
from forms.validators import Optional, Required
from tests import builders
from tests.page_checks import check_html

# Tuple choices still reach the macro (forms.counter): they must render as before too.
pytestmark = pytest.mark.filterwarnings("ignore:Passing SelectField choices as tuples")

NASTY = "A\"<>&'B &amp; &#34; {{x}} ț"

# The macro as it was before rendering moved to Python, with WTForms' own widgets for the
# control: the specification the fast path is held to.
REFERENCE = """
{% macro describedby(f) -%}
{%- set ids = [] -%}
{%- if f.description %}{% set _ = ids.append(f.id ~ '-hint') %}{% endif -%}
{%- if f.errors %}{% set _ = ids.append(f.id ~ '-error') %}{% endif -%}
{{ ids | join(' ') }}
{%- endmacro %}
{% macro hint(f) -%}
{% if f.description %}<p class="hint" id="{{ f.id }}-hint">{{ f.description }}</p>{% endif %}
{%- endmacro %}
{% macro error(f) -%}
{% if f.errors %}<p class="error-message" id="{{ f.id }}-error"><span class="visually-hidden">\
Eroare: </span>{{ f.errors[0] }}</p>{% endif %}
{%- endmacro %}
{% macro field(f, autofocus=false) %}
{% set described = describedby(f) %}
{% if f.type == 'RadioField' %}
<div class="field{% if f.errors %} field--error{% endif %}" id="field-{{ f.id }}">
  <fieldset class="fieldset"{% if described %} aria-describedby="{{ described }}"{% endif %}>
    <legend class="fieldset-legend">{{ f.label.text }}</legend>
    {{ hint(f) }}
    {{ error(f) }}
    <div class="radios">
    {% for option in f %}
      <div class="radio">
        <input type="radio" id="{{ option.id }}" name="{{ f.name }}" \
value="{{ option._value() }}"{% if option.checked %} checked{% endif %}>
        <label for="{{ option.id }}">{{ option.label.text }}</label>
      </div>
    {% endfor %}
    </div>
  </fieldset>
</div>
{% else %}
<div class="field{% if f.errors %} field--error{% endif %}" id="field-{{ f.id }}">
  <label class="label" for="{{ f.id }}">{{ f.label.text }}</label>
  {{ hint(f) }}
  {{ error(f) }}
  {% set base = 'select' if f.type == 'SelectField' else 'input' %}
  {% set width = (f.render_kw or {}).get('class', '') %}
  {{ wtforms_render(f, {'class': (base ~ ' ' ~ width).strip(), \
'aria-describedby': described or False, 'aria-invalid': 'true' if f.errors else False, \
'autofocus': autofocus}) }}
</div>
{% endif %}
{% endmacro %}
{{ field(f, autofocus) }}"""


def wtforms_render(field, render_kw):
    return DefaultMeta().render_field(field, render_kw)


class KindsForm(PageForm):
    """A field of each kind a page may pass to the macro, beyond those of the account forms."""

    text = TextField("Text", [Required("Required.")], render_kw={"class": "width-10"})
    password = PasswordField("Password", render_kw={"autocomplete": "current-password"})
    shown_password = PasswordField("Shown", widget=PasswordInput(hide_value=False))
    email = EmailField("Email", description="Hint & <more>")
    number = IntegerField("Number", [Optional()], render_kw={"inputmode": "numeric"})
    notes = TextAreaField("Notes", render_kw={"rows": 3})
    agree = BooleanField("Agree")
    hidden = HiddenField("Hidden")
    kind = RadioField(
        "Kind", choices=[SelectChoice("a", "A & a"), SelectChoice("b&", "B")], validate_choice=False
    )
    plain = StringField("Plain", render_kw={"data_x": Markup('q"q'), "aria_label": "L"})
    select = SelectField(
        "Select", choices=[SelectChoice("", "Pick"), SelectChoice('x"<', "X & <x>")]
    )
    tuples = SelectField("Tuples", choices=[("1", "One"), ("2", "Two")])
    numbers = SelectField("Numbers", coerce=int, choices=[SelectChoice(1, "One")])
    groups = SelectField(
        "Groups", choices=[SelectChoice("a", "A", optgroup="G"), SelectChoice("b", "B")]
    )
    option_kw = SelectField(
        "Option kw", choices=[SelectChoice("a", "A", render_kw={"disabled": True})]
    )
    many = SelectMultipleField("Many", choices=[SelectChoice("a", "A"), SelectChoice("b", "B")])
    date = DateField("Date", render_kw={"class": "width-10", "autocomplete": "off"})


def forms_in_every_state():
    valid = builders.identity()
    nasty = {key: NASTY for key in valid}
    natural = {key.split("-")[-1]: v for key, v in builders.natural_person(0).items()}
    legal = {key.split("-")[-1]: v for key, v in builders.legal_person(0).items()}
    kinds_nasty = {name: NASTY for name in KindsForm(meta={"csrf": False})._fields}
    kinds_set = {"kind": "b&", "select": 'x"<', "many": "b", "agree": "y", "number": "7"}
    identity_pages = [
        (page, data)
        for page in IDENTITY_PAGES
        for data in (
            {},
            valid,
            valid | {"county_code": "B", "office_code": "IF", "sex": "M"},
            valid | {"cnp": builders.FOREIGN_CNP, "sex": "M"},
            nasty,
        )
    ]
    for form_class, data in [
        *identity_pages,
        (NaturalPersonForm, natural),
        (NaturalPersonForm, {key: NASTY for key in natural}),
        (LegalPersonForm, legal),
        (KindsForm, {}),
        (KindsForm, kinds_set),
        (KindsForm, kinds_nasty),
    ]:
        for validate in (False, True):
            if issubclass(form_class, RowForm):
                form = form_class(formdata=MultiDict(data))
            else:
                form = form_class(formdata=MultiDict(data), meta={"csrf": False})
            if validate:
                form.validate()
            yield form


@pytest.fixture
def render(app):
    macro = app.jinja_env.from_string(
        '{% from "components/fields.html" import field %}{{ field(f, autofocus) }}'
    )
    with app.test_request_context("/"):
        yield lambda f, autofocus=False: macro.render(f=f, autofocus=autofocus)


@pytest.fixture
def reference(app):
    template = app.jinja_env.from_string(REFERENCE)
    with app.test_request_context("/"):
        yield lambda f, autofocus=False: template.render(
            f=f, autofocus=autofocus, wtforms_render=wtforms_render
        ).lstrip("\n")


def test_every_field_in_every_state_renders_as_before(render, reference):
    checked = 0
    for form in forms_in_every_state():
        for index, field in enumerate(iter_fields(form)):
            autofocus = index == 0
            assert render(field, autofocus) == reference(field, autofocus), field.name
            checked += 1
    assert checked > 200


def test_controls_render_as_the_wtforms_widgets_do(app):
    extra = [{}, {"class": "input", "aria-invalid": "true", "autofocus": True, "value": NASTY}]
    with app.test_request_context("/"):
        for form in forms_in_every_state():
            for field in form:
                for render_kw in extra:
                    assert str(field(**render_kw)) == wtforms_render(field, render_kw), field.name


def test_text_input_with_hint_and_error(render):
    form = ApplicantForm(formdata=MultiDict({"cnp": "123"}), meta={"csrf": False})
    form.validate()
    assert render(form.cnp) == (
        '<div class="field field--error" id="field-cnp">\n'
        '  <label class="label" for="cnp">CNP</label>\n'
        '  <p class="hint" id="cnp-hint">Codul numeric personal are 13 cifre.</p>\n'
        '  <p class="error-message" id="cnp-error"><span class="visually-hidden">Eroare: </span>'
        f"{form.cnp.errors[0]}</p>\n"
        '  <input aria-describedby="cnp-hint cnp-error" aria-invalid="true" autocomplete="off" '
        'class="input width-20" id="cnp" inputmode="numeric" name="cnp" required type="text" '
        'value="123">\n'
        "</div>\n"
    )


def test_typed_value_is_escaped_and_kept(render):
    form = AddressForm(
        formdata=MultiDict(
            {"residence": "ro", "address_shown": "ro", "street": 'Str. "Unirii" <1> & 2'}
        ),
        meta={"csrf": False},
    )
    form.validate()
    html = render(form.street, autofocus=True)
    assert html == (
        '<div class="field field--error" id="field-street">\n'
        '  <label class="label" for="street">Strada</label>\n'
        "  \n"
        '  <p class="error-message" id="street-error"><span class="visually-hidden">Eroare: </span>'
        "„Strada” nu poate conține caracterele &lt; și &gt;. Ștergeți-le.</p>\n"
        '  <input aria-describedby="street-error" aria-invalid="true" autocomplete="address-line1"'
        ' autofocus class="input" id="street" name="street" required type="text" '
        'value="Str. &#34;Unirii&#34; &lt;1&gt; &amp; 2">\n'
        "</div>\n"
    )
    check_html(html, fragment=True)


def test_select_with_the_selected_option(render):
    form = AddressForm(formdata=MultiDict({"county_code": "CJ"}), meta={"csrf": False})
    html = render(form.county_code)
    assert html.startswith(
        '<div class="field" id="field-county_code">\n'
        '  <label class="label" for="county_code">Județul</label>\n'
        "  \n"
        "  \n"
        '  <select autocomplete="address-level1" class="select" id="county_code" '
        'name="county_code" required><option value="">Alegeți județul</option>'
        '<option value="AB">Alba</option><option value="AR">Arad</option>'
    )
    assert html.count("<option ") == 43
    assert html.count(" selected") == 1
    assert '<option value="CT">Constanța</option>' in html
    assert '<option selected value="CJ">Cluj</option>' in html
    assert html.endswith("</select>\n</div>\n")
    # The cached option list serves the next form without the selection of this one.
    other = AddressForm(formdata=MultiDict({"county_code": "B"}), meta={"csrf": False})
    html = render(other.county_code)
    assert '<option selected value="B">București</option>' in html
    assert html.count(" selected") == 1


def test_radio_group_with_the_checked_option(render):
    form = ApplicantForm(formdata=MultiDict({"sex": "M"}), meta={"csrf": False})
    assert render(form.sex) == (
        '<div class="field" id="field-sex">\n'
        '  <fieldset class="fieldset">\n'
        '    <legend class="fieldset-legend">Sexul</legend>\n'
        "    \n"
        "    \n"
        '    <div class="radios">\n'
        '      <div class="radio">\n'
        '        <input type="radio" id="sex-0" name="sex" value="F">\n'
        '        <label for="sex-0">Femeie</label>\n'
        "      </div>\n"
        '      <div class="radio">\n'
        '        <input type="radio" id="sex-1" name="sex" value="M" checked>\n'
        '        <label for="sex-1">Bărbat</label>\n'
        "      </div>\n"
        "    </div>\n"
        "  </fieldset>\n"
        "</div>\n"
    )


def test_radio_group_with_an_error_is_described_by_it(render):
    # Asked only where the CNP does not tell it (M14).
    form = ApplicantForm(
        formdata=MultiDict({"sex": "", "cnp": builders.FOREIGN_CNP}), meta={"csrf": False}
    )
    form.validate()
    html = render(form.sex)
    assert '<fieldset class="fieldset" aria-describedby="sex-error">' in html
    assert '<p class="error-message" id="sex-error">' in html


def test_the_honeypot_stays_empty(app):
    template = app.jinja_env.from_string(
        '{% from "components/fields.html" import honeypot %}{{ honeypot(f) }}'
    )
    with app.test_request_context("/"):
        form = ApplicantForm(formdata=MultiDict({"website": "bot"}), meta={"csrf": False})
        assert template.render(f=form.website) == (
            '<div class="hp">\n'
            '  <label for="website">Lăsați acest câmp gol</label>\n'
            '  <input type="text" id="website" name="website" value="" autocomplete="off" '
            'tabindex="-1">\n'
            "</div>\n"
        )
