"""The persons an account administers, as the account and the counter show them: the name, the
legal basis (or, for a legal person, the capacity) and the justifying document, from the answers
of the account request (webapp/account/answers.py stores them)."""

import datetime as dt
from dataclasses import dataclass

from domain import ro
from domain.codes import LEGAL_BASIS_LABELS, LEGAL_ROLE_LABELS

KINDS = ("natural", "legal")


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """One person of a request, ready to be stored: `number` is its place in the request's list
    (1 for the first), `verified` whether the counter saw its document in original."""

    number: int
    kind: str
    cnp: str | None
    cui: str | None
    name: str
    basis: str
    document: str
    verified: bool


def entries(answers: dict, checklist: dict | None) -> list[PersonEntry]:
    """Every person of the request's answers, in order; verified only where the checklist says
    the clerk saw the document (checklist["persons"][i]["seen"])."""
    seen = (checklist or {}).get("persons") or []
    found = []
    for index, person in enumerate(answers.get("persons") or []):
        if not isinstance(person, dict) or person.get("kind") not in KINDS:
            continue
        checked = index < len(seen) and isinstance(seen[index], dict) and seen[index].get("seen")
        natural = person["kind"] == "natural"
        found.append(
            PersonEntry(
                number=index + 1,
                kind=person["kind"],
                cnp=(person.get("cnp") or None) if natural else None,
                cui=None if natural else (person.get("cui") or None),
                name=person_name(person),
                basis=(person.get("legal_basis") if natural else person.get("role")) or "",
                document=document_text(person),
                verified=bool(checked),
            )
        )
    return found


def person_name(person: dict) -> str:
    if person.get("kind") == "legal":
        return (person.get("name") or "").strip()
    return f"{person.get('last_name', '')} {person.get('first_name', '')}".strip()


def basis_label(kind: str, basis: str) -> str:
    labels = LEGAL_BASIS_LABELS if kind == "natural" else LEGAL_ROLE_LABELS
    return labels.get(basis, basis)


def document_text(person: dict) -> str:
    """ "Procură notarială nr. 312 din 20.02.2024"; for a legal person, the document that
    attests the capacity ("Document de împuternicit nr. 77 din 05.06.2023")."""
    natural = person.get("kind") == "natural"
    basis = person.get("legal_basis") if natural else person.get("role")
    what = (
        basis_label("natural", basis or "")
        if natural
        else f"Document de {basis_label('legal', basis or '').lower()}"
    )
    text = f"{what} nr. {person.get('document_number', '')}"
    raw = person.get("document_date")
    if raw:
        try:
            text += f" din {ro.short_date(dt.date.fromisoformat(raw))}"
        except ValueError:
            text += f" din {raw}"
    return text
