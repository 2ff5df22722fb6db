"""The Jinja filters and globals that write Romanian: the functions live in domain.ro."""

from flask import Flask

from domain import ro


def init_app(app: Flask) -> None:
    app.jinja_env.filters["long_date"] = ro.long_date
    app.jinja_env.filters["time_of_day"] = ro.time_of_day
    # "14.05.2026, 10:32" on the counter's screens; an empty cell when there is no moment.
    app.jinja_env.filters["staff_time"] = _date_time_or_empty
    app.jinja_env.globals["count_of"] = ro.count
    app.jinja_env.globals["ro_date"] = ro.short_date
    app.jinja_env.globals["ro_number"] = ro.number


def _date_time_or_empty(value) -> str:
    return "" if value is None else ro.date_time(value)
