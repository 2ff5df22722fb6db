"""The counter's look-up of a person's career record (/ghiseu/cariera): a GET shows the form, a
POST (CNP and, for someone outside the clerk's county, a reason) shows the raw record as
imported: the months grouped by year, the work book, the assimilated periods, the decided points
and the date the data is current to. Staff only, audited (webapp.counter.career_service)."""

import itertools

from flask import Blueprint, request
from flask_login import current_user

from domain import ro
from domain.career.summary import ASSIMILATED_LABELS
from domain.codes import CONDITION_LABELS
from forms.counter_career import CareerLookupForm
from webapp.auth.users import staff_required
from webapp.counter import career_service
from webapp.db import db
from webapp.htmx import render_page

bp = Blueprint("counter_career", __name__, url_prefix="/ghiseu/cariera")
TEMPLATE = "pages/counter/career.html"
PAY_UNITS = {"luna": "lunar", "zi": "pe zi", "ora": "pe oră"}


@bp.get("/")
@staff_required
def lookup_form():
    return render_page(TEMPLATE, "content", form=CareerLookupForm(formdata=None), found=None)


@bp.post("/")
@staff_required
def lookup():
    form = CareerLookupForm()
    found = None
    if form.validate():
        try:
            found = career_service.look_up(
                db(), current_user.member, form.cnp.data, form.reason.data, request.remote_addr
            )
        except career_service.LookupRefused as refused:
            form.reason.errors.append(str(refused))
    return render_page(
        TEMPLATE,
        "content",
        form=form,
        found=found,
        years=_years(found.record) if found and found.record else [],
        condition_labels=CONDITION_LABELS,
        assimilated_labels=ASSIMILATED_LABELS,
        pay_units=PAY_UNITS,
        month_name=ro.month,
    )


def _years(record) -> list[dict]:
    """The months grouped by calendar year, with the year's days and income."""
    years = []
    for year, months in itertools.groupby(record.monthly, key=lambda month: month.month.year):
        rows = list(months)
        years.append(
            {
                "year": year,
                "months": rows,
                "days": sum(row.days for row in rows),
                "income": sum(row.gross_income for row in rows),
            }
        )
    return years
