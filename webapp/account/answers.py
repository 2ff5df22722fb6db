"""The account request's answers: what is stored from its two pages and its check-your-answers
cards (the staff's request page shows them too). What to bring to the counter is
domain.account_requests.counter_documents."""

from domain.account_requests import document_reference
from domain.reference.counties import county
from forms.answers import Section, display, sections, stored, with_change_link
from forms.answers import answers_from as forms_answers
from forms.questions import ADDRESS_FIELDS

NOT_STORED = {"email_confirm"}
IDENTITY = "identity"
PERSONS = "persons"
CHECK_ANSWERS = (
    Section(
        "Datele dumneavoastră", IDENTITY, ("last_name", "first_name", "cnp", "birth_date", "sex")
    ),
    Section(
        "Actul de identitate",
        IDENTITY,
        ("id_type", "id_series", "id_number", "id_issuer", "id_issued_on", "id_expires_on"),
    ),
    Section("Adresa de domiciliu", IDENTITY, ADDRESS_FIELDS),
    Section("Contact", IDENTITY, ("phone", "email")),
    Section("Unde prezentați cererea", IDENTITY, ("office_code",)),
)


def answers_from(identity, persons) -> dict:
    answers = forms_answers(identity, skip=NOT_STORED)
    answers["persons"] = [
        {"kind": "natural", **{f.short_name: stored(f.data) for f in entry.form}}
        for entry in persons.natural_persons
    ] + [
        {"kind": "legal", **{f.short_name: stored(f.data) for f in entry.form}}
        for entry in persons.legal_persons
    ]
    return answers


def check_sections(identity, persons, identity_url: str, persons_url: str) -> list[dict]:
    """The check page's cards; without addresses (the counter's copy) no change links."""
    result = sections(
        {IDENTITY: identity}, CHECK_ANSWERS, {IDENTITY: identity_url, PERSONS: persons_url}
    )
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
                f"CNP {f.cnp.data}; {display(f.legal_basis)}, "
                f"{document_reference(f.document_number.data, f.document_date.data)}",
                f.last_name.name,
            )
        )
    for entry in persons.legal_persons:
        f = entry.form
        rows.append(
            (
                f.name.data,
                f"firmă sau asociație, CUI {f.cui.data}; {display(f.role)}, "
                f"{document_reference(f.document_number.data, f.document_date.data)}",
                f.name.name,
            )
        )
    return rows


def office_name(code: str) -> str:
    return county(code).house_name
