"""Signing in, and asking for a new password."""

from wtforms import PasswordField

from forms.base import PageForm
from forms.fields import TextField
from forms.validators import Email, MaxLength, Required


class SignInForm(PageForm):
    email = TextField(
        "Adresa de e-mail",
        [Required("Introduceți adresa de e-mail."), MaxLength(254, "Adresa de e-mail")],
        render_kw={"type": "email", "autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        "Parola",
        [Required("Introduceți parola.")],
        render_kw={"autocomplete": "current-password"},
    )


class ForgotPasswordForm(PageForm):
    email = TextField(
        "Adresa de e-mail",
        [
            Required("Introduceți adresa de e-mail a contului."),
            MaxLength(254, "Adresa de e-mail"),
            Email(),
        ],
        description="Adresa cu care v-ați făcut contul.",
        render_kw={"type": "email", "autocomplete": "username", "spellcheck": "false"},
    )


class CodeForm(PageForm):
    code = TextField(
        "Codul de verificare",
        [
            Required("Introduceți codul de 6 cifre din aplicația de autentificare."),
            MaxLength(24, "Codul de verificare"),
        ],
        description="Cele 6 cifre din aplicația de autentificare de pe telefon. Dacă nu aveți "
        "telefonul, introduceți unul dintre codurile de rezervă.",
        render_kw={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "spellcheck": "false",
            "autocapitalize": "characters",
        },
    )
