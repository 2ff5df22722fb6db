"""The wording sweep (issue 13, "Wording"): the user-facing text of templates/, forms/, webapp/
and domain/ is scanned for what the usability review found: "dvs." for "dumneavoastră", "email"
where the site writes "e-mail", anglicisms ("setat", "resetat"), phrasing that assumes the
reader's gender ("deconectat", a literal "Subsemnatul/Subsemnata"), and a number of 20 or more
written before its noun without "de" (domain/ro.py count() writes it right).

User-facing text is what a person reads: in a template, the text between tags (not Jinja code,
not attribute names); in Python, string literals that read as prose (two words or more), not
identifiers, keys or SQL. Docstrings and comments are not scanned.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = ("templates",)
PYTHON_DIRS = ("forms", "webapp", "domain", "documents")

RULES = {
    "dvs.": re.compile(r"\bdvs\.", re.IGNORECASE),
    "email for e-mail": re.compile(r"(?<![-\w@./])[Ee]-?mail(?![-\w@])".replace("-?", "")),
    "anglicism (re)setat": re.compile(r"\b(?:re)?setat[ăe]?\b", re.IGNORECASE),
    "gendered: deconectat": re.compile(r"\bdeconectat\b", re.IGNORECASE),
    "gendered: Subsemnatul/Subsemnata": re.compile(r"Subsemnatul/Subsemnata"),
}
NOUNS = (
    "zile|ore|minute|secunde|luni|ani|săptămâni|caractere|cifre|litere|persoane|cereri|"
    "documente|pagini|rânduri|încercări"
)
NUMBER_BEFORE_NOUN = re.compile(rf"(?<![\d.,])(\d+) ({NOUNS})\b")

# Where a rule's word is the point, not a slip: the function that chooses the word by sex
# falls back to both only when the sex is unknown.
EXEMPT = {("domain/ro.py", "gendered: Subsemnatul/Subsemnata")}

TAG = re.compile(r"<[^>]*>")
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


def template_text(source: str) -> list[str]:
    """The text between tags, Jinja code removed (what a reader sees, give or take a value)."""
    without_code = JINJA.sub(" ", source)
    return [line for line in TAG.sub("\n", without_code).splitlines() if line.strip()]


def python_prose(source: str) -> list[str]:
    """String literals that read as prose: with a space and a letter, not docstrings, not log
    lines; Jinja inside them (the Word templates' text) removed."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and " " in node.value.strip()
            and re.search(r"[a-zăâîșț]", node.value)
        ):
            if "%s" in node.value:
                continue  # a log line for the operators, in English on purpose
            found.append(JINJA.sub(" ", node.value))
    return found


def texts() -> list[tuple[str, str]]:
    result = []
    for folder in TEMPLATE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".html", ".txt") and path.is_file():
                name = str(path.relative_to(ROOT))
                result += [(name, text) for text in template_text(path.read_text("utf-8"))]
    for folder in PYTHON_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            result += [(name, text) for text in python_prose(path.read_text("utf-8"))]
    return result


def hits() -> list[tuple[str, str, str]]:
    found = []
    for name, text in texts():
        for rule, pattern in RULES.items():
            if pattern.search(text):
                found.append((name, rule, text.strip()[:120]))
        for match in NUMBER_BEFORE_NOUN.finditer(text):
            number = int(match[1])
            if number >= 20 and (number % 100 == 0 or number % 100 >= 20):
                found.append((name, "number ≥ 20 without de", match[0]))
    return found


# A number from a variable before its noun: only count_of() knows whether it takes "de".
COUNTED_IN_TEMPLATE = re.compile(rf"\}}\}} (?:de )?({NOUNS})\b")


def test_template_numbers_go_through_count_of():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for line in path.read_text("utf-8").splitlines():
            if COUNTED_IN_TEMPLATE.search(line):
                found.append(f"{path.relative_to(ROOT)}: {line.strip()[:120]}")
    assert not found, "\n".join(found)


def test_user_facing_text_follows_the_house_wording():
    problems = [hit for hit in hits() if (hit[0], hit[1]) not in EXEMPT]
    assert not problems, "\n".join(f"{name}: {rule}: {text!r}" for name, rule, text in problems)


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Cererea dvs. a fost trimisă", "dvs."),
        ("Adresa de email", "email for e-mail"),
        ("Email (numele de utilizator)", "email for e-mail"),
        ("Parola a fost setată", "anglicism (re)setat"),
        ("Ați fost deconectat", "gendered: deconectat"),
        ("Subsemnatul/Subsemnata Ion", "gendered: Subsemnatul/Subsemnata"),
    ],
)
def test_each_rule_catches_what_it_is_for(text, rule):
    assert RULES[rule].search(text)


@pytest.mark.parametrize(
    "text", ["Adresa de e-mail", "ana@example.ro", "e-mailul", "dumneavoastră", "Subsemnata Ana"]
)
def test_the_rules_leave_correct_wording_alone(text):
    assert not any(pattern.search(text) for pattern in RULES.values())


def test_numbers_from_20_need_de():
    assert NUMBER_BEFORE_NOUN.search("după 30 minute")
    assert not NUMBER_BEFORE_NOUN.search("după 30 de minute")
    found = [m[1] for m in NUMBER_BEFORE_NOUN.finditer("7 zile, 101 zile, 20 zile")]
    assert found == ["7", "101", "20"]  # hits() keeps only 20 here: 7 and 101 take no "de"


def test_templates_and_python_prose_are_read_as_people_see_them():
    assert template_text('<p class="email">{{ email }} Adresa de email</p>') == [
        "  Adresa de email"
    ]
    assert python_prose('"""Doc email."""\nx = "email"\ny = "Adresa de email"') == [
        "Adresa de email"
    ]
