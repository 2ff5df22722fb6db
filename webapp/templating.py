"""Everything templates can call: the only place that registers Jinja globals and filters.

The Romanian wording functions live in domain.ro; the pension pages' helpers are registered here
too, for every template, so that no blueprint adds its own.
"""

from flask import Flask

from domain import ro
from domain.administered_persons import basis_label
from domain.reference.counties import CNPP_URL, county
from forms.base import iter_fields
from webapp import i18n
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
    # The pages in other languages (webapp/i18n.py): a text of forms/ in the page's language,
    # dates in it, and the language switch.
    app.jinja_env.filters["tr"] = i18n.translate
    app.jinja_env.filters["tr_answer"] = i18n.translate_answer
    app.jinja_env.filters["page_date"] = i18n.long_date
    app.jinja_env.filters["in_sentence"] = in_sentence
    app.jinja_env.globals.update(
        language_names=i18n.LANGUAGE_NAMES,
        language_key=i18n.LANGUAGE_KEY,
        site_name=i18n.site_name,
        translated_page=i18n.translated_page,
        page_count=i18n.page_count,
        romanian_link=i18n.romanian_link,
    )


def question_name(label: str) -> str:
    """A question's label inside a sentence ("Schimbați data nașterii"); "CNP" and "IBAN-ul"
    keep their capitals."""
    if len(label) > 1 and label[1].isupper():
        return label
    if i18n.page_language() == "de":
        return label  # German nouns keep their capital
    return label[:1].lower() + label[1:]


def in_sentence(title: str) -> str:
    """A card's title inside a sentence ("Schimbați datele dumneavoastră"); German nouns keep
    their capital."""
    return title if i18n.page_language() == "de" else title.lower()
