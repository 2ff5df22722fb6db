"""The account request's answers: what is stored from its pages and its check-your-answers
cards (the staff's request page shows them too). What to bring to the counter is
domain.account_requests.counter_documents."""

from domain.account_requests import document_reference
from domain.codes import ABROAD, PERSON_CATEGORY_PRINTED
from domain.reference.counties import county
from forms.answers import Section, display, sections, stored, summary_rows, with_change_link
from forms.answers import answers_from as forms_answers
from forms.questions import FOREIGN_ADDRESS_FIELDS, ROMANIAN_ADDRESS_FIELDS

NOT_STORED = {"email_confirm", "address_shown"}
# The draft's sections, one per page, in page order.
APPLICANT = "applicant"
IDENTITY_DOCUMENT = "identity_document"
ADDRESS = "address"
CONTACT = "contact"
OFFICE = "office"
PERSONS = "persons"
IDENTITY_SECTIONS = (APPLICANT, IDENTITY_DOCUMENT, ADDRESS, CONTACT, OFFICE)


def applicant_rows(form) -> list[tuple[str, str, str]]:
    """Name, CNP, birth date and sex. A birth date or sex read from the CNP was not asked: its
    change link opens the CNP, the answer it comes from."""
    rows = summary_rows(form, ("last_name", "first_name", "cnp", "birth_date", "sex"))
    derived = {"birth_date": not form.asks_birth_date, "sex": not form.asks_sex}
    return [(label, value, "cnp" if derived.get(name) else name) for label, value, name in rows]


def address_rows(form) -> list[tuple[str, str, str]]:
    """Where the home is, then that address's answers only. A request stored before the
    question was asked (no answer) has an address in Romania."""
    fields = FOREIGN_ADDRESS_FIELDS if form.residence.data == ABROAD else ROMANIAN_ADDRESS_FIELDS
    rows = summary_rows(form, ("residence",)) if form.residence.data else []
    return rows + summary_rows(form, fields)


CHECK_ANSWERS = (
    Section("Datele dumneavoastră", APPLICANT, rows=applicant_rows),
    Section(
        "Actul de identitate",
        IDENTITY_DOCUMENT,
        ("id_type", "id_series", "id_number", "id_issuer", "id_issued_on", "id_expires_on"),
    ),
    Section("Adresa de domiciliu", ADDRESS, rows=address_rows),
    Section("Datele de contact", CONTACT, ("phone", "email")),
    Section("Unde prezentați cererea", OFFICE, ("office_code",)),
)


def answers_from(forms: dict, persons) -> dict:
    """What is stored: the identity pages' answers (birth date and sex always, read from the CNP
    when not asked), then the persons."""
    answers = forms_answers(*(forms[section] for section in IDENTITY_SECTIONS), skip=NOT_STORED)
    answers["persons"] = [
        {"kind": "natural", **{f.short_name: stored(f.data) for f in entry.form}}
        for entry in persons.natural_persons
    ] + [
        {"kind": "legal", **{f.short_name: stored(f.data) for f in entry.form}}
        for entry in persons.legal_persons
    ]
    return answers


def check_sections(forms: dict, persons, change_urls: dict) -> list[dict]:
    """The check page's cards over the validated forms keyed by section; each page's address in
    `change_urls` (none for the counter's copy: no change links)."""
    result = sections(forms, CHECK_ANSWERS, change_urls)
    persons_url = change_urls.get(PERSONS, "")
    rows = [with_change_link(row, persons_url) for row in person_rows(persons)]
    result.append(
        {
            "title": "Persoanele pe care le veți administra",
            "rows": rows,
            "empty": "Nu administrați documentele altor persoane.",
            "change_url": persons_url,
            "rows_linked": bool(rows and persons_url),
        }
    )
    return result


def person_rows(persons) -> list[tuple[str, str, str]]:
    """One row per person, changed from the first box of its row on the persons page."""
    rows = []
    for entry in persons.natural_persons:
        f = entry.form
        rows.append(
            (
                f"{f.last_name.data} {f.first_name.data}",
                f"CNP {f.cnp.data}; {_category(f.category.data)}{display(f.legal_basis)}, "
                f"{document_reference(f.document_number.data, f.document_date.data)}",
                f.last_name.name,
            )
        )
    for entry in persons.legal_persons:
        f = entry.form
        rows.append(
            (
                f.name.data,
                f"firmă sau asociație (angajator), CUI {f.cui.data}; {display(f.role)}, "
                f"{document_reference(f.document_number.data, f.document_date.data)}",
                f.name.name,
            )
        )
    return rows


def _category(code: str | None) -> str:
    # None for a request stored before the question was asked.
    return f"{PERSON_CATEGORY_PRINTED[code]}; " if code in PERSON_CATEGORY_PRINTED else ""


def office_name(code: str) -> str:
    return county(code).house_name
