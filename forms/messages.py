"""Texts of the forms that a page may show in another language (webapp/i18n.py).

forms/ knows nothing of Flask or of the visitor's language: a text is its Romanian self, marked
N_("...") so that `pybabel extract` finds it (the msgid is the Romanian text). A text with values
in it keeps its template and values apart, so that the page translates the template and then
fills it, translating the values that are texts themselves (a question's label inside a
message). `translate` is what renders them: Romanian here; the web app installs the gettext one.
"""

from collections.abc import Callable

from markupsafe import Markup


class Message(str):
    """A Romanian text (the str itself) with its template and values for translation."""

    template: str
    values: dict
    markup: bool

    def __new__(cls, template: str, /, *, markup: bool = False, **values):
        text = Markup(template).format(**values) if markup else template.format(**values)
        self = super().__new__(cls, text)
        self.template = template
        self.values = values
        self.markup = markup
        return self


def N_(template: str, /, *, markup: bool = False, **values) -> Message:
    """Marks a Romanian text for translation (and for extraction); `{name}` placeholders take
    `values`. `markup`: the template is HTML (the values are escaped into it)."""
    return Message(template, markup=markup, **values)


class Named(str):
    """A country or a language by its code: its Romanian name, and in a translated page the
    name in that page's language (`kind` is "country" or "language")."""

    kind: str
    code: str

    def __new__(cls, name: str, kind: str, code: str):
        self = super().__new__(cls, name)
        self.kind = kind
        self.code = code
        return self


class Count(str):
    """A count of something, written the Romanian way (domain.ro.count: "20 de caractere");
    `noun` names the thing for the translation ("caracter")."""

    n: int
    noun: str

    def __new__(cls, text: str, n: int, noun: str):
        self = super().__new__(cls, text)
        self.n = n
        self.noun = noun
        return self


def romanian(value):
    """The text as it reads in Romanian: what it already is, as markup when it is HTML."""
    if isinstance(value, Message) and value.markup:
        return Markup(str(value))
    return value


_translator: list[Callable] = [romanian]
_translating: list[Callable[[], bool]] = [lambda: False]


def translate(value):
    """`value` in the language of the page being rendered (Romanian unless the web app says)."""
    return _translator[0](value)


def translating() -> bool:
    """Whether the page being rendered is in another language than Romanian."""
    return _translating[0]()


def install(translator: Callable, is_translating: Callable[[], bool]) -> None:
    _translator[0] = translator
    _translating[0] = is_translating
