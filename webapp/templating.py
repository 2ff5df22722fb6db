"""Everything templates can call: the only place that registers Jinja globals and filters.

The Romanian wording functions live in domain.ro; the pension pages' helpers are registered here
too, for every template, so that no blueprint adds its own.
"""

from flask import Flask

from domain import ro
from domain.administered_persons import basis_label
from domain.reference.counties import CNPP_URL, county
from forms.base import iter_fields
from webapp.htmx import error_prefix, has_errors, out_of_band, uses_htmx
from webapp.legal.operator import current_operator
from webapp.notifications.queries import header_count
from webapp.page_descriptions import page_description
from webapp.pension.pages import TOPICS, lei_text, points_text


def county_house(code: str) -> str:
    return county(code).house_name


def staff_time(value) -> str:
    """ "14.05.2026, 10:32" on the counter's screens; an empty cell when there is no moment."""
    return "" if value is None else ro.date_time(value)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        has_errors=has_errors,
        error_prefix=error_prefix,
        uses_htmx=uses_htmx,
        oob_element=out_of_band,
        form_fields=iter_fields,
        county_house=county_house,
        count_of=ro.count,
        ro_date=ro.short_date,
        ro_number=ro.number,
        points_text=points_text,
        lei_text=lei_text,
        topics=TOPICS,
        basis_label=basis_label,
        header_unread=header_count,
        house_of=county,
        site_operator=current_operator,
        cnpp_url=CNPP_URL,
        page_description=page_description,
    )
    app.jinja_env.filters["staff_time"] = staff_time
    app.jinja_env.filters["long_date"] = ro.long_date
    app.jinja_env.filters["time_of_day"] = ro.time_of_day
    app.jinja_env.filters["question_name"] = question_name


def question_name(label: str) -> str:
    """A question's label inside a sentence ("Schimbați data nașterii"); "CNP" and "IBAN-ul"
    keep their capitals."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]
