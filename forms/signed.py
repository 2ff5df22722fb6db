"""Forms of the e-signature route of the account request: the applicant's upload (the signed PDF
and a copy of the ID document) and the counter's registration without a visit."""

import datetime as dt

from flask_wtf.file import FileField
from wtforms import BooleanField
from wtforms.validators import ValidationError

from domain import ro
from forms.base import PageForm
from forms.fields import DateField, TextField
from forms.validators import DateNotInFuture, MaxLength, Required

MEGABYTE = 1024 * 1024


class SignedUploadForm(PageForm):
    signed_pdf = FileField(
        "Cererea semnată electronic (PDF)",
        description="PDF-ul descărcat de aici și semnat cu semnătura electronică calificată, "
        "fără alte modificări.",
    )
    id_copy = FileField(
        "Copia actului de identitate",
        description="Scanat sau fotografiat, ca PDF, JPEG sau PNG.",
    )

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.files: dict[str, tuple[str, bytes]] = {}

    def _read(self, field, missing: str):
        upload = field.data
        if upload is None or not getattr(upload, "filename", ""):
            raise ValidationError(missing)
        data = upload.read(self.max_bytes + 1)
        if not data:
            raise ValidationError("Fișierul ales este gol. Alegeți alt fișier.")
        if len(data) > self.max_bytes:
            raise ValidationError(
                f"Fișierul are mai mult de {self.max_bytes // MEGABYTE} MB. Alegeți un fișier "
                "mai mic."
            )
        self.files[field.name] = (upload.filename, data)

    def validate_signed_pdf(self, field):
        self._read(field, "Alegeți cererea semnată electronic, ca fișier PDF.")

    def validate_id_copy(self, field):
        self._read(field, "Alegeți copia actului de identitate.")


class RegisterSignedForm(PageForm):
    id_copy_checked = BooleanField(
        "Am verificat copia actului de identitate: corespunde solicitantului și datelor din cerere"
    )
    registration_number = TextField(
        "Numărul de înregistrare",
        [
            Required("Introduceți numărul de înregistrare al cererii."),
            MaxLength(40, "Numărul de înregistrare"),
        ],
        description="Numărul din registrul de intrări al casei de pensii.",
        render_kw={"autocomplete": "off", "class": "width-20"},
    )
    registered_on = DateField(
        "Data înregistrării",
        [
            Required("Introduceți data înregistrării."),
            DateNotInFuture("Data înregistrării nu poate fi în viitor."),
        ],
        example="27.03.2026",
        description="De exemplu, 27.03.2026",
        render_kw={"inputmode": "numeric", "class": "width-10", "autocomplete": "off"},
    )

    def __init__(self, *args, submitted_on: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitted_on = submitted_on

    def validate_id_copy_checked(self, field):
        if not field.data:
            raise ValidationError(
                "Confirmați că ați verificat copia actului de identitate. Fără ea cererea nu "
                "poate fi înregistrată."
            )

    def validate_registered_on(self, field):
        if field.data and field.data < self.submitted_on:
            raise ValidationError(
                "Data înregistrării nu poate fi înainte de data trimiterii cererii, "
                f"{ro.short_date(self.submitted_on)}."
            )
