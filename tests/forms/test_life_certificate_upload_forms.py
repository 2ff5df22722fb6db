"""The forms of the life certificate sent online: whose certificate it is and the receipt's
address, the file limits with their messages, and the counter's reason."""

import pytest
from werkzeug.datastructures import MultiDict

from forms.life_certificate_upload import (
    MEGABYTE,
    NewCertificateForm,
    UploadWhoForm,
    upload_hint,
    upload_problem,
)
from tests.builders import LIFE_CERTIFICATE_CNP


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


def who(**overrides):
    data = {
        "last_name": "Țărănescu",
        "first_name": "Ana",
        "cnp": LIFE_CERTIFICATE_CNP,
        "pension_file": "123456/2019",
        "house_code": "DB",
        "email": "ana@example.it",
    }
    form = UploadWhoForm(formdata=MultiDict(data | overrides), meta={"csrf": False})
    form.validate()
    return form


def test_complete_answers_are_valid():
    assert who().errors == {}


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("email", "", "Introduceți adresa de e-mail la care primiți confirmarea."),
        ("email", "ana@", None),
        ("cnp", "2500514123450", None),
        ("house_code", "ZZ", "Alegeți casa de pensii din listă."),
        ("pension_file", "", "Introduceți numărul dosarului de pensie."),
    ],
)
def test_each_problem_has_its_message(field, value, message):
    errors = who(**{field: value}).errors
    assert field in errors
    if message:
        assert str(errors[field][0]) == message


def test_the_cnp_message_points_to_the_pension_decision():
    message = str(who(cnp="2500514123450").errors["cnp"][0])
    assert "decizia de pensie" in message


LIMIT = 5 * MEGABYTE


def test_a_good_file_has_no_problem():
    assert upload_problem(1000, "application/pdf", LIMIT) is None
    assert upload_problem(LIMIT, "image/jpeg", LIMIT) is None


def test_empty_too_big_and_wrong_content():
    assert "gol" in upload_problem(0, None, LIMIT)
    assert upload_problem(LIMIT + 1, "application/pdf", LIMIT) == (
        "Fișierul ales are 5,1 MB. Un fișier poate avea cel mult 5 MB."
    )
    assert "nu este un PDF, JPEG sau PNG" in upload_problem(10, None, LIMIT)
    assert "nu este un PDF, JPEG sau PNG" in upload_problem(10, "application/x-msdownload", LIMIT)


def test_the_hint_states_the_limit_from_the_config():
    assert "de cel mult 3 MB" in upload_hint(3 * MEGABYTE)


def test_asking_for_a_new_certificate_needs_a_reason():
    form = NewCertificateForm(formdata=MultiDict({"reason": " "}), meta={"csrf": False})
    assert not form.validate()
    assert form.reason.errors == ["Scrieți de ce este nevoie de un certificat nou."]
    form = NewCertificateForm(formdata=MultiDict({"reason": "x" * 1001}), meta={"csrf": False})
    assert not form.validate()
