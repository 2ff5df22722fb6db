"""When pensioners living abroad send the life certificate, and what a late one costs.

Law 360/2023 art. 98(5): the certificate is sent every half year, by 31 March and by 30 September;
CNPP Order 874/2024 opens the windows on 1 January and 1 July. Art. 101(1)f: a certificate that
is not sent in time suspends the payment from the month after the deadline; art. 102(1)h: once it
arrives, the payment resumes from the date of the suspension, i.e. with the months missed.

No Flask here: the pages, the printout and the calendar file all take "today" as an argument
(the Bucharest date, domain.ro.today), so that any date can be tested.
"""

import datetime as dt
import re
from dataclasses import dataclass

from domain import ro

# (first month, first day, last month, last day) of each window, in calendar order.
WINDOWS = ((1, 1, 3, 31), (7, 1, 9, 30))
REMINDER_DAYS = 14
LAW = "art. 101 alin. (1) lit. f) și art. 102 alin. (1) lit. h) din Legea nr. 360/2023"


@dataclass(frozen=True)
class Window:
    opens: dt.date
    closes: dt.date  # the deadline, the last day of the window

    def contains(self, day: dt.date) -> bool:
        return self.opens <= day <= self.closes

    @property
    def suspended_from(self) -> dt.date:
        """First day of the month in which a missing certificate stops the payment."""
        return self.closes + dt.timedelta(days=1)

    @property
    def reminder(self) -> dt.date:
        return self.closes - dt.timedelta(days=REMINDER_DAYS)


@dataclass(frozen=True)
class Status:
    today: dt.date
    current: Window | None  # the window open today, if any
    upcoming: Window  # the next window to open after today
    deadlines: tuple[dt.date, dt.date]  # the next two deadlines, today's included

    @property
    def days_left(self) -> int | None:
        """Days after today until the current window closes (0 on its last day)."""
        return (self.current.closes - self.today).days if self.current else None

    @property
    def next_to_close(self) -> Window:
        return self.current or self.upcoming


def windows_of(year: int) -> tuple[Window, Window]:
    return tuple(Window(dt.date(year, m1, d1), dt.date(year, m2, d2)) for m1, d1, m2, d2 in WINDOWS)


def windows_from(day: dt.date):
    """Every window that has not closed before `day`, in order."""
    year = day.year
    while True:
        for window in windows_of(year):
            if window.closes >= day:
                yield window
        year += 1


def status(today: dt.date) -> Status:
    windows = windows_from(today)
    first = next(windows)
    second = next(windows)
    if first.contains(today):
        return Status(today, first, second, (first.closes, second.closes))
    return Status(today, None, first, (first.closes, second.closes))


def headline(state: Status) -> str:
    """The one sentence the start page leads with."""
    if state.current is None:
        window = state.upcoming
        return (
            f"Următoarea perioadă de trimitere se deschide pe {ro.long_date(window.opens)} "
            f"și se încheie pe {ro.long_date(window.closes)}."
        )
    closes = ro.long_date(state.current.closes)
    if state.days_left == 0:
        return f"Perioada curentă se încheie astăzi, {closes}: este ultima zi de trimitere."
    if state.days_left == 1:
        return f"Perioada curentă se încheie mâine, {closes}."
    days = ro.count(state.days_left, "zi", "zile", single="o zi")
    return f"Perioada curentă se încheie pe {closes}, peste {days}."


def late_sentence(window: Window) -> str:
    return (
        f"Dacă certificatul nu ajunge la casa de pensii până la {ro.long_date(window.closes)}, "
        f"plata pensiei se suspendă începând cu luna {ro.month(window.suspended_from)}. "
        "Plata se reia de la data suspendării, deci primiți și banii pentru lunile în care a "
        f"fost suspendată, după ce casa de pensii primește certificatul ({LAW})."
    )


# --- The calendar file (RFC 5545): the next two deadlines, each with a reminder

_LINE_OCTETS = 75
_UID_HOST = re.compile(r"[^A-Za-z0-9.-]")


def calendar_file(today: dt.date, *, stamp: dt.datetime, host: str, page_url: str) -> str:
    """An iCalendar file, CRLF line endings and lines folded at 75 octets.

    The UID names the deadline, not the download, so that importing the file again a month later
    updates the same events instead of doubling them.
    """
    host = _UID_HOST.sub("", host) or "portal-pensii"
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Portal pensii//Certificat de viata//RO",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _text("Certificatul de viață – termene"),
    ]
    windows = windows_from(today)
    for window in (next(windows), next(windows)):
        deadline = ro.long_date(window.closes)
        lines += [
            "BEGIN:VEVENT",
            f"UID:certificat-de-viata-{window.closes:%Y%m%d}@{host}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{window.closes:%Y%m%d}",
            f"DTEND;VALUE=DATE:{window.closes + dt.timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + _text("Ultima zi pentru certificatul de viață (pensie)"),
            "DESCRIPTION:"
            + _text(f"{late_sentence(window)}\nCompletați-l și tipăriți-l la {page_url}"),
            "URL:" + page_url,
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:-P{REMINDER_DAYS}D",
            "DESCRIPTION:"
            + _text(
                f"Peste două săptămâni, pe {deadline}, expiră termenul certificatului de viață."
            ),
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 asks."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines of at most 75 octets; a continuation starts with a space, which counts in its 75.
    Cuts fall between characters, never inside a multi-byte UTF-8 sequence."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > _LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)
