"""Which notification emails a person wants: one box per kind they may turn off."""

from wtforms import SelectMultipleField
from wtforms.validators import StopValidation

from domain.notifications import KINDS, OPTIONAL_KINDS
from forms.base import PageForm
from forms.fields import options


class KnownKinds:
    """A tampered form's unknown kind (or a security kind, which cannot be chosen) is refused."""

    def __call__(self, form, field):
        if not set(field.data or ()) <= set(OPTIONAL_KINDS):
            raise StopValidation("Alegeți doar dintre notificările din listă.")


class PreferencesForm(PageForm):
    emailed = SelectMultipleField(
        "Ce notificări primiți și prin e-mail",
        [KnownKinds()],
        choices=options((kind, KINDS[kind].label) for kind in OPTIONAL_KINDS),
        validate_choice=False,
        description="Debifați ce nu vreți să primiți prin e-mail. Toate notificările rămân "
        "oricum în lista din cont.",
    )
