"""Romanian date formatting for pages (Babel), in Bucharest time."""

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask import Flask

ROMANIA = ZoneInfo("Europe/Bucharest")


def long_date(value: dt.date | dt.datetime) -> str:
    """22 noiembrie 2026"""
    if isinstance(value, dt.datetime):
        value = value.astimezone(ROMANIA).date()
    return format_date(value, format="long", locale="ro")


def time_of_day(value: dt.datetime) -> str:
    """14:05, Bucharest time"""
    return format_time(value.astimezone(ROMANIA), format="HH:mm", locale="ro")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["time_of_day"] = time_of_day
