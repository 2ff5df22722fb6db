"""/contul-meu/persoane: the persons the account administers, each with its legal basis and
document, whether it is in force or was revoked (when, and why), and the pages where the holder
acts for it (see webapp.persons.links for why the person is in the URL)."""

from flask import Blueprint
from flask_login import current_user

from webapp.auth.users import citizen_required
from webapp.db import db
from webapp.htmx import render_page
from webapp.persons import queries
from webapp.persons.links import act_links

bp = Blueprint("persons", __name__, url_prefix="/contul-meu/persoane")


@bp.get("/")
@citizen_required
def index():
    persons = queries.listed(db(), current_user.account)
    return render_page(
        "pages/persons/index.html",
        persons=persons,
        links={
            person.number: act_links(person.kind, person.number)
            for person in persons
            if person.revoked_at is None
        },
    )
