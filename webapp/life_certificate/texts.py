"""The sentences of the life-certificate pages that are worked out from today's date, in the
page's language.

Romanian pages take them from domain.life_certificate, as the printout and the calendar file do;
a page in another language says the same thing through the catalogues (the msgids are those
sentences' Romanian templates), with its dates written the way that language writes them.
"""

import datetime as dt

from babel.dates import format_skeleton
from babel.lists import format_list
from flask_babel import gettext, ngettext

from domain import life_certificate as windows
from webapp.i18n import long_date, month_year, page_language, translating


def _day_and_month(day: dt.date) -> str:
    """ "31 martie", "March 31", "31. März", "március 31."."""
    return format_skeleton("MMMMd", day, locale=page_language())


def _and_list(items: list[str]) -> str:
    return format_list(items, locale=page_language())


def headline(state: windows.Status) -> str:
    if not translating():
        return windows.headline(state)
    if state.current is None:
        window = state.upcoming
        return gettext(
            "Următoarea perioadă de trimitere se deschide pe %(opens)s și se încheie pe "
            "%(closes)s.",
            opens=long_date(window.opens),
            closes=long_date(window.closes),
        )
    closes = long_date(state.current.closes)
    if state.days_left == 0:
        return gettext(
            "Perioada curentă se încheie astăzi, %(closes)s: este ultima zi de trimitere.",
            closes=closes,
        )
    if state.days_left == 1:
        return gettext("Perioada curentă se încheie mâine, %(closes)s.", closes=closes)
    return ngettext(
        "Perioada curentă se încheie pe %(closes)s, peste %(num)d zi.",
        "Perioada curentă se încheie pe %(closes)s, peste %(num)d zile.",
        state.days_left,
        closes=closes,
    )


def late_sentence(window: windows.Window) -> str:
    if not translating():
        return windows.late_sentence(window)
    return gettext(
        "Dacă certificatul nu ajunge la casa de pensii până la %(deadline)s, plata pensiei se "
        "suspendă începând cu luna %(month)s. Plata se reia de la data suspendării, deci "
        "primiți și banii pentru lunile în care a fost suspendată, după ce casa de pensii "
        "primește certificatul (art. 101 alin. (1) lit. f) și art. 102 alin. (1) lit. h) din "
        "Legea nr. 360/2023).",
        deadline=long_date(window.closes),
        month=month_year(window.suspended_from),
    )


def accepted_sentence(window: windows.Window, *, every_year: bool = True) -> str:
    if not translating():
        return windows.accepted_sentence(window, every_year=every_year)
    day = _day_and_month if every_year else long_date
    return gettext(
        "Pentru termenul din %(closes)s, certificatul trebuie semnat și ștampilat de autoritate "
        "cel mai devreme pe %(opens)s; unul certificat înainte de %(opens)s nu este primit "
        "pentru acest termen.",
        closes=day(window.closes),
        opens=day(window.opens),
    )


def accepted_sentences() -> list[str]:
    if not translating():
        return windows.accepted_sentences()
    return [accepted_sentence(window) for window in windows.windows_of(2001)]


def calendar_contents() -> str:
    if not translating():
        return windows.calendar_contents()
    sample = windows.windows_of(2001)  # any year: only days and months are shown
    weeks = windows.REMINDER_DAYS // 7
    return ngettext(
        "În fiecare an, calendarul vă amintește pe %(opens)s, când se poate trimite "
        "certificatul, cu %(num)d săptămână înainte de fiecare termen (%(reminders)s) și în "
        "ziua termenului, la ora 9:00.",
        "În fiecare an, calendarul vă amintește pe %(opens)s, când se poate trimite "
        "certificatul, cu %(num)d săptămâni înainte de fiecare termen (%(reminders)s) și în "
        "ziua termenului, la ora 9:00.",
        weeks,
        opens=_and_list([_day_and_month(window.opens) for window in sample]),
        reminders=_and_list([_day_and_month(window.reminder) for window in sample]),
    )
