"""The certified life certificate sent back online (issue 14): who sends it and where the
receipt goes (one question page), the limits of the files, and the counter's two decisions.

The pensioner's texts are marked N_ (forms.messages): Romanian here, translated by the page
that shows them (webapp.i18n.translate); the counter's stay Romanian, like the rest of the counter.
"""

import math

from wtforms import StringField

from domain.petitions import ATTACHMENT_TYPES
from forms.answers import Section
from forms.base import PageForm
from forms.counter_petitions import _reason
from forms.fields import TextField
from forms.life_certificate import LifeCertificateForm
from forms.messages import N_
from forms.validators import Email, MaxLength, Required

MEGABYTE = 1024 * 1024
EMAIL_MAX = 254


class UploadWhoForm(PageForm):
    """Whose certificate it is, as on the printout (the same questions), and the receipt's
    address. Prefilled from this browser's life-certificate answers when there are some."""

    last_name = LifeCertificateForm.last_name
    first_name = LifeCertificateForm.first_name
    cnp = LifeCertificateForm.cnp
    pension_file = LifeCertificateForm.pension_file
    house_code = LifeCertificateForm.house_code
    email = TextField(
        N_("Adresa de e-mail pentru confirmare"),
        [
            Required(N_("Introduceți adresa de e-mail la care primiți confirmarea.")),
            MaxLength(EMAIL_MAX, "Adresa de e-mail pentru confirmare"),
            Email(),
        ],
        description=N_(
            "Vă trimitem aici confirmarea de primire și, apoi, răspunsul casei de pensii."
        ),
        render_kw={"type": "email", "autocomplete": "email", "spellcheck": "false"},
    )
    # Honeypot: hidden from people by CSS; a bot that fills it is refused.
    website = StringField("Lăsați acest câmp gol")


WHO = "who"
CHECK_ANSWERS = (
    Section(
        N_("Certificatul cui este"),
        WHO,
        ("last_name", "first_name", "cnp", "pension_file", "house_code"),
    ),
    Section(N_("Unde primiți răspunsul"), WHO, ("email",)),
)


def megabytes(size: int) -> str:
    """Rounded up to a tenth: a file just over the limit never reads as the limit itself."""
    return f"{math.ceil(size * 10 / MEGABYTE) / 10:.1f}".replace(".", ",")


def upload_problem(size: int, sniffed: str | None, max_bytes: int) -> str | None:
    """The message for one chosen file, or None when it may be sent. `sniffed` is the type read
    from its content (webapp.files.sniff), never from its name."""
    if size == 0:
        return N_("Fișierul ales este gol. Alegeți fișierul scanat sau fotografia.")
    if size > max_bytes:
        return N_(
            "Fișierul ales are {size} MB. Un fișier poate avea cel mult {limit} MB.",
            size=megabytes(size),
            limit=max_bytes // MEGABYTE,
        )
    if sniffed not in ATTACHMENT_TYPES:
        return N_(
            "Fișierul ales nu este un PDF, JPEG sau PNG. Verificăm conținutul fișierului, "
            "nu numele lui: alegeți certificatul scanat sau fotografiat."
        )
    return None


def upload_hint(max_bytes: int):
    return N_(
        "PDF, JPEG sau PNG, de cel mult {limit} MB. O fotografie făcută cu telefonul "
        "este de obicei mai mică; dacă fișierul este mai mare, scanați la o rezoluție mai "
        "mică sau trimiteți pagina în două fișiere.",
        limit=max_bytes // MEGABYTE,
    )


class DecisionForm(PageForm):
    """Accept as valid: the button and its CSRF token."""


class NewCertificateForm(PageForm):
    reason = _reason(
        "Motivul",
        "Scrieți de ce este nevoie de un certificat nou.",
        "De exemplu, „lipsește ștampila autorității” sau „certificatul a fost semnat înainte de "
        "1 ianuarie”. Pensionarul primește motivul prin e-mail.",
    )
