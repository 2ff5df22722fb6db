"""Where the holder acts for a person administered: the one place that knows those addresses.

The person is in the URL (/contul-meu/cariera/persoana/2, /contul-meu/rapoarte/?persoana=2,
/contul-meu/petitii/noua/pentru?persoana=2), never in the session: every page checks on every request
that the person is still in force (webapp/career/access.py), two tabs can act for two people
without one changing the other, the back button and a bookmark mean what they say, nothing
needs to be "switched back", and it works without JavaScript with plain links.
"""

from dataclasses import dataclass

from flask import url_for


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


def act_links(kind: str, number: int) -> list[Link]:
    """The pages where the holder acts for person `number`: the career, the reports and a new
    petition, for natural persons (a legal person has no career record, and petitions are in a
    natural person's name for now)."""
    if kind != "natural":
        return []
    return [
        Link("Cariera de asigurat", url_for("career.person", number=number)),
        Link("Rapoarte despre carieră", url_for("reports.index", persoana=number)),
        Link("Petiție nouă în numele persoanei", url_for("petitions.for_person", persoana=number)),
    ]
