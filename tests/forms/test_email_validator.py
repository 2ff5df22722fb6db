"""The Email validator: only addresses the relay can carry (F9)."""

import pytest
from werkzeug.datastructures import MultiDict

from forms.sign_in import ForgotPasswordForm

DIACRITICS = (
    "Introduceți adresa de e-mail fără diacritice înainte de @, de exemplu ionut@exemplu.ro: "
    "nu putem trimite e-mailuri la adrese cu diacritice."
)
FORMAT = "Introduceți adresa de e-mail în formatul corect, de exemplu nume@exemplu.ro."


def check(address: str) -> tuple[str | None, str]:
    form = ForgotPasswordForm(formdata=MultiDict({"email": address}), meta={"csrf": False})
    form.validate()
    return (form.email.errors[0] if form.email.errors else None), form.email.data


@pytest.fixture
def smtp_utf8(app):
    def context(enabled: bool):
        app.config["SMTP_UTF8"] = enabled
        return app.test_request_context()

    return context


@pytest.mark.parametrize("address", ["ionuț@exemplu.ro", "ștefan.ion@example.ro", "иван@mail.ru"])
def test_an_address_needing_smtputf8_is_refused_with_a_clear_message(smtp_utf8, address):
    with smtp_utf8(False):
        assert check(address)[0] == DIACRITICS


def test_it_is_accepted_when_the_relay_supports_smtputf8(smtp_utf8):
    with smtp_utf8(True):
        assert check("Ionuț@Exemplu.ro") == (None, "ionuț@exemplu.ro")


def test_a_domain_with_diacritics_is_accepted_since_it_travels_as_punycode(smtp_utf8):
    # The outbox sends it to ana@xn--bucureti-m9c.ro (tests/webapp/outbox).
    with smtp_utf8(False):
        assert check("ana@bucurești.ro") == (None, "ana@bucurești.ro")


def test_plain_addresses_are_unchanged_and_malformed_ones_still_get_the_format_message(
    smtp_utf8,
):
    with smtp_utf8(False):
        assert check(" Ana.Pop@Example.RO ") == (None, "ana.pop@example.ro")
        assert check("ana@")[0] == FORMAT
        assert check("ionuț@")[0] == FORMAT


def test_smtp_utf8_comes_from_the_environment(monkeypatch):
    from webapp.config import TestingConfig

    assert TestingConfig("/tmp").SMTP_UTF8 is False
    monkeypatch.setenv("SMTP_UTF8", "true")
    assert TestingConfig("/tmp").SMTP_UTF8 is True
    monkeypatch.setenv("SMTP_UTF8", "0")
    assert TestingConfig("/tmp").SMTP_UTF8 is False
