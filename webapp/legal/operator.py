"""Who runs the site, from configuration (webapp/config.py LEGAL_SETTINGS).

Nothing here has a default: an operator, a DPO or a date nobody confirmed would be untrue on a
page about the law. A missing value is shown as the setting that must be filled in.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from flask import current_app


@dataclass(frozen=True)
class Operator:
    name: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    dpo_email: str = ""
    dpo_address: str = ""
    accessibility_email: str = ""
    statement_date: dt.date | None = None

    @classmethod
    def from_config(cls, config: Mapping) -> "Operator":
        def text(name: str) -> str:
            return (config.get(name) or "").strip()

        return cls(
            name=text("OPERATOR_NAME"),
            address=text("OPERATOR_ADDRESS"),
            email=text("OPERATOR_EMAIL"),
            phone=text("OPERATOR_PHONE"),
            dpo_email=text("DPO_EMAIL"),
            dpo_address=text("DPO_ADDRESS"),
            accessibility_email=text("ACCESSIBILITY_FEEDBACK_EMAIL"),
            statement_date=_date(text("ACCESSIBILITY_STATEMENT_DATE")),
        )

    @property
    def has_contacts(self) -> bool:
        return bool(self.address or self.email or self.phone)


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        # A typo in the setting is the same as no date: the page asks for it to be set.
        return None


def current_operator() -> Operator:
    return Operator.from_config(current_app.config)
