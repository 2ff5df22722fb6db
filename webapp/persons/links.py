"""Where the holder acts for a person administered: the one place that knows those addresses.

The person is in the URL (/contul-meu/cariera/persoana/2, /contul-meu/rapoarte/?persoana=2,
/contul-meu/petitii/noua?persoana=2), never in the session: every page checks on every request
that the person is still in force (webapp/career/access.py), two tabs can act for two people
without one changing the other, the back button and a bookmark mean what they say, nothing
needs to be "switched back", and it works without JavaScript with plain links.
"""

from dataclasses import dataclass

from flask import current_app, url_for
from werkzeug.exceptions import HTTPException

# The citizen's new-petition page (webapp/petitions/, issue 12): linked once it exists.
NEW_PETITION_PATH = "/contul-meu/petitii/noua"


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


def act_links(kind: str, number: int) -> list[Link]:
    """The pages where the holder acts for person `number`; the career and the reports are only
    for natural persons (a legal person has no career record)."""
    links = []
    if kind == "natural":
        links.append(Link("Cariera de asigurat", url_for("career.person", number=number)))
        links.append(Link("Rapoarte despre carieră", url_for("reports.index", persoana=number)))
    if _exists(NEW_PETITION_PATH):
        links.append(
            Link("Petiție nouă în numele persoanei", f"{NEW_PETITION_PATH}?persoana={number}")
        )
    return links


def _exists(path: str) -> bool:
    adapter = current_app.url_map.bind("localhost")
    try:
        adapter.match(path, method="GET")
    except HTTPException:
        return False
    return True
