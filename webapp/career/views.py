"""The career record in the account (/contul-meu/cariera): the holder's own, and that of each
person administered whose documents were verified at the counter (see ``access``)."""

from urllib.parse import urlencode

from flask import Blueprint, url_for
from flask_login import current_user

from domain.career import summary as career_summary
from webapp.auth.users import citizen_required
from webapp.career import access
from webapp.career.queries import load_record
from webapp.db import db
from webapp.htmx import render_page

bp = Blueprint("career", __name__, url_prefix="/contul-meu/cariera")


@bp.get("/")
@citizen_required
def mine():
    account = current_user.account
    return _page(access.own(account), access.administered(account))


@bp.get("/persoana/<int:number>")
@citizen_required
def person(number: int):
    account = current_user.account
    return _page(access.administered_person(account, number), [])


def _page(person: access.Person, others: list[access.Person]):
    record = load_record(db(), person.cnp)
    context = {"person": person, "others": others, "record": record, "summary": None}
    if record is not None and not record.empty and person.birth_date and person.sex:
        summary = career_summary.summarise(record, person.birth_date, person.sex)
        pairs, left_out = career_summary.estimate_query(summary)
        context.update(
            summary=summary,
            chart=career_summary.points_chart(summary.years),
            estimate_url=url_for("pension_pages.calculator") + "?" + urlencode(pairs),
            left_out=left_out,
        )
    return render_page("pages/career/index.html", **context)
