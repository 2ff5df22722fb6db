"""Whether the name in a qualified certificate is the applicant's (the e-signature route of the
account request, webapp/account/signed.py).

Certificates spell names their own way: "TARANESCU ANA-MARIA STEFANIA" as the commonName, or
"Ana-Maria Ștefania" and "Țărănescu" as givenName and surname, with or without diacritics (old
ones with cedillas: ş, ţ), first name first or last. Compared normalised: letters without
diacritics, any case, hyphens and spaces alike, the order of the names ignored. Every name must
be there and no other: "Popescu Ion" does not match "Popescu Ion Vasile" (another person may
carry the shorter name).
"""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.,']+")


def name_parts(name: str | None) -> tuple[str, ...]:
    """The parts of a name, normalised and sorted: "Țărănescu Ana-Maria" → ("ana", "maria",
    "taranescu")."""
    if not name:
        return ()
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    parts = (part for part in _SEPARATORS.split(letters.casefold()) if part)
    return tuple(sorted(parts))


def certificate_names(
    common_name: str | None, given_name: str | None, surname: str | None
) -> list[str]:
    """The names a certificate states for its holder: the commonName, and givenName with
    surname when both are there (either may be what the applicant typed)."""
    names = [name for name in (common_name,) if name and name.strip()]
    if given_name and surname:
        names.append(f"{given_name} {surname}")
    return names


def same_person_name(stated: list[str], last_name: str, first_name: str) -> bool:
    """Whether one of the names the certificate states is the applicant's, normalised."""
    applicant = name_parts(f"{last_name} {first_name}")
    return bool(applicant) and any(name_parts(name) == applicant for name in stated)
