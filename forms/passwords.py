"""The set-password form; the rule itself is domain/passwords.py."""

from wtforms import PasswordField
from wtforms.validators import StopValidation

from domain.passwords import password_problem
from forms.base import PageForm
from forms.validators import Required


class PasswordRule:
    def __call__(self, form, field):
        problem = password_problem(field.data or "", getattr(form, "email", None))
        if problem:
            raise StopValidation(problem)


class SetPasswordForm(PageForm):
    password = PasswordField(
        "Parola nouă",
        [Required("Introduceți parola nouă."), PasswordRule()],
        render_kw={"autocomplete": "new-password", "spellcheck": "false"},
    )

    def __init__(self, *args, email: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
