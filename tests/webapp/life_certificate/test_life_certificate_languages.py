"""The life-certificate journey in each of the site's languages (issue 14, M7): every page in the
chosen language, chrome included, with the page checks of tests/page_checks.py (the title's
error prefix in that language); the switch, which never loses what was typed; messages with
values in them translated whole."""

import re

import pytest
import time_machine

from tests.builders import life_certificate_answers as answers
from tests.page_checks import ERROR_PREFIXES, soup
from webapp.i18n import LANGUAGE_KEY

BASE = "/certificat-de-viata"
DETAILS = f"{BASE}/date"
CHECK = f"{BASE}/verificare"
READY = f"{BASE}/gata"
LANGUAGES = ["en", "it", "es", "de", "fr", "hu"]

# Per language: a text each page must show (the official name of the certificate in the h1 of
# the start page, the first question, the button, the error summary's title).
EXPECTED = {
    "en": ("life certificate", "Surname", "Continue", "There is a problem", "Skip to content"),
    "it": (
        "certificato di esistenza in vita",
        "Cognome",
        "Continua",
        "Si è verificato un problema",
        "Vai al contenuto",
    ),
    "es": ("fe de vida", "Apellidos", "Continuar", "Hay un problema", "Saltar al contenido"),
    "de": (
        "Lebensbescheinigung",
        "Nachname",
        "Weiter",
        "Es gibt ein Problem",
        "Zum Inhalt springen",
    ),
    "fr": (
        "certificat de vie",
        "Nom de famille",
        "Continuer",
        "Il y a un problème",
        "Aller au contenu",
    ),
    "hu": (
        "életben léti igazolás",
        "Vezetéknév",
        "Tovább",
        "Probléma merült fel",
        "Ugrás a tartalomra",
    ),
}
# Romanian sentences of the journey's pages and chrome that a translated page must not show.
ROMANIAN = [
    "Salt la conținut",
    "Servicii online pentru pensiile publice",
    "Certificatul de viață",
    "Datele dumneavoastră",
    "Continuați",
    "Înapoi",
    "Schimbați",
    "Pasul",
    "Declarația de accesibilitate",
    "Cum folosim datele dumneavoastră",
    "Introduceți",
    "Alegeți",
    "A apărut o problemă",
    "De exemplu",
    "perioadă",
    "martie",
    "septembrie",
    "Casa de pensii",
    "casa de pensii",
    "Portal pensii",
]


def choose(client, language):
    with client.session_transaction() as session:
        session[LANGUAGE_KEY] = language


def visible_text(page) -> str:
    """What a reader sees and hears: the text, the title, the meta description, the labels."""
    for hidden in page.select("script, style, .hp"):
        hidden.decompose()
    description = page.find("meta", attrs={"name": "description"})
    parts = [page.get_text(" "), description["content"] if description else ""]
    parts += [element["aria-label"] for element in page.find_all(attrs={"aria-label": True})]
    return re.sub(r"\s+", " ", " ".join(parts))


def without_romanian_names(text: str) -> str:
    """The Romanian names that stay Romanian: the institutions and the switch's own entry."""
    text = re.sub(
        r"Casa (Județeană|Națională) de Pensii[\w ]*|Casa de Pensii a Municipiului \w+", "", text
    )
    return text.replace("Română", "")


def fill(client_request, **overrides):
    token = client_request.csrf_token(DETAILS)
    return client_request.post(DETAILS, data=answers(**overrides) | {"csrf_token": token})


def assert_translated(page, language):
    assert page.find("html")["lang"] == language
    text = without_romanian_names(visible_text(page))
    left = [sentence for sentence in ROMANIAN if sentence in text]
    assert not left, f"Romanian left on the {language} page: {left}"


@pytest.fixture
def at_new_year():
    # In a window, on a fixed day: the headline and dates are known.
    with time_machine.travel("2027-02-10 12:00 +02:00", tick=False):
        yield


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_journey_is_in_the_chosen_language(client_request, language, at_new_year):
    choose(client_request.client, language)
    official, surname, button, _, skip = EXPECTED[language]

    start = client_request.get_page(f"{BASE}/")
    assert official.casefold() in start.h1.get_text().casefold()
    assert start.find("a", class_="skip-link").get_text() == skip
    assert_translated(start, language)

    details = client_request.get_page(DETAILS)
    assert details.find("label", attrs={"for": "last_name"}).get_text() == surname
    assert details.find("button", class_="button").get_text() == button
    assert_translated(details, language)

    assert fill(client_request).status_code == 303
    check = client_request.get_page(CHECK)
    assert_translated(check, language)
    token = check.find("input", {"name": "csrf_token"})["value"]
    assert client_request.post(CHECK, data={"csrf_token": token}).status_code == 303

    ready = client_request.get_page(READY)
    assert_translated(ready, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_are_written_the_way_the_language_writes_them(client_request, language, at_new_year):
    choose(client_request.client, language)
    headline = (
        client_request.get_page(f"{BASE}/").find("div", class_="inset").get_text(" ", strip=True)
    )
    expected = {
        "en": "March 31, 2027",
        "it": "31 marzo 2027",
        "es": "31 de marzo de 2027",
        "de": "31. März 2027",
        "fr": "31 mars 2027",
        "hu": "2027. március 31.",
    }[language]
    assert expected in headline
    # 49 days before the deadline, counted in the language: "in 49 days", "tra 49 giorni"…
    assert "49" in headline


def test_the_romanian_pages_are_as_before(client_request, at_new_year):
    page = client_request.get_page(f"{BASE}/")
    assert page.find("html")["lang"] == "ro"
    assert "Perioada curentă se încheie pe 31 martie 2027, peste 49 de zile." in page.get_text()
    # No hreflang on a Romanian page's links to Romanian pages.
    assert not page.select("footer a[hreflang]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invalid_form_comes_back_translated(client_request, language):
    choose(client_request.client, language)
    token = client_request.csrf_token(DETAILS)
    bad = answers(
        last_name="",
        cnp="123",
        birth_date="31.02.1950",
        pension_file="x" * 30,
        country_code="RO",
        phone="12",
    )
    response = client_request.post(DETAILS, data=bad | {"csrf_token": token}, expected_status=200)
    page = soup(response)
    assert page.title.get_text().startswith(ERROR_PREFIXES[language])
    summary = page.find("div", class_="error-summary")
    assert summary.h2.get_text() == EXPECTED[language][3]
    messages = [item.get_text(" ", strip=True) for item in summary.find_all("li")]
    assert len(messages) == 6
    assert_translated(page, language)
    # The messages with a value in them: the question's label, translated, inside the message.
    birth = page.find("label", attrs={"for": "birth_date"}).get_text()
    assert any(birth in message for message in messages), messages
    pension_file = page.find("label", attrs={"for": "pension_file"}).get_text()
    assert any(pension_file in message and "20" in message for message in messages), messages
    # The hidden "Eroare: " before each message under its question.
    hidden = page.select(".error-message .visually-hidden")
    assert hidden and all(h.get_text() == ERROR_PREFIXES[language] for h in hidden)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_htmx_fragment_is_in_the_chosen_language(client_request, language):
    choose(client_request.client, language)
    token = client_request.csrf_token(DETAILS)
    response = client_request.post(
        DETAILS,
        data=answers(first_name="") | {"csrf_token": token},
        headers={"HX-Request": "true"},
        expected_status=200,
    )
    assert response.headers["Content-Language"] == language
    fragment = soup(response)
    assert fragment.title.get_text().startswith(ERROR_PREFIXES[language])
    assert EXPECTED[language][3] in fragment.get_text()


# --- The switch


@pytest.mark.parametrize(("before", "after"), [("ro", "hu"), ("de", "fr"), ("en", "ro")])
def test_switching_on_the_question_page_keeps_what_was_typed_unjudged(
    client_request, before, after
):
    choose(client_request.client, before)
    token = client_request.csrf_token(DETAILS)
    # Half filled in, one answer wrong: nothing is judged, nothing is lost.
    typed = answers(cnp="123", email="", phone="", language="")
    response = client_request.post(
        DETAILS, data=typed | {"csrf_token": token, LANGUAGE_KEY: after}, expected_status=303
    )
    assert response.headers["Location"] == DETAILS
    page = client_request.get_page(DETAILS)
    assert page.find("html")["lang"] == after
    assert not page.find(class_="error-summary")
    for name in ("last_name", "first_name", "cnp", "birth_date", "address_line1"):
        assert page.find("input", {"name": name})["value"] == typed[name]
    assert (
        page.find("select", {"name": "country_code"}).find("option", selected=True)["value"] == "IT"
    )
    # The current language is marked, and offered no more.
    current = page.select_one(".language-switch [aria-current]")
    assert current["lang"] == after
    assert not page.find("button", {"name": LANGUAGE_KEY, "value": after})


def test_switching_while_changing_one_answer_stays_in_that_mode(client_request):
    assert fill(client_request).status_code == 303
    token = client_request.csrf_token(DETAILS)
    response = client_request.post(
        f"{DETAILS}?schimbare=phone",
        data=answers(phone="+39 06 9999 9999") | {"csrf_token": token, LANGUAGE_KEY: "it"},
        expected_status=303,
    )
    assert response.headers["Location"] == f"{DETAILS}?schimbare=phone"
    page = client_request.get_page(f"{DETAILS}?schimbare=phone")
    assert page.find("input", {"name": "phone"})["value"] == "+39 06 9999 9999"
    assert page.find("a", class_="back-link")["href"] == CHECK


def test_the_switch_refuses_an_unknown_language_and_saves_nothing_wrong(client_request):
    token = client_request.csrf_token(DETAILS)
    client_request.post(
        DETAILS, data=answers() | {"csrf_token": token, LANGUAGE_KEY: "xx"}, expected_status=400
    )
    assert client_request.get_page(DETAILS).find("html")["lang"] == "ro"


@pytest.mark.parametrize("path", [f"{BASE}/", CHECK, READY])
def test_the_switch_on_the_other_pages_brings_back_the_same_page(client_request, path):
    assert fill(client_request).status_code == 303
    if path == READY:
        token = client_request.csrf_token(CHECK)
        client_request.post(CHECK, data={"csrf_token": token}, expected_status=303)
    page = client_request.get_page(path)
    form = page.find("form", class_="language-switch-form")
    assert form["method"] == "post"
    data = {
        "csrf_token": form.find("input", {"name": "csrf_token"})["value"],
        "inapoi": form.find("input", {"name": "inapoi"})["value"],
        LANGUAGE_KEY: "es",
    }
    response = client_request.post(form["action"], data=data, expected_status=303)
    assert response.headers["Location"] == path
    again = client_request.get_page(path)
    assert again.find("html")["lang"] == "es"
    # What was typed is still there, now checked in Spanish.
    if path == CHECK:
        assert "Țărănescu" in again.get_text()


@pytest.mark.parametrize(
    "back",
    [
        "https://elsewhere.example/",
        "//elsewhere.example/",
        "/cont/cerere",
        "/nu-exista",
        "javascript:x",
    ],
)
def test_the_switch_only_sends_back_to_a_translated_page(client_request, back):
    token = client_request.csrf_token(f"{BASE}/")
    client_request.post(
        "/limba",
        data={"csrf_token": token, "inapoi": back, LANGUAGE_KEY: "en"},
        expected_status=400,
    )


def test_the_switch_needs_its_csrf_token(client_request):
    client_request.post(
        "/limba", data={"inapoi": f"{BASE}/", LANGUAGE_KEY: "en"}, expected_status=400
    )
    assert client_request.get_page(f"{BASE}/").find("html")["lang"] == "ro"


@pytest.mark.parametrize("path", [f"{BASE}/", DETAILS])
def test_the_switch_names_each_language_in_itself(client_request, path):
    page = client_request.get_page(path)
    names = {
        (entry.get("value") or "ro"): (entry["lang"], entry.get_text())
        for entry in page.select(".language-switch button, .language-switch [aria-current]")
    }
    assert names == {
        "ro": ("ro", "Română"),
        "en": ("en", "English"),
        "it": ("it", "Italiano"),
        "es": ("es", "Español"),
        "de": ("de", "Deutsch"),
        "fr": ("fr", "Français"),
        "hu": ("hu", "Magyar"),
    }


def test_enter_in_a_box_continues_rather_than_switching(client_request):
    """The first submit button of the question form is what Enter presses: "Continuați"."""
    form = client_request.get_page(DETAILS).find("form", attrs={"hx-post": True})
    first = form.find("button", type="submit")
    assert first.get("name") is None and first.get_text() == "Continuați"


def test_the_language_stays_for_the_journey_and_not_beyond(client_request):
    choose(client_request.client, "it")
    assert client_request.get_page(DETAILS).find("html")["lang"] == "it"
    assert client_request.get_page(f"{BASE}/").find("html")["lang"] == "it"
    assert client_request.get_page("/").find("html")["lang"] == "ro"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_languages_and_countries_are_named_in_the_page_language(client_request, language):
    choose(client_request.client, language)
    page = client_request.get_page(DETAILS)
    italy = page.find("select", {"name": "country_code"}).find("option", value="IT").get_text()
    assert (
        italy
        == {
            "en": "Italy",
            "it": "Italia",
            "es": "Italia",
            "de": "Italien",
            "fr": "Italie",
            "hu": "Olaszország",
        }[language]
    )
    german = page.find("label", attrs={"for": "language-3"})
    assert german.find("span", lang="de").get_text() == "Deutsch"
    assert "Română" not in german.get_text()


def test_what_was_typed_is_read_back_as_typed_not_translated(client_request):
    """An answer that happens to be one of the site's texts ("Contact") is not translated."""
    choose(client_request.client, "de")
    assert fill(client_request, address_line3="Contact").status_code == 303
    text = client_request.get_page(CHECK).find("main").get_text()
    assert "Contact" in text and "Kontakt" not in text
    # The choices, though, are the site's words: in German.
    assert "Italien" in text and "Rumänisch und Italienisch" in text
