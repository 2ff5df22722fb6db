"""The kinds of notification an account receives, and which of their emails a person may turn off.

Security emails (the account activated, the password changed) always go: they are how a person
learns that someone else has taken over the account. Every other kind is on until turned off.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    label: str  # on the preferences page: "Petiție înregistrată"
    description: str
    security: bool = False


KINDS: dict[str, Kind] = {
    "account_activated": Kind(
        "Contul a fost activat",
        "Când se alege prima parolă a contului.",
        security=True,
    ),
    "password_changed": Kind(
        "Parola a fost schimbată",
        "Când parola contului se schimbă, de exemplu prin „Am uitat parola”.",
        security=True,
    ),
    "report_ready": Kind(
        "Raport de carieră gata",
        "Când un raport despre cariera de asigurat cerut în cont se poate descărca.",
    ),
    "petition_registered": Kind(
        "Petiție înregistrată", "Când o petiție trimisă din cont primește număr de înregistrare."
    ),
    "petition_extended": Kind(
        "Termen de răspuns prelungit",
        "Când casa de pensii prelungește termenul de răspuns la o petiție.",
    ),
    "petition_forwarded": Kind(
        "Petiție redirecționată", "Când o petiție este trimisă altei case de pensii."
    ),
    "petition_answered": Kind("Răspuns la petiție", "Când casa de pensii a răspuns la o petiție."),
    "petition_closed": Kind("Petiție închisă", "Când o petiție este închisă."),
    "life_certificate_window": Kind(
        "Certificatul de viață",
        "Când începe perioada de trimitere a certificatului de viață (pentru cei care locuiesc "
        "în străinătate).",
    ),
    # Who may act through the account changed: told whatever the preferences, like the others.
    "person_revoked": Kind(
        "Dreptul de a acționa pentru o persoană a fost revocat",
        "Când casa de pensii revocă dreptul de a acționa pentru o persoană administrată.",
        security=True,
    ),
    "new_document": Kind(
        "Document nou în cont", "Când casa de pensii pune un document nou în cont."
    ),
}

SECURITY_KINDS = frozenset(key for key, kind in KINDS.items() if kind.security)
OPTIONAL_KINDS = tuple(key for key, kind in KINDS.items() if not kind.security)


def email_wanted(kind: str, turned_off: set[str] | frozenset[str]) -> bool:
    """Whether an event of `kind` is emailed, given the kinds the person turned off."""
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    return kind in SECURITY_KINDS or kind not in turned_off


# Where an account request may say the address's country. Today's request form has a Romanian
# address only (no such field, so nobody is abroad); issue 14 adds the address abroad.
COUNTRY_FIELDS = ("country_code", "country")


def lives_abroad(answers: dict) -> bool:
    """An account request's answers say its address is outside Romania."""
    for name in COUNTRY_FIELDS:
        value = str(answers.get(name) or "").strip().upper()
        if value:
            return value not in ("RO", "ROU", "ROMANIA", "ROMÂNIA")
    return False
