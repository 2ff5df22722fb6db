"""The career record of one insured person, as the import brings it.

Four kinds of rows, each keyed as the import keys it (so that a second import of the same file
changes nothing):
- a monthly contribution record since April 2001, keyed by (CNP, month, employer CUI);
- a work-book entry before April 2001, keyed by (CNP, employer, start);
- an assimilated period (military service, university, child care, ...), keyed by (CNP, kind, start);
- the annual points already established by a decision, keyed by (CNP, year).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

CONDITIONS = ("normale", "deosebite", "speciale")
SALARY_KINDS = ("brut", "net")
WORK_BOOK_GROUPS = ("", "I", "II")
PAY_UNITS = ("luna", "zi", "ora")
ASSIMILATED_KINDS = (
    "serviciu_militar",
    "studii_universitare",
    "crestere_copil",
    "concediu_medical",
    "somaj",
)


@dataclass(frozen=True, slots=True)
class MonthlyContribution:
    month: date  # the first day of the month
    employer_cui: str
    employer_name: str
    days: int  # days insured in that month
    gross_income: Decimal  # the insured income declared, lei
    conditions: str = "normale"  # one of CONDITIONS
    pillar2: bool = False


@dataclass(frozen=True, slots=True)
class WorkBookEntry:
    employer: str
    start: date
    end: date  # inclusive
    function: str
    salary: Decimal  # as the book records it, in the currency of the time (ROL before 2005)
    salary_kind: str = "brut"  # one of SALARY_KINDS
    group: str = ""  # one of WORK_BOOK_GROUPS: "I" special, "II" deosebite conditions
    pay_unit: str = "luna"  # one of PAY_UNITS
    hours_or_days: int | None = None  # where the book records hourly or daily pay


@dataclass(frozen=True, slots=True)
class AssimilatedPeriod:
    kind: str  # one of ASSIMILATED_KINDS
    start: date
    end: date  # inclusive
    document: str


@dataclass(frozen=True, slots=True)
class DecidedPoints:
    year: int
    points: Decimal
    decision: str  # the decision that established them


@dataclass(frozen=True, slots=True)
class CareerRecord:
    cnp: str
    current_to: date | None  # "date actualizate la"
    monthly: tuple[MonthlyContribution, ...] = field(default_factory=tuple)
    work_book: tuple[WorkBookEntry, ...] = field(default_factory=tuple)
    assimilated: tuple[AssimilatedPeriod, ...] = field(default_factory=tuple)
    decided: tuple[DecidedPoints, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not (self.monthly or self.work_book or self.assimilated or self.decided)
