"""The online-account request: the applicant's identity, then the persons they will administer."""

from wtforms import FieldList, FormField, RadioField, SelectField, StringField
from wtforms.validators import ValidationError

from forms.base import PageForm, RowForm
from forms.fields import county_choices, date_field, name_field, office_choices, options, text
from forms.validators import (
    CNP,
    CUI,
    Choice,
    DateNotInFuture,
    Email,
    Pattern,
    Phone,
    Required,
    cnp_birth_date,
    cnp_sex,
)

MAX_PERSONS = 20
# Every row number plain_rows lets through (two digits): a tampered form with more rows than
# MAX_PERSONS is shown whole with an error, never cut short in silence (F21).
ROWS_READ = 100
ADULT_AGE = 18

ID_TYPES = [
    ("CI", "Carte de identitate"),
    ("CIE", "Carte electronică de identitate"),
    ("PASAPORT", "Pașaport"),
]
SEXES = [("F", "Feminin"), ("M", "Masculin")]
LEGAL_BASES = [
    ("", "Alegeți temeiul"),
    ("procura", "Procură notarială"),
    ("parinte", "Părinte al unui minor"),
    ("tutela", "Tutelă"),
    ("curatela", "Curatelă"),
    ("consiliere_judiciara", "Consiliere judiciară"),
]
LEGAL_ROLES = [
    ("", "Alegeți calitatea"),
    ("reprezentant_legal", "Reprezentant legal"),
    ("imputernicit", "Împuternicit"),
]


class IdentityForm(PageForm):
    last_name = name_field(
        "Numele de familie",
        "Introduceți numele de familie.",
        autocomplete="family-name",
        spellcheck="false",
    )
    first_name = name_field(
        "Prenumele", "Introduceți prenumele.", autocomplete="given-name", spellcheck="false"
    )
    cnp = text(
        "CNP",
        "Introduceți CNP-ul.",
        20,
        hint="Codul numeric personal are 13 cifre.",
        extra=[CNP()],
        inputmode="numeric",
        autocomplete="off",
        **{"class": "width-20"},
    )
    birth_date = date_field(
        "Data nașterii",
        "Introduceți data nașterii.",
        "14.05.1958",
        extra=[DateNotInFuture("Data nașterii trebuie să fie în trecut.")],
    )
    sex = RadioField(
        "Sexul",
        [Required("Alegeți sexul."), Choice("Alegeți sexul.")],
        choices=options(SEXES),
        validate_choice=False,
    )

    id_type = RadioField(
        "Tipul actului de identitate",
        [
            Required("Alegeți tipul actului de identitate."),
            Choice("Alegeți tipul actului de identitate."),
        ],
        choices=options(ID_TYPES),
        validate_choice=False,
    )
    id_series = text(
        "Seria",
        None,
        2,
        hint="Două litere, de exemplu RX. Pașaportul nu are serie.",
        skip_empty=False,
        autocomplete="off",
        spellcheck="false",
        **{"class": "width-4"},
    )
    id_number = text(
        "Numărul actului de identitate",
        "Introduceți numărul actului de identitate.",
        12,
        autocomplete="off",
        spellcheck="false",
        **{"class": "width-10"},
    )
    id_issuer = text(
        "Eliberat de",
        "Introduceți cine a eliberat actul de identitate.",
        100,
        hint="De exemplu, SPCLEP Cluj-Napoca.",
    )
    id_issued_on = date_field(
        "Data eliberării",
        "Introduceți data eliberării actului de identitate.",
        extra=[DateNotInFuture("Data eliberării trebuie să fie în trecut.")],
    )
    id_expires_on = date_field(
        "Valabil până la",
        None,
        "14.05.2031",
        hint="De exemplu, 14.05.2031. Lăsați gol dacă actul are valabilitate nelimitată.",
    )

    county_code = SelectField(
        "Județul",
        [Required("Alegeți județul."), Choice("Alegeți județul din listă.")],
        choices=county_choices("Alegeți județul"),
        validate_choice=False,
        render_kw={"autocomplete": "address-level1"},
    )
    locality = text(
        "Localitatea",
        "Introduceți localitatea.",
        60,
        hint="Pentru București, scrieți și sectorul, de exemplu Sector 3.",
        autocomplete="address-level2",
    )
    street = text("Strada", "Introduceți strada.", 100, autocomplete="address-line1")
    street_number = text(
        "Numărul", "Introduceți numărul străzii.", 10, autocomplete="off", **{"class": "width-4"}
    )
    block = text("Bloc (opțional)", None, 10, **{"class": "width-4"})
    staircase = text("Scara (opțional)", None, 10, **{"class": "width-4"})
    floor = text("Etajul (opțional)", None, 10, **{"class": "width-4"})
    apartment = text("Apartamentul (opțional)", None, 10, **{"class": "width-4"})
    postal_code = text(
        "Codul poștal",
        "Introduceți codul poștal.",
        10,
        hint="Are 6 cifre.",
        extra=[Pattern(r"\d{6}", "Codul poștal are exact 6 cifre, de exemplu 400001.")],
        inputmode="numeric",
        autocomplete="postal-code",
        **{"class": "width-10"},
    )
    phone = text(
        "Telefon",
        "Introduceți numărul de telefon.",
        25,
        extra=[Phone()],
        hint="Vă sunăm doar dacă avem nevoie de lămuriri despre cerere.",
        type="tel",
        autocomplete="tel",
        **{"class": "width-20"},
    )
    email = text(
        "Adresa de e-mail",
        "Introduceți adresa de e-mail.",
        254,
        extra=[Email()],
        hint="Va fi numele de utilizator al contului. Aici primiți legătura de activare.",
        type="email",
        autocomplete="email",
        spellcheck="false",
    )
    email_confirm = text(
        "Confirmați adresa de e-mail",
        "Introduceți din nou adresa de e-mail.",
        254,
        type="email",
        autocomplete="email",
        spellcheck="false",
    )
    office_code = SelectField(
        "Casa de pensii la care prezentați cererea",
        [
            Required("Alegeți casa de pensii la care veți prezenta cererea."),
            Choice("Alegeți casa de pensii din listă."),
        ],
        choices=office_choices(),
        validate_choice=False,
        description="Puteți merge la ghișeul oricărei case de pensii, nu doar la cea din județul "
        "dumneavoastră.",
    )
    # Honeypot: hidden from people by CSS; a bot that fills it is refused.
    website = StringField("Lăsați acest câmp gol")

    def validate_id_series(self, field):
        if self.id_type.data == "CI":
            if not field.data:
                raise ValidationError("Introduceți seria cărții de identitate, de exemplu RX.")
            if not (len(field.data) == 2 and field.data.isalpha()):
                raise ValidationError("Seria cărții de identitate are două litere, de exemplu RX.")
            field.data = field.data.upper()

    def validate_id_number(self, field):
        if self.id_type.data == "CI" and not (len(field.data) == 6 and field.data.isdigit()):
            raise ValidationError("Numărul cărții de identitate are 6 cifre, de exemplu 123456.")
        if not field.data.isalnum():
            raise ValidationError(
                "Numărul actului de identitate poate conține doar litere și cifre."
            )
        field.data = field.data.upper()

    def validate_birth_date(self, field):
        if field.data and not self.cnp.errors and self.cnp.data:
            from_cnp = cnp_birth_date(self.cnp.data)
            if from_cnp and from_cnp != field.data:
                raise ValidationError(
                    "Data nașterii nu corespunde cu CNP-ul. Verificați data nașterii și CNP-ul."
                )

    def validate_sex(self, field):
        if not self.cnp.errors and self.cnp.data:
            from_cnp = cnp_sex(self.cnp.data)
            if from_cnp and from_cnp != field.data:
                raise ValidationError(
                    "Sexul ales nu corespunde cu CNP-ul. Verificați-le pe amândouă."
                )

    def validate_id_issued_on(self, field):
        if field.data and self.birth_date.data and field.data < self.birth_date.data:
            raise ValidationError("Data eliberării trebuie să fie după data nașterii.")

    def validate_id_expires_on(self, field):
        if not field.data:
            return
        if self.id_issued_on.data and field.data <= self.id_issued_on.data:
            raise ValidationError("Data de expirare trebuie să fie după data eliberării.")
        if field.data < self.today:
            raise ValidationError(
                "Actul de identitate a expirat. La ghișeu este nevoie de un act valabil; "
                "completați datele actului nou."
            )

    def validate_email_confirm(self, field):
        if not self.email.errors and self.email.data and field.data.lower() != self.email.data:
            raise ValidationError(
                "Adresele de e-mail nu sunt la fel. Scrieți aceeași adresă de două ori."
            )
        field.data = field.data.lower()


class NaturalPersonForm(RowForm):
    last_name = name_field("Numele de familie", "Introduceți numele de familie al persoanei.")
    first_name = name_field("Prenumele", "Introduceți prenumele persoanei.")
    cnp = text(
        "CNP",
        "Introduceți CNP-ul persoanei.",
        20,
        extra=[CNP()],
        inputmode="numeric",
        autocomplete="off",
        **{"class": "width-20"},
    )
    legal_basis = SelectField(
        "Temeiul legal",
        [
            Required("Alegeți temeiul legal al reprezentării."),
            Choice("Alegeți temeiul legal din listă."),
        ],
        choices=options(LEGAL_BASES),
        validate_choice=False,
    )
    document_number = text(
        "Numărul documentului justificativ",
        "Introduceți numărul documentului justificativ.",
        40,
        hint="De exemplu, numărul procurii sau al hotărârii judecătorești.",
    )
    document_date = date_field(
        "Data documentului",
        "Introduceți data documentului justificativ.",
        extra=[DateNotInFuture("Data documentului trebuie să fie în trecut.")],
    )

    def validate_legal_basis(self, field):
        if field.data == "parinte" and not self.cnp.errors and self.cnp.data:
            born = cnp_birth_date(self.cnp.data)
            if born and _age_on(born, self.today) >= ADULT_AGE:
                raise ValidationError(
                    "După CNP, persoana are peste 18 ani, deci nu mai este minoră. "
                    "Alegeți alt temei, de exemplu procura."
                )


class LegalPersonForm(RowForm):
    name = text(
        "Denumirea", "Introduceți denumirea persoanei juridice.", 150, autocomplete="organization"
    )
    cui = text(
        "CUI",
        "Introduceți CUI-ul (codul unic de înregistrare).",
        14,
        extra=[CUI()],
        hint="Codul unic de înregistrare, cu sau fără RO.",
        autocomplete="off",
        **{"class": "width-20"},
    )
    role = SelectField(
        "Calitatea dumneavoastră",
        [
            Required("Alegeți calitatea în care reprezentați persoana juridică."),
            Choice("Alegeți calitatea din listă."),
        ],
        choices=options(LEGAL_ROLES),
        validate_choice=False,
    )
    document_number = text(
        "Numărul documentului justificativ",
        "Introduceți numărul documentului justificativ.",
        40,
        hint="De exemplu, numărul împuternicirii sau al deciziei de numire.",
    )
    document_date = date_field(
        "Data documentului",
        "Introduceți data documentului justificativ.",
        extra=[DateNotInFuture("Data documentului trebuie să fie în trecut.")],
    )


class PersonsForm(PageForm):
    natural_persons = FieldList(FormField(NaturalPersonForm), max_entries=ROWS_READ)
    legal_persons = FieldList(FormField(LegalPersonForm), max_entries=ROWS_READ)

    def __init__(self, *args, applicant_cnp: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.applicant_cnp = applicant_cnp
        self.list_errors: list[str] = []

    @property
    def count(self) -> int:
        return len(self.natural_persons.entries) + len(self.legal_persons.entries)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        self.list_errors = []
        if self.count > MAX_PERSONS:
            self.list_errors.append(
                f"Puteți adăuga cel mult {persons(MAX_PERSONS)}. "
                f"Ați adăugat {persons(self.count)}: ștergeți-le pe cele în plus."
            )
        duplicates = self._flag_repeated_cnps() + self._flag_repeated_cuis()
        return valid and not self.list_errors and not duplicates

    def _flag_repeated_cnps(self) -> int:
        seen: set[str] = set()
        flagged = 0
        for entry in self.natural_persons.entries:
            cnp = entry.form.cnp
            if cnp.errors or not cnp.data:
                continue
            if cnp.data == self.applicant_cnp:
                cnp.errors.append(
                    "Acesta este CNP-ul dumneavoastră. Aici adăugați doar alte persoane."
                )
                flagged += 1
            elif cnp.data in seen:
                cnp.errors.append(
                    "Ați adăugat deja o persoană cu acest CNP. Ștergeți rândul în plus."
                )
                flagged += 1
            seen.add(cnp.data)
        return flagged

    def _flag_repeated_cuis(self) -> int:
        seen: set[str] = set()
        flagged = 0
        for entry in self.legal_persons.entries:
            cui = entry.form.cui
            if cui.errors or not cui.data:
                continue
            if cui.data in seen:
                cui.errors.append(
                    "Ați adăugat deja această persoană juridică. Ștergeți rândul în plus."
                )
                flagged += 1
            seen.add(cui.data)
        return flagged


def persons(count: int) -> str:
    """Romanian counts take "de" from 20 on (20 de persoane, but 19 persoane, 101 persoane)."""
    if count == 1:
        return "o persoană"
    of = "de " if count % 100 >= 20 or (count >= 100 and count % 100 == 0) else ""
    return f"{count} {of}persoane"


def _age_on(born, day) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
