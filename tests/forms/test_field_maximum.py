"""forms.base.field_maximum: how long a field's answer may be, from the form's own rules (F7)."""

import pytest
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from forms.base import UNDECLARED_MAXIMUM, PageForm, field_maximum, value_maxima
from forms.fields import text
from forms.validators import MaxLength


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


class Sample(PageForm):
    declared = text("Strada", maximum=100)
    by_wtforms = StringField("Cod", [Length(max=12)])
    rendered = StringField("Număr", render_kw={"maxlength": 8})
    both = StringField("Ambele", [MaxLength(30, "Ambele")], render_kw={"maxlength": "20"})
    choice = RadioField("Sex", choices=[SelectChoice("F", "Femeie"), SelectChoice("M", "Bărbat")])
    free = StringField("Fără limită")


def form():
    return Sample(meta={"csrf": False})


def test_the_declared_maximum_is_the_fields():
    f = form()
    assert field_maximum(f.declared) == 100
    assert field_maximum(f.by_wtforms) == 12
    assert field_maximum(f.rendered) == 8
    assert field_maximum(f.both) == 20


def test_a_choice_is_as_long_as_its_longest_value_and_the_rest_get_the_general_bound():
    f = form()
    assert field_maximum(f.choice) == 1
    assert field_maximum(f.free) == UNDECLARED_MAXIMUM


def test_value_maxima_names_every_answer_by_its_input_name():
    assert value_maxima(form()) == {
        "declared": 100,
        "by_wtforms": 12,
        "rendered": 8,
        "both": 20,
        "choice": 1,
        "free": UNDECLARED_MAXIMUM,
    }
