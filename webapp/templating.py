"""Everything templates can call: the only place that registers Jinja globals and filters.

Romanian date formatting for pages (Babel), in Bucharest time; the counter's and the pension
pages' helpers are registered here too, for every template, so no blueprint adds its own.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask import Flask

from domain.reference.counties import county
from forms.base import iter_fields
from webapp.htmx import has_errors
from webapp.pension.pages import TOPICS, lei_text, points_text, ro_day, ro_number

ROMANIA = ZoneInfo("Europe/Bucharest")


def in_romania(value: dt.datetime) -> dt.datetime:
    # Stored times are UTC; SQLite hands them back without a zone.
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(ROMANIA)


def long_date(value: dt.date | dt.datetime) -> str:
    """22 noiembrie 2026"""
    if isinstance(value, dt.datetime):
        value = in_romania(value).date()
    return format_date(value, format="long", locale="ro")


def time_of_day(value: dt.datetime) -> str:
    """14:05, Bucharest time"""
    return format_time(in_romania(value), format="HH:mm", locale="ro")


def county_house(code: str) -> str:
    return county(code).house_name


def count_of(number: int, one: str, many: str) -> str:
    """1 cerere, 19 cereri, 20 de cereri, 101 cereri: Romanian puts "de" after 20-99 and 00."""
    if number == 1:
        return f"1 {one}"
    tail = number % 100
    return f"{number} de {many}" if number and (tail == 0 or tail >= 20) else f"{number} {many}"


def staff_time(value: dt.datetime | None) -> str:
    """14.05.2026, 10:32 in Bucharest time; SQLite hands back naive UTC."""
    if value is None:
        return ""
    return in_romania(value).strftime("%d.%m.%Y, %H:%M")


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        has_errors=has_errors,
        form_fields=iter_fields,
        county_house=county_house,
        count_of=count_of,
        ro_date=ro_day,
        ro_number=ro_number,
        points_text=points_text,
        lei_text=lei_text,
        topics=TOPICS,
    )
    app.jinja_env.filters["staff_time"] = staff_time
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["time_of_day"] = time_of_day
