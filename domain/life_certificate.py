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
# Four weeks: a consulate or patronato appointment and the post from abroad take longer than two.
REMINDER_DAYS = 28
# The calendar's alarms ring this long after the start of an all-day event: 09:00 that day.
ALARM_AFTER_MIDNIGHT = "PT9H"
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


def late_sentence(window: Window, *, every_year: bool = False) -> str:
    """`every_year` leaves the years out, for a calendar event that comes back each year."""
    deadline = ro.day_and_month(window.closes) if every_year else ro.long_date(window.closes)
    month = ro.month_name if every_year else ro.month
    return (
        f"Dacă certificatul nu ajunge la casa de pensii până la {deadline}, "
        f"plata pensiei se suspendă începând cu luna {month(window.suspended_from)}. "
        "Plata se reia de la data suspendării, deci primiți și banii pentru lunile în care a "
        f"fost suspendată, după ce casa de pensii primește certificatul ({LAW})."
    )


def accepted_sentence(window: Window, *, every_year: bool = True) -> str:
    """From when a certificate counts for a window: the authority must have certified it within
    the window, so one certified before it opens (in December, say) is too early."""
    if every_year:
        closes, opens = ro.day_and_month(window.closes), ro.day_and_month(window.opens)
    else:
        closes, opens = ro.long_date(window.closes), ro.long_date(window.opens)
    return (
        f"Pentru termenul din {closes}, certificatul trebuie semnat și ștampilat de autoritate "
        f"cel mai devreme pe {opens}; unul certificat înainte de {opens} nu este primit pentru "
        "acest termen."
    )


def accepted_sentences() -> list[str]:
    """One sentence per window of the year, from the windows table."""
    return [accepted_sentence(window) for window in windows_of(2001)]  # any year: no years shown


def calendar_contents() -> str:
    """What the calendar file holds, in a sentence for the page that links it."""
    sample = windows_of(2001)  # any year: only days and months are shown
    opens = ro.and_list([ro.day_and_month(window.opens) for window in sample])
    reminders = ro.and_list([ro.day_and_month(window.reminder) for window in sample])
    weeks = ro.count(REMINDER_DAYS // 7, "săptămână", "săptămâni", single="o săptămână")
    return (
        f"În fiecare an, calendarul vă amintește pe {opens}, când se poate trimite "
        f"certificatul, cu {weeks} înainte de fiecare termen ({reminders}) "
        "și în ziua termenului, la ora 9:00."
    )


# --- The calendar file (RFC 5545): each window's opening day, a reminder and the deadline,
# repeating every year so that the file keeps working after it is imported once.

_LINE_OCTETS = 75
_UID_HOST = re.compile(r"[^A-Za-z0-9.-]")


@dataclass(frozen=True)
class _Event:
    kind: str  # part of the UID
    first: dt.date  # the first occurrence on or after today
    summary: str
    description: str
    window_closes: dt.date  # names the window in the UID, whatever the year


def _first_on_or_after(today: dt.date, row: int, pick) -> dt.date:
    """The first year's date, for window `row` of the table, that is not before today."""
    year = today.year
    while (day := pick(windows_of(year)[row])) < today:
        year += 1
    return day


def _events(today: dt.date, page_url: str) -> list[_Event]:
    link = f"Completați-l și tipăriți-l la {page_url}"
    events = []
    for row in range(len(WINDOWS)):
        for kind, pick in (
            ("deschidere", lambda w: w.opens),
            ("amintire", lambda w: w.reminder),
            ("termen", lambda w: w.closes),
        ):
            first = _first_on_or_after(today, row, pick)
            window = windows_of(first.year)[row]
            closes = ro.day_and_month(window.closes)
            if kind == "deschidere":
                summary = "Se poate trimite certificatul de viață (pensie)"
                text = (
                    f"De astăzi și până la {closes} se poate trimite certificatul de viață. "
                    f"{accepted_sentence(window)}"
                )
            elif kind == "amintire":
                summary = "Trimiteți certificatul de viață (pensie)"
                text = (
                    f"Certificatul de viață trebuie să ajungă la casa de pensii până la {closes}, "
                    f"peste {ro.count(REMINDER_DAYS, 'zi', 'zile', single='o zi')}. Dacă îl "
                    "trimiteți prin poștă din străinătate, trimiteți-l acum."
                )
            else:
                summary = "Ultima zi pentru certificatul de viață (pensie)"
                text = late_sentence(window, every_year=True)
            events.append(_Event(kind, first, summary, f"{text}\n{link}", window.closes))
    return sorted(events, key=lambda event: event.first)


def calendar_file(today: dt.date, *, stamp: dt.datetime, host: str, page_url: str) -> str:
    """An iCalendar file, CRLF line endings and lines folded at 75 octets.

    Each event repeats every year from its first occurrence on or after today. The UID names the
    window and the kind of event, not the year or the download, so that importing the file again
    later updates the same events instead of doubling them.
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
    for event in _events(today, page_url):
        lines += [
            "BEGIN:VEVENT",
            f"UID:certificat-de-viata-{event.window_closes:%m%d}-{event.kind}@{host}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{event.first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.first + dt.timedelta(days=1):%Y%m%d}",
            "RRULE:FREQ=YEARLY",
            "SUMMARY:" + _text(event.summary),
            "DESCRIPTION:" + _text(event.description),
            "URL:" + page_url,
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            # Relative to the start of the all-day event, i.e. local midnight that day.
            f"TRIGGER:{ALARM_AFTER_MIDNIGHT}",
            "DESCRIPTION:" + _text(event.summary),
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
