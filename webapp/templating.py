"""Everything templates can call: the only place that registers Jinja globals and filters.

The Romanian wording functions live in domain.ro; the pension pages' helpers are registered here
too, for every template, so that no blueprint adds its own.
"""

from collections import ChainMap
from collections.abc import Callable

from flask import Flask, request
from flask.templating import Environment

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


class TemplateGlobals(ChainMap):
    """A template's globals over the environment's, as Jinja makes them, but with keys() as a
    set. Each {% from … import %} subtracts these keys from the importing template's, and on
    Jinja's ChainMap that is a Python-level lookup per global: about 30 µs for the 45 here, on
    every page that imports a macro. Against a set it is one C operation, with the same result.
    """

    def keys(self):
        return set().union(*self.maps)


class PortalEnvironment(Environment):
    """Flask's Jinja environment, with TemplateGlobals (create_app sets it as the app's
    jinja_environment before the environment is made)."""

    def make_globals(self, d):
        return TemplateGlobals({} if d is None else d, self.globals)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["url_for"] = remembered_links(app.url_for)
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


# Enough for every endpoint and static file of the site, with room to spare; never more.
MAX_REMEMBERED_LINKS = 1024


def remembered_links(url_for: Callable[..., str]) -> Callable[..., str]:
    """The templates' url_for, remembering the links that name only an endpoint, and those of
    the static files.

    The layout alone builds fourteen on every page, about 11 µs each through Flask and werkzeug.
    Such a link comes out the same on every request of the process, given the same script root:
    the URL map is fixed once the app is made, and its only url_defaults (the static files'
    hashed names, webapp/static_files.py) follow the file name alone. A link with other values
    (or options such as _external), relative to the blueprint, or built outside a request, is
    built each time as before. One memory per app: a test's app may have other static names.
    """
    known: dict[tuple, str] = {}

    def template_url_for(endpoint: str, /, **values) -> str:
        plain = not values or (endpoint == "static" and values.keys() == {"filename"})
        if not plain or endpoint[:1] == ".":
            return url_for(endpoint, **values)
        try:
            root = request._get_current_object().root_path
        except RuntimeError:  # no request: an e-mail, a printout built by a job
            return url_for(endpoint, **values)
        key = (root, endpoint, values.get("filename"))
        link = known.get(key)
        if link is None:
            link = url_for(endpoint, **values)
            if len(known) < MAX_REMEMBERED_LINKS:
                known[key] = link
        return link

    return template_url_for


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
