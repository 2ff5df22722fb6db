"""The catalogues are complete for the translated pages: every text extracted (as babel.cfg and
`make translations-update` extract it) from the translated areas' templates, the layout and the
components those pages use, and their forms, has a translation in every language, not fuzzy,
with the same placeholders as the Romanian text. A new text of those pages fails here until it
is translated (issue 14)."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from webapp.i18n import LANGUAGES, TRANSLATIONS

ROOT = Path(__file__).resolve().parents[2]
# What the pages of the life-certificate area are made of, Python and templates.
SOURCES = [
    *sorted((ROOT / "templates/pages/life_certificate").rglob("*.html")),
    ROOT / "templates/layouts/base.html",
    *sorted((ROOT / "templates/components").glob("*.html")),
    ROOT / "forms/life_certificate.py",
    ROOT / "forms/life_certificate_upload.py",
    ROOT / "forms/questions.py",
    ROOT / "forms/fields.py",
    ROOT / "forms/validators.py",
    ROOT / "forms/answers.py",
    ROOT / "webapp/i18n.py",
    ROOT / "webapp/life_certificate/texts.py",
    ROOT / "webapp/page_descriptions.py",
    # The e-mails the pensioner receives in their language, and their layout.
    *sorted((ROOT / "templates/emails").glob("life_certificate_*.*")),
    ROOT / "templates/emails/layout.txt",
    ROOT / "templates/emails/layout.html",
]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
# %(name)s, %(num)d and {name}: what the page fills in, which each translation must keep.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def extracted() -> dict:
    """msgid (a tuple for a plural) → where it comes from."""
    found = {}
    for path in SOURCES:
        method = "python" if path.suffix == ".py" else "jinja2"
        options = {"trimmed": "true"} if method == "jinja2" else {}
        for lineno, message, _comments, _context in extract_from_file(
            method, path, keywords=KEYWORDS, options=options
        ):
            found.setdefault(message, f"{path.relative_to(ROOT)}:{lineno}")
    return found


MESSAGES = extracted()


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def catalogue(language: str):
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def test_the_pages_have_texts_to_translate():
    # The extraction itself works: a test over nothing would pass whatever the catalogues hold.
    assert len(MESSAGES) > 150
    assert "A apărut o problemă" in MESSAGES  # the layout's components
    assert "Alegeți țara în care locuiți." in MESSAGES  # forms/life_certificate.py
    assert ("%(num)d zi", "%(num)d zile") in MESSAGES  # a plural
    assert "Certificatul cui este" in MESSAGES  # forms/life_certificate_upload.py
    assert "Am primit certificatul de viață %(reference)s" in MESSAGES  # an e-mail's subject
    assert "Cu stimă," in MESSAGES  # the e-mails' layout


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_has_a_translation(language):
    translations = catalogue(language)
    problems = []
    for msgid, where in MESSAGES.items():
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = translations.get(key)
        if message is None:
            problems.append(f"{where}: missing {key!r}")
            continue
        if message.fuzzy:
            problems.append(f"{where}: fuzzy {key!r}")
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s and s.strip() for s in strings):
            problems.append(f"{where}: empty {key!r}")
            continue
        sources = msgid if isinstance(msgid, tuple) else (msgid,)
        expected = set().union(*(placeholders(s) for s in sources))
        for string in strings:
            if placeholders(string) != expected:
                problems.append(f"{where}: placeholders {placeholders(string)} in {string!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plurals_have_every_form_the_language_needs(language):
    translations = catalogue(language)
    for msgid in MESSAGES:
        if isinstance(msgid, tuple):
            message = translations.get(msgid[0])
            assert message is not None and len(message.string) == translations.num_plurals


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_keeps_the_romanian_text(language):
    """A msgstr copied from its msgid would pass as "translated": only names and codes may be
    the same in both languages."""
    same_everywhere = {"CNP", "Fax", "Contact", "E-mail", "e-mail", "Telefon", "telefon", "Site"}
    translations = catalogue(language)
    copied = [
        key
        for key in MESSAGES
        if isinstance(key, str)
        and key not in same_everywhere
        and (message := translations.get(key)) is not None
        and message.string == key
    ]
    assert not copied, copied
