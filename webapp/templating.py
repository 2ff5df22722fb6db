"""Romanian date formatting for pages (Babel), in Bucharest time."""

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask import Flask

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


def init_app(app: Flask) -> None:
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["time_of_day"] = time_of_day
