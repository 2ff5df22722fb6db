"""The shortcuts that make every page cheaper (webapp/i18n.py, templating.py, cookie_session.py)
give what the slow paths gave."""

from flask import render_template_string, session
from flask_babel import force_locale, get_locale, refresh

from webapp import i18n


def test_page_language_follows_force_locale_and_refresh(app):
    with app.test_request_context("/certificat-de-viata/"):
        assert i18n.page_language() == str(get_locale()) == "ro"
        with force_locale("de"):
            assert i18n.page_language() == str(get_locale()) == "de"
            assert i18n.template_gettext("Contact") == "Kontakt"
        assert i18n.page_language() == "ro"
        session[i18n.LANGUAGE_KEY] = "en"
        refresh()
        assert i18n.page_language() == str(get_locale())


def test_romanian_template_text_is_its_msgid(app):
    with app.test_request_context("/"):
        assert render_template_string('{{ _("Contact") }} {{ _("50%%") }}') == "Contact 50%"
        with force_locale("en"):
            assert render_template_string('{{ _("Contact") }}') == "Contact"
            assert render_template_string('{{ _("Cookie-uri") }}') != "Cookie-uri"


def test_remembered_links_are_the_links_url_for_builds(app):
    template = "{{ url_for('legal.privacy') }} {{ url_for('static', filename='css/site.css') }}"
    with app.test_request_context("/"):
        first = render_template_string(template)
    with app.test_request_context("/", environ_overrides={"SCRIPT_NAME": "/portal"}):
        under_root = render_template_string(template)
        assert render_template_string("{{ url_for('legal.privacy', x=1) }}").endswith("?x=1")
    assert under_root.split()[0] == "/portal" + first.split()[0]


def test_the_session_cookie_still_opens_after_a_key_change(app, client):
    client.get("/cont/cerere")
    assert client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is not None
    interface = app.session_interface
    before = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is before
    app.secret_key = "another-secret-key-long-enough-for-the-test"
    assert interface.get_signing_serializer(app) is not before
