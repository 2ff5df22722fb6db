"""The online-account request, one thing per page: the applicant's name and CNP, identity document,
address, contact and county house, then the persons they will administer."""

import datetime as dt

from wtforms import FieldList, FormField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import ValidationError

from domain import ro
from domain.codes import (
    ABROAD,
    IN_ROMANIA,
    LEGAL_BASIS_DOCUMENTS,
    LEGAL_ROLES,
    PERSON_CATEGORIES,
    RESIDENCES,
    SEXES,
)
from domain.identifiers import cnp_birth_date, cnp_sex, is_valid_cnp
from domain.reference.postal_codes import as_typed, postal_code_problem
from forms.base import PageForm, RowForm
from forms.fields import office_choices, options, text
from forms.questions import (
    FOREIGN_ADDRESS_FIELDS,
    ROMANIAN_ADDRESS_FIELDS,
    BirthDateMatchesCnp,
    IdentityDocumentRules,
    address_questions,
    document_questions,
    foreign_address_questions,
    identity_document_questions,
    other_person_questions,
    person_questions,
    phone_question,
)
from forms.validators import (
    CUI,
    Choice,
    Email,
    Required,
)

MAX_PERSONS = 20
# Every row number plain_rows lets through (two digits): a tampered form with more rows than
# MAX_PERSONS is shown whole with an error, never cut short in silence (F21).
ROWS_READ = 100
ADULT_AGE = 18


class AccountPage(PageForm):
    """One page of the request. Each carries the honeypot, so a bot is refused wherever it posts."""

    # Hidden from people by CSS; a bot that fills it is refused.
    website = StringField("Lăsați acest câmp gol")


class ApplicantForm(BirthDateMatchesCnp, AccountPage):
    """Name and CNP. The CNP gives the birth date and the sex; they are asked only when it cannot:
    residents' and foreigners' CNPs (7, 8) give the sex but not the century, 9 gives neither."""

    last_name, first_name, cnp, birth_date = person_questions("14.05.1958")
    sex = RadioField(
        "Sexul",
        [Required("Alegeți sexul."), Choice("Alegeți sexul.")],
        choices=options(SEXES),
        validate_choice=False,
    )

    @property
    def asks_birth_date(self) -> bool:
        cnp = self._valid_cnp()
        return cnp is not None and cnp_birth_date(cnp) is None

    @property
    def asks_sex(self) -> bool:
        cnp = self._valid_cnp()
        return cnp is not None and cnp_sex(cnp) is None

    def _valid_cnp(self) -> str | None:
        # Until the CNP is right, neither is asked: what it gives is not known yet.
        cnp = (self.cnp.data or "").replace(" ", "")
        return cnp if len(cnp) == 13 and cnp.isdigit() and is_valid_cnp(cnp) else None

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        cnp = self._valid_cnp()
        if not self.asks_birth_date:
            self.birth_date.errors = []
            self.birth_date.data = cnp_birth_date(cnp) if cnp else None
        if not self.asks_sex:
            self.sex.errors = []
            self.sex.data = cnp_sex(cnp) if cnp else None
        return not any(field.errors for field in self)

    def validate_sex(self, field):
        if not self.cnp.errors and self.cnp.data:
            from_cnp = cnp_sex(self.cnp.data)
            if from_cnp and from_cnp != field.data:
                raise ValidationError(
                    "Sexul ales nu corespunde cu CNP-ul. Verificați-le pe amândouă."
                )


class IdentityDocumentForm(IdentityDocumentRules, AccountPage):
    id_type, id_series, id_number, id_issuer, id_issued_on, id_expires_on = (
        identity_document_questions()
    )

    def __init__(self, *args, birth_date: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # From the first page: a document is not issued before its holder is born.
        self.birth_date = birth_date

    def validate_id_issued_on(self, field):
        if field.data and self.birth_date and field.data < self.birth_date:
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


class AddressForm(AccountPage):
    """A home address in Romania (county, locality, street, ..., six-digit postal code) or abroad
    (country, free-form lines, the postal code as that country writes it), after the question of
    where (M7). Only the chosen address is checked and kept. The questions of the other one are
    shown (and sent) only for its answer: with JavaScript as soon as it is picked, without it
    once the page comes back (a chosen address that was not on the page is shown, not faulted)."""

    residence = RadioField(
        "Unde aveți domiciliul?",
        [
            Required("Alegeți dacă aveți domiciliul în România sau în altă țară."),
            Choice("Alegeți dacă aveți domiciliul în România sau în altă țară."),
        ],
        choices=options(RESIDENCES),
        validate_choice=False,
    )
    (
        county_code,
        locality,
        street,
        street_number,
        block,
        staircase,
        floor,
        apartment,
        postal_code,
    ) = address_questions()
    (
        country_code,
        foreign_address_line1,
        foreign_address_line2,
        foreign_locality,
        foreign_region,
        foreign_postal_code,
    ) = foreign_address_questions()
    # Which of the two address blocks was on the page (and enabled) when it was sent.
    address_shown = HiddenField()
    just_chosen = False

    @property
    def abroad(self) -> bool:
        return self.residence.data == ABROAD

    @property
    def shown(self) -> str | None:
        """The block of questions to show: the chosen address's, none before a choice."""
        return self.residence.data if self.residence.data in (IN_ROMANIA, ABROAD) else None

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        chosen = self.shown
        unused = (
            ROMANIAN_ADDRESS_FIELDS
            if chosen == ABROAD
            else FOREIGN_ADDRESS_FIELDS
            if chosen == IN_ROMANIA
            else ROMANIAN_ADDRESS_FIELDS + FOREIGN_ADDRESS_FIELDS
        )
        for name in unused:
            self[name].errors = []
            self[name].data = ""
        # Picked without JavaScript: the questions were not on the page yet. Show them, no error.
        self.just_chosen = False
        if chosen is not None and self.address_shown.data != chosen:
            fields = FOREIGN_ADDRESS_FIELDS if chosen == ABROAD else ROMANIAN_ADDRESS_FIELDS
            if not any((self[name].data or "").strip() for name in fields):
                for name in fields:
                    self[name].errors = []
                # The first of the questions just shown takes focus.
                self[fields[0]].change_focus = True
                self.just_chosen = True
                return False
        return not any(field.errors for field in self)

    def validate_foreign_postal_code(self, field):
        country = self.country_code.data
        if not country or self.country_code.errors:
            return
        problem = postal_code_problem(country, field.data)
        if problem:
            raise ValidationError(problem)
        field.data = as_typed(field.data)


class ContactForm(AccountPage):
    phone = phone_question("Vă sunăm doar dacă avem nevoie de lămuriri despre cerere.")
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

    def validate_email_confirm(self, field):
        if not self.email.errors and self.email.data and field.data.lower() != self.email.data:
            raise ValidationError(
                "Adresele de e-mail nu sunt la fel. Scrieți aceeași adresă de două ori."
            )
        field.data = field.data.lower()


class OfficeForm(AccountPage):
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


# The request's pages before the persons page, in order.
IDENTITY_PAGES = (ApplicantForm, IdentityDocumentForm, AddressForm, ContactForm, OfficeForm)


class NaturalPersonForm(RowForm):
    last_name, first_name, cnp = other_person_questions("persoanei")
    # CNPP's form grants rights over "asigurați / angajatori / beneficiari": which one it is.
    category = RadioField(
        "Persoana este",
        [
            Required("Alegeți dacă persoana este asigurat sau pensionar."),
            Choice("Alegeți dacă persoana este asigurat sau pensionar."),
        ],
        choices=options(PERSON_CATEGORIES),
        validate_choice=False,
    )
    legal_basis = SelectField(
        "Ce document vă dă dreptul",
        [
            Required("Alegeți documentul care vă dă dreptul să acționați pentru persoană."),
            Choice("Alegeți documentul din listă."),
        ],
        choices=options([("", "Alegeți documentul"), *LEGAL_BASIS_DOCUMENTS]),
        validate_choice=False,
        description="Îl aduceți la ghișeu, în original.",
    )
    document_number, document_date = document_questions(
        "Numărul documentului",
        "Așa cum este scris pe document, de exemplu 1234 sau 56/2024.",
        "Data documentului",
        "Introduceți data documentului.",
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
        "Denumirea",
        "Introduceți denumirea firmei sau a asociației.",
        150,
        autocomplete="organization",
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
        "Ce sunteți pentru firmă sau asociație",
        [
            Required("Alegeți ce sunteți pentru firmă sau asociație."),
            Choice("Alegeți din listă ce sunteți pentru firmă sau asociație."),
        ],
        choices=options([("", "Alegeți"), *LEGAL_ROLES]),
        validate_choice=False,
        description="Reprezentantul legal este, de exemplu, administratorul firmei sau "
        "președintele asociației. Împuternicitul are o împuternicire de la acesta.",
    )
    document_number, document_date = document_questions(
        "Numărul documentului",
        "Numărul împuternicirii sau al deciziei de numire, așa cum este scris, de exemplu 7/2025.",
        "Data documentului",
        "Introduceți data documentului.",
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
                    "Ați adăugat deja această firmă sau asociație. Ștergeți rândul în plus."
                )
                flagged += 1
            seen.add(cui.data)
        return flagged


def persons(count: int) -> str:
    return ro.count(count, "persoană", "persoane", single="o persoană")


def _age_on(born, day) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
