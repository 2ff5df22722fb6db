"""From question forms to what is kept: the raw boxes for a draft, the validated answers for a
printout or a request, and the rows of a check-your-answers page declared as a table."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from domain import ro
from forms.base import iter_fields
from forms.messages import N_

OPTIONAL = " (opțional)"

HONEYPOT = "website"
ROW = re.compile(r"^(?P<list>[a-z_]+)-(?P<index>[0-9]{1,2})-(?P<field>[a-z_]+)$", re.ASCII)
ROW_LIKE = re.compile(r"^[a-z_]+_persons-")


def plain_rows(formdata: MultiDict) -> MultiDict:
    """Drop row keys WTForms would choke on ("natural_persons-²-cnp", a 5,000-digit index)."""
    return MultiDict(
        (key, value)
        for key, value in formdata.items(multi=True)
        if not ROW_LIKE.match(key) or ROW.match(key)
    )


def raw_values(form) -> dict[str, str]:
    """What is in each box now, valid or not, keyed by the input's name."""
    values = {}
    for field in iter_fields(form):
        if field.name == HONEYPOT:
            continue
        if field.type == "DateField":
            values[field.name] = field.text
        elif field.type == "BooleanField":
            # A checkbox comes back as "y" or not at all; str(False) would read back as ticked.
            values[field.name] = "y" if field.data else ""
        else:
            values[field.name] = "" if field.data is None else str(field.data)
    return values


def without_row(formdata: MultiDict, list_name: str, index: int) -> MultiDict:
    """The submitted rows of one list, less row `index`, renumbered from 0."""
    rows: dict[int, list[tuple[str, str]]] = {}
    result = MultiDict()
    for key, value in formdata.items(multi=True):
        match = ROW.match(key)
        if match and match["list"] == list_name:
            rows.setdefault(int(match["index"]), []).append((match["field"], value))
        else:
            result.add(key, value)
    kept = [rows[i] for i in sorted(rows) if i != index]
    for new_index, row in enumerate(kept):
        for name, value in row:
            result.add(f"{list_name}-{new_index}-{name}", value)
    return result


def stored(value):
    """A field's value as JSON keeps it: dates as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def answers_from(*forms, skip=()) -> dict:
    """The validated answers of `forms`, in page order, JSON-ready; the honeypot never."""
    return {
        field.name: stored(field.data)
        for form in forms
        for field in iter_fields(form)
        if field.name != HONEYPOT and field.name not in skip
    }


def display(field) -> str:
    """A validated answer as the person reads it back: the label of a choice, a date as 14.05.1958."""
    if field.type in ("SelectField", "RadioField"):
        return {choice.value: choice.label for choice in field.choices}.get(field.data, "")
    if field.type == "DateField":
        return ro.short_date(field.data) if field.data else ""
    return field.data or ""


def summary_rows(form, names) -> list[tuple[str, str, str]]:
    """(question, answer, field name) for each of `names` that has an answer."""
    rows = []
    for name in names:
        field = form[name]
        value = display(field)
        if name == "id_expires_on" and not value:
            value = "valabilitate nelimitată"
        if value:
            label = field.label.text
            if label.endswith(OPTIONAL):
                # Still a text to translate (forms.messages): the question without the word.
                label = N_(label.removesuffix(OPTIONAL))
            rows.append((label, value, name))
    return rows


CHANGE = "schimbare"


def change_url(page_url: str, field_name: str) -> str:
    """The question's page, told which answer is changed: it takes focus there (autofocus, which
    also scrolls to it) and "Continuați" returns to the check page (M15). No #fragment: with one,
    browsers skip autofocus."""
    return f"{page_url}?{urlencode({CHANGE: field_name})}"


@dataclass(frozen=True)
class Section:
    """One card of a check-your-answers page: its title, the page (step) whose form answers it,
    and either the names of the fields shown or a function that makes its rows, as
    (question, answer) or (question, answer, the field that answers it)."""

    title: str
    step: str
    fields: tuple[str, ...] = ()
    rows: Callable | None = None


def sections(forms: dict, table, change_urls: dict) -> list[dict]:
    """The check-your-answers cards of `table` over the validated forms, keyed by step; with a
    page's address in `change_urls`, each answer links to its question."""
    result = []
    for section in table:
        if section.step not in forms:
            continue  # a page asked only when it applies, and it did not
        form = forms[section.step]
        rows = section.rows(form) if section.rows else summary_rows(form, section.fields)
        page_url = change_urls.get(section.step, "")
        rows = [with_change_link(row, page_url) for row in rows]
        result.append(
            {
                "title": section.title,
                "rows": rows,
                "change_url": page_url,
                "rows_linked": any(row[2] for row in rows),
            }
        )
    return result


def with_change_link(row: tuple, page_url: str) -> tuple[str, str, str]:
    """(question, answer, the address that changes it, or "")."""
    label, value, *name = row
    return (label, value, change_url(page_url, name[0]) if page_url and name else "")
