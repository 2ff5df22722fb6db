"""The chosen language applies to the translated areas only; everywhere else stays Romanian."""

import pytest

from webapp.i18n import LANGUAGE_KEY, TRANSLATIONS


def choose(client, language):
    with client.session_transaction() as session:
        session[LANGUAGE_KEY] = language


def test_the_life_certificate_pages_follow_the_chosen_language(client):
    choose(client, "hu")
    page = client.get("/certificat-de-viata/")
    assert '<html lang="hu">' in page.text


def test_other_pages_stay_romanian_whatever_was_chosen(client):
    choose(client, "hu")
    assert '<html lang="ro">' in client.get("/").text


@pytest.mark.parametrize("language", [None, "xx", "../../etc"])
def test_no_or_an_unknown_choice_is_romanian(client, language):
    if language is not None:
        choose(client, language)
    assert '<html lang="ro">' in client.get("/certificat-de-viata/").text


@pytest.mark.parametrize("language", ["en", "it", "es", "de", "fr", "hu"])
def test_each_language_has_a_catalogue(language):
    assert (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").is_file()
