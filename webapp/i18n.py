"""The pages in other languages (Flask-Babel). Romanian is the source language: every msgid is
the Romanian text, so a page with no translation for a string still reads correctly.

Only the areas in TRANSLATED_BLUEPRINTS follow the visitor's chosen language; every other page
is Romanian, whatever was chosen, so a half-translated page never shows. The choice lives in the
session under LANGUAGE_KEY (set by the language switch), not in the URL, so the journey's links and
redirects need no change.
"""

from pathlib import Path

from flask import Flask, request, session
from flask_babel import Babel, get_locale

from domain.certificate_texts import LANGUAGES, ROMANIAN

LANGUAGE_KEY = "limba"
# The life-certificate journey is for pensioners living abroad (issue 14, M7).
TRANSLATED_BLUEPRINTS = frozenset({"life_certificate"})
SITE_LANGUAGES = (ROMANIAN, *LANGUAGES)
# The .po catalogues, compiled to .mo by `make static` (the .mo files are not committed).
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

babel = Babel()


def chosen_language() -> str:
    language = session.get(LANGUAGE_KEY)
    return language if language in SITE_LANGUAGES else ROMANIAN


def select_locale() -> str:
    if request.blueprint in TRANSLATED_BLUEPRINTS:
        return chosen_language()
    return ROMANIAN


def page_language() -> str:
    """The page's `lang`: the locale this request renders in."""
    return str(get_locale() or ROMANIAN)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", ROMANIAN)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["page_language"] = page_language
