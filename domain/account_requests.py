"""The online-account request's life: its statuses, the counter's transitions between them, and
what the applicant brings to the counter."""

import datetime as dt

from domain import ro
from domain.codes import LEGAL_BASIS_LABELS, LEGAL_ROLE_LABELS, REQUEST_STATUSES

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
        date = ro.short_date(dt.date.fromisoformat(person["document_date"]))
        if person["kind"] == "natural":
            what = LEGAL_BASIS_LABELS[person["legal_basis"]].lower()
            who = f"{person['last_name']} {person['first_name']}"
        else:
            what = (
                "documentul care vă atestă calitatea de "
                f"{LEGAL_ROLE_LABELS[person['role']].lower()}"
            )
            who = person["name"]
        items.append(
            f"pentru {who}: {what} nr. {person['document_number']} din {date}, în original"
        )
    return items
