"""From validated account-request forms to stored answers, and to the check-your-answers rows."""

import datetime as dt
import re

from werkzeug.datastructures import MultiDict

from domain import ro
from domain.reference.counties import county
from forms.account import LEGAL_BASES, LEGAL_ROLES
from forms.base import iter_fields

NOT_STORED = {"website", "email_confirm"}
ROW = re.compile(r"^(?P<list>[a-z_]+)-(?P<index>[0-9]{1,2})-(?P<field>[a-z_]+)$", re.ASCII)
ROW_LIKE = re.compile(r"^[a-z_]+_persons-")


def plain_rows(formdata: MultiDict) -> MultiDict:
    """Drop row keys WTForms would choke on ("natural_persons-²-cnp", a 5,000-digit index)."""
    return MultiDict(
        (key, value)
        for key, value in formdata.items(multi=True)
        if not ROW_LIKE.match(key) or ROW.match(key)
    )


def raw_values(form) -> dict[str, str]:
    """What is in each box now, valid or not, keyed by the input's name."""
    values = {}
    for field in iter_fields(form):
        if field.name == "website":
            continue
        if field.type == "DateField":
            values[field.name] = field.text
        else:
            values[field.name] = "" if field.data is None else str(field.data)
    return values


def without_row(formdata: MultiDict, list_name: str, index: int) -> MultiDict:
    """The submitted rows of one list, less row `index`, renumbered from 0."""
    rows: dict[int, list[tuple[str, str]]] = {}
    result = MultiDict()
    for key, value in formdata.items(multi=True):
        match = ROW.match(key)
        if match and match["list"] == list_name:
            rows.setdefault(int(match["index"]), []).append((match["field"], value))
        else:
            result.add(key, value)
    kept = [rows[i] for i in sorted(rows) if i != index]
    for new_index, row in enumerate(kept):
        for name, value in row:
            result.add(f"{list_name}-{new_index}-{name}", value)
    return result


def _stored(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def answers_from(identity, persons) -> dict:
    answers = {
        field.name: _stored(field.data)
        for field in iter_fields(identity)
        if field.name not in NOT_STORED
    }
    answers["persons"] = [
        {"kind": "natural", **{f.short_name: _stored(f.data) for f in entry.form}}
        for entry in persons.natural_persons
    ] + [
        {"kind": "legal", **{f.short_name: _stored(f.data) for f in entry.form}}
        for entry in persons.legal_persons
    ]
    return answers


def _display(field) -> str:
    if field.type in ("SelectField", "RadioField"):
        return {choice.value: choice.label for choice in field.choices}.get(field.data, "")
    if field.type == "DateField":
        return ro.short_date(field.data) if field.data else ""
    return field.data or ""


def summary_rows(form, names) -> list[tuple[str, str]]:
    rows = []
    for name in names:
        field = form[name]
        value = _display(field)
        if name == "id_expires_on" and not value:
            value = "valabilitate nelimitată"
        if value:
            rows.append((field.label.text.removesuffix(" (opțional)"), value))
    return rows


def check_sections(identity, persons, identity_url: str, persons_url: str) -> list[dict]:
    sections = [
        ("Datele dumneavoastră", ["last_name", "first_name", "cnp", "birth_date", "sex"]),
        (
            "Actul de identitate",
            ["id_type", "id_series", "id_number", "id_issuer", "id_issued_on", "id_expires_on"],
        ),
        (
            "Adresa de domiciliu",
            [
                "county_code",
                "locality",
                "street",
                "street_number",
                "block",
                "staircase",
                "floor",
                "apartment",
                "postal_code",
            ],
        ),
        ("Contact", ["phone", "email"]),
        ("Unde prezentați cererea", ["office_code"]),
    ]
    result = [
        {"title": title, "rows": summary_rows(identity, names), "change_url": identity_url}
        for title, names in sections
    ]
    person_rows = []
    for entry in persons.natural_persons:
        f = entry.form
        person_rows.append(
            (
                f"{f.last_name.data} {f.first_name.data}",
                f"persoană fizică, CNP {f.cnp.data}; {_display(f.legal_basis)} "
                f"nr. {f.document_number.data} din {_display(f.document_date)}",
            )
        )
    for entry in persons.legal_persons:
        f = entry.form
        person_rows.append(
            (
                f.name.data,
                f"persoană juridică, CUI {f.cui.data}; {_display(f.role)}, document "
                f"nr. {f.document_number.data} din {_display(f.document_date)}",
            )
        )
    result.append(
        {
            "title": "Persoanele pe care le veți administra",
            "rows": person_rows,
            "empty": "Nu administrați documentele altor persoane.",
            "change_url": persons_url,
        }
    )
    return result


def counter_documents(answers: dict) -> list[str]:
    """The justifying documents to bring to the counter, one per person administered."""
    bases = dict(LEGAL_BASES)
    roles = dict(LEGAL_ROLES)
    items = []
    for person in answers.get("persons", []):
        date = ro.short_date(dt.date.fromisoformat(person["document_date"]))
        if person["kind"] == "natural":
            what = bases[person["legal_basis"]].lower()
            who = f"{person['last_name']} {person['first_name']}"
        else:
            what = f"documentul care vă atestă calitatea de {roles[person['role']].lower()}"
            who = person["name"]
        items.append(
            f"pentru {who}: {what} nr. {person['document_number']} din {date}, în original"
        )
    return items


def office_name(code: str) -> str:
    return county(code).house_name
