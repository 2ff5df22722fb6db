"""The terms of a petition (OG 27/2002).

COUNTER's part, kept small so that CITIZEN's answer deadline (art. 8) merges beside it:
- the extension (art. 9): the term in force moves by up to 15 days, once, and the petitioner is
  told before the term runs out;
- the forwarding window (art. 6(1)): a petition sent to the wrong county house is sent on
  within 5 days of its registration.

Days here are calendar days, as the ordinance counts them ("în termen de 5 zile", "cu cel mult
15 zile"): the extension is added to the deadline in force, whatever day of the week it is.
"""

import datetime as dt

MAX_EXTENSION_DAYS = 15
FORWARDING_DAYS = 5


def extended_deadline(due_on: dt.date, days: int = MAX_EXTENSION_DAYS) -> dt.date:
    """The deadline after an extension of `days` (1 to 15) from the deadline in force."""
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValueError(f"an extension is 1 to {MAX_EXTENSION_DAYS} days, not {days}")
    return due_on + dt.timedelta(days=days)


def forwarding_deadline(registered_on: dt.date) -> dt.date:
    """The last day on which a petition registered on `registered_on` may be forwarded."""
    return registered_on + dt.timedelta(days=FORWARDING_DAYS)
