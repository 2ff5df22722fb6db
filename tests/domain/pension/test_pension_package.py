"""The package stays pure (no Flask) and writes Romanian with comma-below ș and ț."""

import subprocess
import sys
from pathlib import Path

import pytest

import domain.pension
from domain.pension import PensionInputError, estimate_from_query
from domain.pension.tables import DATA

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = Path(domain.pension.__file__).parent
CEDILLA = "şţŞŢ"


def test_importing_the_package_does_not_load_flask():
    code = (
        "import sys, domain.pension\n"
        "domain.pension.estimate_from_query({'start_date': '2025-09-01', 'points': '30'})\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('flask', 'werkzeug', 'sqlalchemy', 'jinja2'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "path",
    sorted(PACKAGE.glob("*.py")) + sorted(DATA.glob("*")),
    ids=lambda path: path.name,
)
def test_no_cedilla_letters_in_code_or_data(path):
    text = path.read_text(encoding="utf-8")
    assert not any(letter in text for letter in CEDILLA)


def test_every_data_file_is_described_in_sources():
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for path in DATA.glob("*.csv"):
        assert f"`{path.name}`" in sources


def test_error_messages_use_comma_below_diacritics():
    messages = []
    for params in (
        {"start_date": "2025-02-30"},
        {"start_date": "2025-09-01"},
        {"start_date": "2025-09-01", "income": "1995:100"},
        {"start_date": "2025-09-01", "points": "1", "sex": "F"},
        {"start_date": "2025-09-01", "points": "1", "invalidity_grade": "V"},
    ):
        try:
            estimate_from_query(params)
        except PensionInputError as error:
            messages.append(error.message)
    assert len(messages) == 5
    text = " ".join(messages)
    assert not any(letter in text for letter in CEDILLA)
    assert "ș" in text or "ț" in text
