"""Checks shared by the public functions, each failing with PensionInputError.

The limits here protect the site (absurd sizes, typing slips); the law's own values are in data/.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.periods import Stage
from domain.pension.tables import first_data_year

MAX_INCOME_ENTRIES = 1000
MAX_AMOUNT = Decimal(1_000_000_000)
MAX_POINTS = Decimal(10_000)
MAX_MONTH_COUNT = 1200  # 100 years
MAX_STAGE_YEARS = 70
MAX_CHILDREN = 30
LAST_YEAR = 2100


def check_date(value: object, parameter: str) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise PensionInputError(parameter, "Lipsește data sau nu este o dată (AAAA-LL-ZZ).")
    if value.year < first_data_year():
        raise PensionInputError(
            parameter,
            f"Data {ro.short_date(value)} este prea veche: calculul acceptă date din "
            f"{first_data_year()} încoace (anexa nr. 7 la Legea nr. 360/2023 începe cu "
            f"{first_data_year()}).",
        )
    if value.year > LAST_YEAR:
        raise PensionInputError(parameter, f"Data {ro.short_date(value)} este prea îndepărtată.")
    return value


def check_decimal(value: object, parameter: str, maximum: Decimal) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise PensionInputError(parameter, "Valoarea trebuie să fie un număr.")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        raise PensionInputError(parameter, f"„{value}” nu este un număr.") from None
    if not number.is_finite():
        raise PensionInputError(parameter, "Valoarea trebuie să fie un număr.")
    if number < 0:
        raise PensionInputError(parameter, "Valoarea nu poate fi negativă.")
    if number > maximum:
        raise PensionInputError(parameter, f"Valoarea depășește limita de {ro.number(maximum)}.")
    return number


def check_int(value: object, parameter: str, maximum: int, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PensionInputError(parameter, "Valoarea trebuie să fie un număr întreg.")
    if value < minimum:
        if minimum == 0:
            raise PensionInputError(parameter, "Valoarea nu poate fi negativă.")
        raise PensionInputError(parameter, f"Valoarea trebuie să fie cel puțin {minimum}.")
    if value > maximum:
        raise PensionInputError(parameter, f"Valoarea trebuie să fie cel mult {maximum}.")
    return value


def check_sex(value: object, parameter: str = "sex") -> str:
    if value not in ("F", "M"):
        raise PensionInputError(parameter, "Sexul se scrie F (femeie) sau M (bărbat).")
    return str(value)


def check_stage(stage: object) -> Stage | None:
    """A contributory stage of whole years (at most MAX_STAGE_YEARS), months and days."""
    if stage is None:
        return None
    if not isinstance(stage, Stage):
        raise PensionInputError("contributory_years", "Stagiul de cotizare lipsește sau e greșit.")
    check_int(stage.years, "contributory_years", MAX_STAGE_YEARS)
    check_int(stage.months, "contributory_months", 11)
    check_int(stage.days, "contributory_days", 30)
    return stage
