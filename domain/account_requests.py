"""The online-account request's life: its statuses, the counter's transitions between them, and
what the applicant brings to the counter."""

import datetime as dt

from domain import ro
from domain.codes import LEGAL_BASIS_DOCUMENT_LABELS, LEGAL_ROLE_LABELS, REQUEST_STATUSES

STATUSES = tuple(code for code, _label in REQUEST_STATUSES)
OPEN_STATUSES = ("submitted", "registered")
# "expired": never registered at a counter within ACCOUNT_REQUEST_UNREGISTERED_DAYS (F11).

# Said wherever the printout is offered (confirmation, submission email, download page): the
# counter prints a request brought as a reference alone, so nobody stays away for want of a printer.
NO_PRINTER = (
    "Nu aveți imprimantă? Veniți doar cu numărul de referință: cererea se tipărește la ghișeu."
)

# The counter's actions: {action: (the statuses it starts from, the status it leads to)}.
TRANSITIONS = {
    "register": (("submitted",), "registered"),
    "approve": (("registered",), "approved"),
    "reject": (OPEN_STATUSES, "rejected"),
    "release": (OPEN_STATUSES, "rejected"),
}


def counter_documents(answers: dict) -> list[str]:
    """The justifying documents to bring to the counter, one per person administered."""
    items = []
    for person in answers.get("persons", []):
        date = dt.date.fromisoformat(person["document_date"])
        if person["kind"] == "natural":
            document = LEGAL_BASIS_DOCUMENT_LABELS[person["legal_basis"]]
            what = document[:1].lower() + document[1:]
            who = f"{person['last_name']} {person['first_name']}"
        else:
            role = LEGAL_ROLE_LABELS[person["role"]].lower()
            what = f"documentul care arată că sunteți {role}"
            who = person["name"]
        items.append(
            f"pentru {who}: {what}, {document_reference(person['document_number'], date)}, "
            "în original"
        )
    return items


def document_reference(number: str, date: dt.date) -> str:
    """ "nr. 12 din 05.03.2024"; a number typed with its own name ("Decizia 7/2025") as typed,
    never "nr. Decizia 7/2025"."""
    shown = f"nr. {number}" if number[:1].isdigit() else number
    return f"{shown} din {ro.short_date(date)}"
