"""The pages in other languages (Flask-Babel). Romanian is the source language: every msgid is
the Romanian text, so a page with no translation for a string still reads correctly.

Only the areas in TRANSLATED_BLUEPRINTS follow the visitor's chosen language; every other page
is Romanian, whatever was chosen, so a half-translated page never shows. The choice lives in the
session under LANGUAGE_KEY (set by the language switch), not in the URL, so the journey's links and
redirects need no change.
"""

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale
from babel.dates import format_skeleton
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    has_request_context,
    request,
    session,
)
from flask_babel import Babel, format_date, get_locale, get_translations, ngettext, refresh
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from domain import ro
from domain.certificate_texts import LANGUAGES, ROMANIAN
from domain.reference.countries import countries_by_code
from forms import messages
from forms.messages import Count, Message, Named, romanian
from webapp.htmx import see_other

LANGUAGE_KEY = "limba"
# The life-certificate journey is for pensioners living abroad (issue 14, M7).
TRANSLATED_BLUEPRINTS = frozenset({"life_certificate"})
SITE_LANGUAGES = (ROMANIAN, *LANGUAGES)
# The .po catalogues, compiled to .mo by `make translations` (the .mo files are not committed).
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def chosen_language() -> str:
    language = session.get(LANGUAGE_KEY)
    return language if language in SITE_LANGUAGES else ROMANIAN


def select_locale() -> str:
    if request.blueprint in TRANSLATED_BLUEPRINTS:
        return chosen_language()
    return ROMANIAN


def page_language() -> str:
    """The page's `lang`: the locale this request renders in."""
    locale = _locale()
    if locale is None:
        return ROMANIAN
    if locale.territory or locale.script or locale.variant or locale.modifier:
        return str(locale)
    return locale.language  # what str() gives for the site's locales ("ro", "en"), built faster


def _locale() -> Locale | None:
    """flask_babel.get_locale(), read where Flask-Babel keeps it (g._flask_babel.babel_locale).

    A page asks for its language some thirty times (every text, link and label of the layout),
    and get_locale() reaches it through three context-local lookups each time (about a tenth of
    the form page's time). force_locale() and refresh() set and clear that same attribute, so
    this follows them; before the locale is chosen, or if Flask-Babel keeps it elsewhere one
    day, get_locale() answers (tests/webapp/test_request_costs.py holds both to the same answer).
    """
    try:
        locale = g._get_current_object()._flask_babel.babel_locale
    except (RuntimeError, AttributeError):
        locale = None
    return locale if locale is not None else get_locale()


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", ROMANIAN)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    # One Babel per app: Flask-Babel caches the loaded catalogues on the instance, and an app made
    # with other translation directories (a test's) must not see another app's.
    Babel(app, locale_selector=select_locale)
    # {% trans %} blocks written over several lines give one-line msgids.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    # As Flask-Babel's, but a Romanian page's _("…") is its msgid without asking the catalogue
    # machinery (a dozen texts on every page); plurals and contexts stay as Flask-Babel has them.
    app.jinja_env.install_gettext_callables(
        gettext=template_gettext,
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
    )
    app.jinja_env.globals["page_language"] = page_language
    messages.install(translate, translating)
    app.register_blueprint(switch)


# --- the texts of the forms and of the domain, in the page's language -------------------------

# The counts the forms and the pages write (forms.messages.Count): the noun, and its forms in
# each language, through the catalogues' plural rules.
COUNTS = {
    "caracter": lambda n: ngettext("%(num)d caracter", "%(num)d caractere", n),
    "zi": lambda n: ngettext("%(num)d zi", "%(num)d zile", n),
    "săptămână": lambda n: ngettext("%(num)d săptămână", "%(num)d săptămâni", n),
}


def translating() -> bool:
    """Whether this request renders in another language than Romanian."""
    return has_request_context() and page_language() != ROMANIAN


def translate(value):
    """A text of forms/ (forms.messages) or a plain msgid, in the page's language; anything
    else as it is. Romanian pages get the Romanian text untouched."""
    if not translating():
        return romanian(value)
    if isinstance(value, Message):
        template = _gettext(value.template)
        values = {key: translate(item) for key, item in value.values.items()}
        if value.markup:
            return Markup(template).format(**values)
        return template.format(**values)
    if isinstance(value, Named):
        return _name(value.kind, value.code, str(value))
    if isinstance(value, Count):
        count = COUNTS.get(value.noun)
        return count(value.n) if count else str(value)
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return _gettext(value)
    return value


def template_gettext(msgid: str) -> str:
    """A template's _("…"): Romanian is the source language, so on a Romanian page the text is
    the msgid itself (there is no Romanian catalogue to ask)."""
    if page_language() == ROMANIAN:
        return msgid
    return get_translations().ugettext(msgid)


def _gettext(msgid: str) -> str:
    # No %-formatting: the forms' templates use {name} placeholders.
    return get_translations().ugettext(msgid) if msgid else msgid


def _name(kind: str, code: str, romanian_name: str) -> str:
    language = page_language()
    if kind == "country":
        country = countries_by_code().get(code)
        return country.names.get(language, romanian_name) if country else romanian_name
    name = Locale.parse(language).languages.get(code, romanian_name)
    return name


def long_date(day: dt.date) -> str:
    """ "31 martie 2027" in the page's language ("March 31, 2027", "31. März 2027")."""
    return format_date(day, format="long")


def month_year(day: dt.date) -> str:
    """ "aprilie 2027" in the page's language."""
    return format_skeleton("yMMMM", day, locale=page_language())


# --- the language switch --------------------------------------------------------------------

# Each language named in itself, in the order of the site's languages.
LANGUAGE_NAMES = {code: Locale.parse(code).get_display_name(code) for code in SITE_LANGUAGES}
LANGUAGE_NAMES = {code: name[:1].upper() + name[1:] for code, name in LANGUAGE_NAMES.items()}

switch = Blueprint("language", __name__)


def choose_language(language: str) -> bool:
    """Keeps `language` for the rest of the visit, if it is one of the site's."""
    if language not in SITE_LANGUAGES:
        return False
    session[LANGUAGE_KEY] = language
    return True


def translated_path(path: str) -> bool:
    """Whether `path` is a page of this site in an area that follows the chosen language:
    the only places the switch sends back to (never another site)."""
    if not path.startswith("/") or path.startswith("//") or "\\\\" in path:
        return False
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(urlsplit(path).path, method="GET")
    except HTTPException:
        return False
    return endpoint.partition(".")[0] in TRANSLATED_BLUEPRINTS


def default_language(language: str | None) -> None:
    """A link opened where this visit chose no language (an e-mail's link on another device):
    the page, and the rest of the visit, in `language` (the one stored with what it shows)."""
    if LANGUAGE_KEY not in session and choose_language(language or ""):
        refresh()  # the locale may already have been read for this request


@switch.post("/limba")
def change_language():
    """The switch's small form on the pages with nothing typed in them (POST, CSRF): the same
    page again, in the language chosen."""
    back = request.form.get("inapoi", "")
    if not choose_language(request.form.get(LANGUAGE_KEY, "")) or not translated_path(back):
        abort(400)
    return see_other(back)


def site_name() -> str:
    """The site's name after each title, in the page's language."""
    return translate(current_app.config["SITE_NAME"])


# The site's name (config SITE_NAME) for extraction: the catalogues translate it.
_SITE_NAME = messages.N_("Portal pensii")


def translated_page() -> bool:
    """Whether this page follows the chosen language (and so offers the switch)."""
    return has_request_context() and request.blueprint in TRANSLATED_BLUEPRINTS


def romanian_link() -> Markup:
    """hreflang="ro" on a link from a translated page to a page that is only in Romanian."""
    return Markup(' hreflang="ro"') if translating() else Markup("")


def page_count(n: int, one: str, other: str) -> str:
    """ "30 de zile" on a Romanian page (domain.ro.count), "30 days" on an English one."""
    if not translating() or one not in COUNTS:
        return ro.count(n, one, other)
    return COUNTS[one](n)


def translate_answer(value):
    """An answer read back (check your answers): a choice's label is the site's text and is
    translated; what the person typed is shown exactly as typed, even if it reads like a msgid."""
    if isinstance(value, (Message, Named, Count)):
        return translate(value)
    return value
