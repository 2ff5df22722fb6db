"""Whole numbers in addresses stay within the database's integer columns."""

from werkzeug.routing import IntegerConverter

# PostgreSQL's INTEGER is 32-bit: a bigger number in an address would abort the transaction
# (a 500) instead of finding nothing (a 404).
LARGEST_ROW_ID = 2**31 - 1


class RowNumberConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST_ROW_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app) -> None:
    app.url_map.converters["int"] = RowNumberConverter


def whole_number(text: str | None) -> int | None:
    """A number typed in a query string or a form, or None: ASCII digits only (str.isdigit()
    accepts "²", which int() refuses) and no larger than a row id."""
    # The length first: int() refuses strings of more than 4,300 digits.
    if not text or not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if number <= LARGEST_ROW_ID else None
