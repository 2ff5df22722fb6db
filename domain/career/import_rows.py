"""The career record's import format: parsing and validating a whole file, before anything is
written. Pure: the caller reads the file and writes the result.

One file (CSV or JSON) holds rows of five kinds, told apart by the column `tip`:

- `actualizare`: `date_actualizate_la`, the day the register's data for this CNP is current to
  (exactly one per CNP in the file);
- `luna`: a monthly contribution record since April 2001: `luna` (AAAA-LL), `cui_angajator`,
  `angajator`, `zile`, `venit_brut`, `conditii` (normale / deosebite / speciale), `pilon2` (da / nu);
- `carnet`: a work-book entry before April 2001: `angajator`, `de_la`, `pana_la`, `functia`,
  `salariu`, `tip_salariu` (brut / net), `grupa` (empty, I, II), `unitate_plata` (luna / zi / ora),
  `ore_sau_zile` (for pay by the day or the hour);
- `asimilat`: an assimilated period: `fel`, `de_la`, `pana_la`, `document`;
- `punctaj`: annual points established by a decision: `an`, `puncte`, `decizie`.

Every row has `tip` and `cnp`; columns a row's kind does not use stay empty. Every bad row is
named (its line in a CSV, its position in a JSON list) with what is wrong, in Romanian; a file
with any error gives no records at all (`ParsedFile.records` is empty), so it is refused whole.
"""

import calendar
import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from domain import ro
from domain.career import record as career
from domain.identifiers import cnp_birth_date, compact_cui, is_valid_cnp, is_valid_cui

KINDS = ("actualizare", "luna", "carnet", "asimilat", "punctaj")
# Every column, in the order the README documents them (and a CSV export writes them).
COLUMNS = (
    "tip",
    "cnp",
    "date_actualizate_la",
    "luna",
    "cui_angajator",
    "angajator",
    "zile",
    "venit_brut",
    "conditii",
    "pilon2",
    "de_la",
    "pana_la",
    "functia",
    "salariu",
    "tip_salariu",
    "grupa",
    "unitate_plata",
    "ore_sau_zile",
    "fel",
    "document",
    "an",
    "puncte",
    "decizie",
)
# What each kind of row fills in, besides tip and cnp; anything else must be empty.
KIND_COLUMNS = {
    "actualizare": ("date_actualizate_la",),
    "luna": ("luna", "cui_angajator", "angajator", "zile", "venit_brut", "conditii", "pilon2"),
    "carnet": (
        "angajator",
        "de_la",
        "pana_la",
        "functia",
        "salariu",
        "tip_salariu",
        "grupa",
        "unitate_plata",
        "ore_sau_zile",
    ),
    "asimilat": ("fel", "de_la", "pana_la", "document"),
    "punctaj": ("an", "puncte", "decizie"),
}
FIRST_MONTH = date(2001, 4, 1)  # monthly declarations start in April 2001
LAST_WORK_BOOK_DAY = date(2001, 3, 31)  # work books cover what came before
FIRST_POINTS_YEAR = 1938
YES_NO = {"da": True, "nu": False, "": False}
NAME_MAX = 200
DECISION_MAX = 100
MAX_HOURS_OR_DAYS = 744  # the hours of a 31-day month

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_INTEGER = re.compile(r"^-?\d+$")
_CONTROL = re.compile(r"[\x00-\x1f]")


@dataclass(frozen=True, slots=True)
class RowError:
    where: str  # "linia 12" (CSV) or "rândul 12" (JSON)
    message: str

    def __str__(self) -> str:
        return f"{self.where[:1].upper()}{self.where[1:]}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """The records of a valid file, one per CNP in the order they first appear; or, for a file
    with errors, every error and no records."""

    records: dict[str, career.CareerRecord]
    rows: int
    errors: tuple[RowError, ...]

    @property
    def valid(self) -> bool:
        return not self.errors


# --- reading the two formats --------------------------------------------------------------------


def parse_csv(text: str, today: date) -> ParsedFile:
    """A CSV with a header row of COLUMNS names (any order, any subset holding tip and cnp),
    separated by commas or semicolons; a byte-order mark is ignored."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        return _refused("linia 1", f"antetul nu poate fi citit ca CSV ({error}).")
    if not header:
        return _refused("linia 1", "fișierul este gol: lipsește antetul cu numele coloanelor.")
    names = [name.strip().lower() for name in header]
    problem = _header_problem(names)
    if problem:
        return _refused("linia 1", problem)

    def rows():
        line = 1
        try:
            for line_values in reader:
                line = reader.line_num
                if not any(value.strip() for value in line_values):
                    continue  # an empty line
                if len(line_values) != len(names):
                    yield (
                        f"linia {line}",
                        {
                            "__error__": f"are {ro.count(len(line_values), 'valoare', 'valori')}, "
                            f"iar antetul {ro.count(len(names), 'coloană', 'coloane')}."
                        },
                    )
                    continue
                yield f"linia {line}", dict(zip(names, line_values, strict=True))
        except csv.Error as error:
            yield f"linia {line + 1}", {"__error__": f"nu poate fi citită ca CSV ({error})."}

    return parse_rows(rows(), today)


def parse_json(text: str, today: date) -> ParsedFile:
    """A JSON list of objects with the same names as the CSV's columns; values are strings,
    numbers (read exactly, never as floats) or, for pilon2, true/false."""
    try:
        data = json.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except json.JSONDecodeError as error:
        return _refused(
            f"linia {error.lineno}",
            f"fișierul nu este JSON valid ({error.msg}, coloana {error.colno}).",
        )
    if not isinstance(data, list):
        return _refused("fișierul", "trebuie să fie o listă JSON de obiecte, câte unul pe rând.")

    def rows():
        for index, item in enumerate(data, start=1):
            where = f"rândul {index}"
            if not isinstance(item, dict):
                yield where, {"__error__": "nu este un obiect JSON ({...})."}
                continue
            names = [str(name).strip().lower() for name in item]
            unknown = [name for name in names if name not in COLUMNS]
            if unknown:
                yield where, {"__error__": _unknown_columns(unknown)}
                continue
            yield where, {str(k).strip().lower(): _json_text(v) for k, v in item.items()}

    return parse_rows(rows(), today)


def _json_text(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "da"
    if value is False:
        return "nu"
    if isinstance(value, (dict, list)):
        return "\0structura"  # never a valid value: reported as malformed where it is read
    return str(value)


def _header_problem(names: list[str]) -> str | None:
    missing = [name for name in ("tip", "cnp") if name not in names]
    if missing:
        return f"antetul nu are coloana {ro.and_list(missing)}."
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        return _unknown_columns(unknown)
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        return f"coloana {ro.and_list(repeated)} apare de două ori în antet."
    return None


def _unknown_columns(unknown: list[str]) -> str:
    shown = ro.and_list([f"„{name}”" for name in unknown])
    return (
        f"coloane necunoscute: {shown}. Numele coloanelor sunt cele din README "
        "(„Formatul de import al carierei”)."
    )


def _refused(where: str, message: str) -> ParsedFile:
    return ParsedFile(records={}, rows=0, errors=(RowError(where, message),))


# --- validating the rows ------------------------------------------------------------------------


class _Row:
    """One row's values and the errors found in it."""

    __slots__ = ("errors", "values")

    def __init__(self, values: Mapping[str, str]):
        self.values = values
        self.errors: list[str] = []

    def raw(self, name: str) -> str:
        return (self.values.get(name) or "").strip()

    def text(self, name: str, label: str, max_length: int, required: bool = True) -> str:
        value = self.raw(name)
        if not value:
            if required:
                self.errors.append(f"lipsește {label} (coloana {name}).")
            return ""
        if _CONTROL.search(value):
            self.errors.append(f"{label} are caractere de control (coloana {name}).")
        elif len(value) > max_length:
            self.errors.append(
                f"{label} are {len(value)} de caractere; cel mult {max_length} (coloana {name})."
            )
        return value

    def day(self, name: str, label: str, today: date) -> date | None:
        value = self.raw(name)
        if not value:
            self.errors.append(f"lipsește {label} (coloana {name}, de forma AAAA-LL-ZZ).")
            return None
        match = _DATE.match(value)
        parsed = None
        if match:
            try:
                parsed = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                parsed = None
        if parsed is None:
            self.errors.append(
                f"{label} „{value}” nu este o dată calendaristică de forma AAAA-LL-ZZ "
                f"(coloana {name})."
            )
            return None
        if parsed > today:
            self.errors.append(f"{label} {ro.short_date(parsed)} este în viitor.")
            return None
        return parsed

    def month(self, name: str, today: date) -> date | None:
        value = self.raw(name)
        if not value:
            self.errors.append(f"lipsește luna (coloana {name}, de forma AAAA-LL).")
            return None
        match = _MONTH.match(value)
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
            self.errors.append(f"luna „{value}” nu este de forma AAAA-LL, de exemplu 2021-02.")
            return None
        parsed = date(int(match[1]), int(match[2]), 1)
        if parsed > today.replace(day=1):
            self.errors.append(f"luna {value} este în viitor.")
            return None
        if parsed < FIRST_MONTH:
            self.errors.append(
                f"luna {value} este înainte de aprilie 2001: declarațiile lunare încep în "
                "aprilie 2001, iar perioadele dinainte se trec din carnetul de muncă "
                "(rânduri de tip carnet)."
            )
            return None
        return parsed

    def integer(self, name: str, label: str, low: int, high: int) -> int | None:
        value = self.raw(name)
        if not value:
            self.errors.append(f"lipsește {label} (coloana {name}).")
            return None
        if not _INTEGER.match(value):
            self.errors.append(f"{label} „{value}” nu este un număr întreg (coloana {name}).")
            return None
        number = int(value)
        if number < low:
            self.errors.append(
                f"{label} nu poate fi negativ ({value})."
                if number < 0 <= low
                else f"{label} este {number}; cel puțin {low}."
            )
            return None
        if number > high:
            self.errors.append(f"{label} este {number}; cel mult {high}.")
            return None
        return number

    def decimal(self, name: str, label: str, places: int, integer_digits: int) -> Decimal | None:
        value = self.raw(name)
        if not value:
            self.errors.append(f"lipsește {label} (coloana {name}).")
            return None
        written = value.replace(",", ".") if "." not in value and value.count(",") == 1 else value
        if not _NUMBER.match(written):
            self.errors.append(
                f"{label} „{value}” nu este un număr: scrieți cifre, fără separator de mii, "
                f"cu punct sau virgulă pentru zecimale, de exemplu 4500.50 (coloana {name})."
            )
            return None
        try:
            number = Decimal(written)
        except InvalidOperation:  # pragma: no cover - the pattern lets only numbers through
            self.errors.append(f"{label} „{value}” nu este un număr (coloana {name}).")
            return None
        if number < 0:
            self.errors.append(f"{label} nu poate fi negativ ({value}).")
            return None
        if -number.as_tuple().exponent > places and number != number.quantize(
            Decimal(1).scaleb(-places)
        ):
            self.errors.append(
                f"{label} „{value}” are mai mult de {ro.count(places, 'zecimală', 'zecimale')}."
            )
            return None
        number = number.quantize(Decimal(1).scaleb(-places))
        if number >= Decimal(10) ** integer_digits:
            self.errors.append(f"{label} „{value}” este prea mare.")
            return None
        return number

    def choice(self, name: str, label: str, choices: Iterable[str], default: str | None = None):
        value = self.raw(name)
        if not value and default is not None:
            return default
        allowed = tuple(choices)
        normalised = value.lower() if name != "grupa" else value.upper()
        if normalised not in allowed:
            shown = _or_list([f"„{choice}”" for choice in allowed if choice])
            if "" in allowed:
                shown += " sau gol"
            self.errors.append(
                f"{label}: valoarea „{value}” nu este în listă (coloana {name}); se scrie {shown}."
                if value
                else f"lipsește {label} (coloana {name}); se scrie {shown}."
            )
            return None
        return normalised

    def unused(self, kind: str) -> None:
        used = {"tip", "cnp", *KIND_COLUMNS[kind]}
        filled = [name for name in self.values if name not in used and self.raw(name)]
        if filled:
            self.errors.append(
                f"un rând de tip {kind} nu completează {ro.and_list(filled)}: "
                "lăsați aceste coloane goale sau alegeți alt tip."
            )


@dataclass
class _Person:
    """One CNP's rows so far, with where each month and work-book entry came from."""

    first_where: str
    current_to: date | None = None
    current_to_where: str | None = None
    monthly: list = field(default_factory=list)
    months_where: list = field(default_factory=list)
    work_book: list = field(default_factory=list)
    work_book_where: list = field(default_factory=list)
    assimilated: list = field(default_factory=list)
    decided: list = field(default_factory=list)


def parse_rows(rows: Iterable[tuple[str, Mapping[str, str]]], today: date) -> ParsedFile:
    """Every (where, values) row validated; then the checks across rows: duplicate keys,
    overlapping work-book periods, one actualizare row per CNP, months after it."""
    errors: list[RowError] = []
    people: dict[str, _Person] = {}
    keys: dict[tuple, str] = {}
    count = 0
    for where, values in rows:
        count += 1
        if "__error__" in values:
            errors.append(RowError(where, values["__error__"]))
            continue
        row = _Row(values)
        found = _parse_row(row, today)
        if row.errors or found is None:
            errors.extend(RowError(where, message) for message in row.errors)
            continue
        cnp, kind, key, item = found
        earlier = keys.get(key)
        if earlier is not None:
            errors.append(RowError(where, _duplicate_message(kind, earlier)))
            continue
        keys[key] = where
        person = people.get(cnp)
        if person is None:
            person = people[cnp] = _Person(first_where=where)
        if kind == "actualizare":
            person.current_to, person.current_to_where = item, where
        elif kind == "luna":
            person.monthly.append(item)
            person.months_where.append(where)
        elif kind == "carnet":
            person.work_book.append(item)
            person.work_book_where.append(where)
        elif kind == "asimilat":
            person.assimilated.append(item)
        else:
            person.decided.append(item)
    if count == 0 and not errors:
        errors.append(RowError("fișierul", "nu are niciun rând de date."))
    for cnp, person in people.items():
        errors.extend(_person_errors(cnp, person))
    if errors:
        return ParsedFile(records={}, rows=count, errors=tuple(_in_file_order(errors)))
    records = {
        cnp: career.CareerRecord(
            cnp=cnp,
            current_to=person.current_to,
            monthly=tuple(person.monthly),
            work_book=tuple(person.work_book),
            assimilated=tuple(person.assimilated),
            decided=tuple(person.decided),
        )
        for cnp, person in people.items()
    }
    return ParsedFile(records=records, rows=count, errors=())


def _or_list(items: list[str]) -> str:
    """a; a sau b; a, b sau c"""
    return ", ".join(items[:-1]) + " sau " + items[-1] if len(items) > 1 else "".join(items)


def _in_file_order(errors: list[RowError]) -> list[RowError]:
    def position(error: RowError):
        number = error.where.rsplit(" ", 1)[-1]
        return (int(number) if number.isdigit() else 0,)

    return sorted(errors, key=position)


def _parse_row(row: _Row, today: date):
    kind = row.raw("tip").lower()
    cnp = re.sub(r"\s", "", row.raw("cnp"))
    cnp_problem, birth = _cnp_facts(cnp)
    if cnp_problem:
        row.errors.append(cnp_problem)
    if kind not in KINDS:
        shown = _or_list([f"„{name}”" for name in KINDS])
        row.errors.append(
            f"tipul de rând „{row.raw('tip')}” nu este cunoscut; se scrie {shown} (coloana tip)."
            if kind
            else f"lipsește tipul rândului (coloana tip); se scrie {shown}."
        )
        return None
    row.unused(kind)
    if kind == "actualizare":
        day = row.day("date_actualizate_la", "data actualizării", today)
        return cnp, kind, (cnp, kind), day
    if kind == "luna":
        return _monthly(row, cnp, today, birth)
    if kind == "carnet":
        return _work_book(row, cnp, today, birth)
    if kind == "asimilat":
        return _assimilated(row, cnp, today, birth)
    return _decided(row, cnp, today)


# A file repeats a person's CNP and an employer's CUI on every month: each is checked once.
@lru_cache(maxsize=65536)
def _cnp_facts(cnp: str) -> tuple[str | None, date | None]:
    """What is wrong with the CNP (None: nothing), and the birth date it holds."""
    if not cnp:
        return "lipsește CNP-ul (coloana cnp).", None
    if not (len(cnp) == 13 and cnp.isdigit()):
        return f"CNP-ul „{cnp}” nu are 13 cifre.", None
    if not is_valid_cnp(cnp):
        return (
            f"CNP-ul {cnp} nu este valid: cifra de control sau data nașterii nu se potrivesc.",
            None,
        )
    return None, cnp_birth_date(cnp)


@lru_cache(maxsize=65536)
def _cui_valid(cui: str) -> bool:
    return is_valid_cui(cui)


def _monthly(row: _Row, cnp: str, today: date, birth: date | None):
    month = row.month("luna", today)
    cui = compact_cui(row.raw("cui_angajator"))
    if not cui:
        row.errors.append("lipsește CUI-ul angajatorului (coloana cui_angajator).")
    elif not _cui_valid(cui):
        row.errors.append(f"CUI-ul angajatorului „{row.raw('cui_angajator')}” nu este valid.")
    employer = row.text("angajator", "numele angajatorului", NAME_MAX)
    days = row.integer("zile", "numărul de zile asigurate", 0, 31)
    income = row.decimal("venit_brut", "venitul brut", 2, 12)
    conditions = row.choice("conditii", "condițiile de muncă", career.CONDITIONS, "normale")
    pillar2 = row.choice("pilon2", "pilonul II", ("da", "nu"), "nu")
    if month is not None and days is not None:
        length = calendar.monthrange(month.year, month.month)[1]
        if days > length:
            row.errors.append(
                f"luna {month:%Y-%m} are {ro.count(length, 'zi', 'zile')}, "
                f"nu {ro.count(days, 'zi', 'zile')} asigurate."
            )
    if month is not None and birth is not None and month < birth.replace(day=1):
        row.errors.append(f"luna {month:%Y-%m} este înainte de nașterea persoanei.")
    if row.errors:
        return None
    item = career.MonthlyContribution(
        month=month,
        employer_cui=cui,
        employer_name=employer,
        days=days,
        gross_income=income,
        conditions=conditions,
        pillar2=YES_NO[pillar2],
    )
    return cnp, "luna", (cnp, "luna", month, cui), item


def _period(row: _Row, today: date, birth: date | None) -> tuple[date | None, date | None]:
    start = row.day("de_la", "începutul perioadei", today)
    end = row.day("pana_la", "sfârșitul perioadei", today)
    if start is not None and end is not None and end < start:
        row.errors.append(
            f"perioada se termină ({ro.short_date(end)}) înainte să înceapă "
            f"({ro.short_date(start)})."
        )
    if start is not None and birth is not None and start < birth:
        row.errors.append(
            f"perioada începe ({ro.short_date(start)}) înainte de nașterea persoanei "
            f"({ro.short_date(birth)})."
        )
    return start, end


def _work_book(row: _Row, cnp: str, today: date, birth: date | None):
    start, end = _period(row, today, birth)
    last = end or start
    if last is not None and last > LAST_WORK_BOOK_DAY:
        row.errors.append(
            f"carnetul de muncă acoperă perioadele până la 31.03.2001, iar acest rând ține până la "
            f"{ro.short_date(last)}; de la 1 aprilie 2001 stagiul vine din declarațiile lunare "
            "(rânduri de tip luna)."
        )
    employer = row.text("angajator", "angajatorul", NAME_MAX)
    function = row.text("functia", "funcția", NAME_MAX)
    salary = row.decimal("salariu", "salariul", 2, 14)
    salary_kind = row.choice("tip_salariu", "tipul salariului", career.SALARY_KINDS, "brut")
    group = row.choice("grupa", "grupa de muncă", career.WORK_BOOK_GROUPS, "")
    pay_unit = row.choice("unitate_plata", "unitatea de plată", career.PAY_UNITS, "luna")
    hours_or_days = None
    if pay_unit in ("zi", "ora"):
        hours_or_days = row.integer(
            "ore_sau_zile", "numărul de ore sau de zile lucrate", 1, MAX_HOURS_OR_DAYS
        )
    elif row.raw("ore_sau_zile"):
        row.errors.append(
            "ore_sau_zile se completează doar când carnetul arată plata pe zi sau pe oră "
            "(unitate_plata zi sau ora)."
        )
    if row.errors:
        return None
    item = career.WorkBookEntry(
        employer=employer,
        start=start,
        end=end,
        function=function,
        salary=salary,
        salary_kind=salary_kind,
        group=group,
        pay_unit=pay_unit,
        hours_or_days=hours_or_days,
    )
    return cnp, "carnet", (cnp, "carnet", employer.casefold(), start), item


def _assimilated(row: _Row, cnp: str, today: date, birth: date | None):
    kind = row.choice("fel", "felul perioadei asimilate", career.ASSIMILATED_KINDS)
    start, end = _period(row, today, birth)
    document = row.text("document", "documentul doveditor", NAME_MAX)
    if row.errors:
        return None
    item = career.AssimilatedPeriod(kind=kind, start=start, end=end, document=document)
    return cnp, "asimilat", (cnp, "asimilat", kind, start), item


def _decided(row: _Row, cnp: str, today: date):
    year = row.integer("an", "anul", FIRST_POINTS_YEAR, today.year)
    points = row.decimal("puncte", "punctajul", 5, 5)
    decision = row.text("decizie", "decizia", DECISION_MAX)
    if row.errors:
        return None
    item = career.DecidedPoints(year=year, points=points, decision=decision)
    return cnp, "punctaj", (cnp, "punctaj", year), item


_KEY_WORDS = {
    "actualizare": "un singur rând de tip actualizare pentru fiecare CNP",
    "luna": "același CNP, aceeași lună și același CUI al angajatorului",
    "carnet": "același CNP, același angajator și aceeași dată de început",
    "asimilat": "același CNP, același fel de perioadă și aceeași dată de început",
    "punctaj": "același CNP și același an",
}


def _duplicate_message(kind: str, earlier: str) -> str:
    return f"repetă {earlier} ({_KEY_WORDS[kind]})."


def _person_errors(cnp: str, person: _Person) -> list[RowError]:
    errors = []
    if person.current_to is None:
        errors.append(
            RowError(
                person.first_where,
                f"CNP-ul {cnp} nu are rândul de tip actualizare cu date_actualizate_la "
                "(data la care sunt actualizate datele lui).",
            )
        )
    else:
        errors.extend(
            RowError(
                where,
                f"luna {item.month:%Y-%m} este după data actualizării datelor "
                f"({ro.short_date(person.current_to)}, {person.current_to_where}).",
            )
            for item, where in zip(person.monthly, person.months_where, strict=True)
            if item.month > person.current_to
        )
    # Work-book periods of one person may not overlap: sorted by start, each must begin after
    # the latest end so far.
    ordered = sorted(
        zip(person.work_book, person.work_book_where, strict=True), key=lambda pair: pair[0].start
    )
    latest = None
    for entry, where in ordered:
        if latest is not None and entry.start <= latest[0].end:
            other, other_where = latest
            errors.append(
                RowError(
                    where,
                    f"perioada din carnet {_span(entry)} se suprapune cu cea de la {other_where} "
                    f"({_span(other)}, {other.employer}).",
                )
            )
        if latest is None or entry.end > latest[0].end:
            latest = (entry, where)
    return errors


def _span(entry) -> str:
    return f"{ro.short_date(entry.start)} – {ro.short_date(entry.end)}"
