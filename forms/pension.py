"""The pension calculator's GET form (/pensie/calcul).

Its field names are the JSON API's parameters, so a result's address can be shared and an API
query opens on the page. People type the Romanian way (01.09.2026, 3.500,50); the form reads that
and hands the rules package its own formats. The career comes as total points, as one row per
year, or as the year/amount table pasted from the career report (the ``income`` textarea).

The form checks what was typed (a real date, a whole number, an amount). What the law allows is
checked by ``domain.pension``, whose errors name a parameter, i.e. one of these fields.
"""

import re
from datetime import date
from decimal import Decimal

from wtforms import (
    BooleanField,
    Field,
    FieldList,
    FormField,
    RadioField,
    SelectField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation
from wtforms.widgets import TextInput

from domain import ro
from domain.codes import SEX_LABELS, SEXES
from domain.pension import ESTIMATE_PARAMETERS
from domain.pension.history import years_without_divisor
from domain.pension.kinds import IN_PAYMENT, KINDS, SURVIVOR
from domain.pension.tables import law_in_force, parameter
from forms.base import PageForm, RowForm, iter_fields
from forms.fields import DateField, clean_text
from forms.validators import Between, Choice, DateNotInFuture, Optional

MAX_ROWS = 60  # a working life; more years go in the pasted table
MAX_TABLE_CHARACTERS = 30_000  # about 1,000 lines, the rules package's limit of income entries
MAX_TABLE_ENTRIES = 1000
MAX_MONTHS = 1200  # 100 years, as the rules package allows
MAX_TEXT = 40
LISTED_BAD_LINES = 10
MONTHS = (
    "ianuarie",
    "februarie",
    "martie",
    "aprilie",
    "mai",
    "iunie",
    "iulie",
    "august",
    "septembrie",
    "octombrie",
    "noiembrie",
    "decembrie",
)

_DIGITS = re.compile(r"[0-9]{1,6}")
_YEAR = re.compile(r"[0-9]{4}")
_POINTS = re.compile(r"[0-9]{1,5}(?:[.,][0-9]{1,5})?")
# 3500 | 3500,50 | 3.500,50 | 3 500,50 | 3500.50: Romanian first, then a plain decimal point.
# "3.500" is three thousand five hundred, as the career report writes it.
_GROUPED = re.compile(
    r"[0-9]{1,3}(?P<sep>[. \u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*(?:,[0-9]{1,2})?"
)
_COMMA_DECIMAL = re.compile(r"[0-9]{1,12}(?:,[0-9]{1,2})?")
_POINT_DECIMAL = re.compile(r"[0-9]{1,12}\.[0-9]{1,2}")
_CURRENCY = re.compile(r"\s*(?:lei|ron)\.?$", re.IGNORECASE)
_MONTH_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_MONTH_RO = re.compile(r"([0-9]{1,2})[./]([0-9]{4})")
_TABLE_LINE = re.compile(
    r"(?P<when>[0-9]{4}(?:-[0-9]{1,2})?|[0-9]{1,2}[./][0-9]{4})"
    r"\s*(?:[\t;:=|]\s*|\s+)(?P<amount>[^\t;|]+?)[\s;|]*"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HAS_DIGIT = re.compile(r"[0-9]")


# --- which years, which income --------------------------------------------------------------


def data_gap() -> tuple[int, int] | None:
    """From the first to the last year with a month that has no divisor in the data (1991-2018
    today): their points come from the career report, as one total for the span. The complete
    years inside it (2014, 2017) go in the same box: the report gives their points too, and one
    box is easier than three."""
    years = years_without_divisor()
    return (min(years), max(years)) if years else None


def net_period() -> tuple[date, date]:
    """When the law takes the net income and the net average salary (art. 139(4)(b))."""
    on = law_in_force()
    return (
        date.fromisoformat(parameter("net_salary_from", on).value),
        date.fromisoformat(parameter("net_salary_until", on).value),
    )


def income_kind(year: int | None) -> str:
    """ "brut", "net" or "brut până în iunie, net din iulie" for the income of ``year``."""
    if year is None:
        return ""
    first, last = net_period()
    if first.year < year <= last.year or (year == first.year and first.month == 1):
        return "net"
    if year == first.year:
        return f"brut până în {MONTHS[first.month - 2]}, net din {MONTHS[first.month - 1]}"
    return "brut"


def income_label(year: int | None) -> str:
    kind = income_kind(year)
    if kind in ("net", "brut"):
        source = " (din carnetul de muncă)" if kind == "net" else ""
        return f"Venitul {kind} lunar mediu, în lei{source}"
    if kind:
        return f"Venitul lunar mediu, în lei ({kind} {year})"
    first, last = net_period()
    return (
        f"Venitul lunar mediu, în lei (brut; net din {MONTHS[first.month - 1]} {first.year} "
        f"până în {last.year})"
    )


# --- reading what people type -------------------------------------------------------------------


def parse_amount(text: str) -> Decimal | None:
    """Lei as Romanians write them; None when the text is not an amount."""
    text = _CURRENCY.sub("", text.strip())
    if _GROUPED.fullmatch(text):
        return Decimal(re.sub(r"[. \u00a0\u202f]", "", text).replace(",", "."))
    if _COMMA_DECIMAL.fullmatch(text):
        return Decimal(text.replace(",", "."))
    if _POINT_DECIMAL.fullmatch(text):
        return Decimal(text)
    return None


def parse_points(text: str) -> Decimal | None:
    # Points are never grouped by thousands: "31.25412" is a decimal point.
    return Decimal(text.replace(",", ".")) if _POINTS.fullmatch(text) else None


def parse_whole(text: str) -> int | None:
    return int(text) if _DIGITS.fullmatch(text) else None


def parse_year(text: str) -> int | None:
    return int(text) if _YEAR.fullmatch(text) else None


def parse_month(text: str) -> str | None:
    """2008-05, 2008-5, 05.2008 or 5/2008 → "2008-05"."""
    if match := _MONTH_ISO.fullmatch(text):
        year, month = match[1], match[2]
    elif match := _MONTH_RO.fullmatch(text):
        month, year = match[1], match[2]
    else:
        return None
    return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None


def decimal_text(value: Decimal) -> str:
    """The rules package's own number format: digits and a decimal point."""
    return format(value, "f")


def parse_table_line(line: str) -> str | None:
    """One line of the pasted table → an income entry "2013:3500.50" / "2013-05:3500"."""
    match = _TABLE_LINE.fullmatch(line.strip())
    if not match:
        return None
    when = match["when"]
    if "-" in when or "." in when or "/" in when:
        when = parse_month(when)
        if when is None:
            return None
    amount = parse_amount(match["amount"])
    return None if amount is None else f"{when}:{decimal_text(amount)}"


def parse_table(text: str) -> tuple[list[str], list[int]]:
    """Income entries, and the numbers (from 1) of the lines that could not be read.

    Lines without any digit (the table's header, blank lines) are skipped: they hold no data.
    """
    entries, bad = [], []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if not _HAS_DIGIT.search(line):
            continue
        entry = parse_table_line(line)
        if entry is None:
            bad.append(number)
        else:
            entries.append(entry)
    return entries, bad


def ro_list(numbers: list[int]) -> str:
    """3 → "3"; 3, 7, 9 → "3, 7 și 9"; long lists are cut."""
    shown = [str(n) for n in numbers[:LISTED_BAD_LINES]]
    if len(numbers) > LISTED_BAD_LINES:
        return ", ".join(shown) + " și altele"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " și " + shown[-1]


# --- fields -------------------------------------------------------------------------------------


class TypedField(Field):
    """A text box whose text is kept as typed (an error never erases it) and read by ``parse``."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, parse=None, invalid_message="", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.parse = parse
        self.invalid_message = invalid_message
        self.text = ""

    def process_formdata(self, valuelist):
        self.text = clean_text(valuelist[0])[0] if valuelist else ""
        too_long = len(self.text) > MAX_TEXT
        self.data = None if not self.text or too_long else self.parse(self.text)

    def _value(self):
        return self.text

    def pre_validate(self, form):
        if self.text and self.data is None:
            raise StopValidation(self.invalid_message)


class TableField(TextAreaField):
    """The pasted table. Keeps tabs and line breaks, which the other fields fold into spaces.

    Repeated ``income`` parameters (an API query opened on the page) become one line each.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries: list[str] = []

    def process_formdata(self, valuelist):
        text = "\n".join(value for value in valuelist if value.strip())
        text = clean_text_lines(text)
        self.data = text
        self.entries = []

    def pre_validate(self, form):
        if len(self.data or "") > MAX_TABLE_CHARACTERS:
            raise StopValidation(
                f"Tabelul este prea lung: cel mult {ro.number(MAX_TABLE_CHARACTERS)} de caractere. "
                "Pentru anii mai vechi scrieți punctajul lor la „Punctajul din raportul de stagiu”."
            )
        entries, bad = parse_table(self.data or "")
        if bad:
            lines = "Rândul" if len(bad) == 1 else "Rândurile"
            cannot = "nu poate fi citit" if len(bad) == 1 else "nu pot fi citite"
            raise StopValidation(
                f"{lines} {ro_list(bad)} din tabel {cannot}. Fiecare rând are anul și venitul "
                "brut lunar mediu, de exemplu 2013 3.500,50 (sau luna și venitul ei: "
                "2013-05 3.500,50)."
            )
        if len(entries) > MAX_TABLE_ENTRIES:
            raise StopValidation(
                f"Tabelul are {ro.number(len(entries))} de rânduri cu venituri; se acceptă cel "
                f"mult {ro.number(MAX_TABLE_ENTRIES)}."
            )
        self.entries = entries


MAX_PERIOD_LINES = 20
_PERIOD_LINE = re.compile(r"(?P<first>\S+?)\s*(?:\.\.|[-–—]|\bpână\b)\s*(?P<last>\S+)")


def parse_period_line(line: str) -> str | None:
    """09.1980 – 06.1985, 1980-09..1985-06 or 9/1980 - 6/1985 → "1980-09..1985-06"."""
    text = line.strip()
    if match := re.fullmatch(r"(\d{4}-\d{1,2})\s*\.\.\s*(\d{4}-\d{1,2})", text):
        first, last = parse_month(match[1]), parse_month(match[2])
    elif match := _PERIOD_LINE.fullmatch(text):
        first, last = parse_month(match["first"]), parse_month(match["last"])
    else:
        return None
    return None if first is None or last is None else f"{first}..{last}"


class PeriodsField(TextAreaField):
    """Dated periods of studies and military service, one a line, as the API's
    ``assimilated_period`` entries (repeated parameters become one line each)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries: list[str] = []

    def process_formdata(self, valuelist):
        self.data = clean_text_lines("\n".join(value for value in valuelist if value.strip()))
        self.entries = []

    def pre_validate(self, form):
        lines = [line for line in _LINE_BREAK.split(self.data or "") if line.strip()]
        if len(lines) > MAX_PERIOD_LINES:
            raise StopValidation(f"Scrieți cel mult {MAX_PERIOD_LINES} de perioade.")
        entries, bad = [], []
        for number, line in enumerate(lines, start=1):
            entry = parse_period_line(line)
            if entry is None:
                bad.append(number)
            else:
                entries.append(entry)
        if bad:
            lines_text = "Rândul" if len(bad) == 1 else "Rândurile"
            raise StopValidation(
                f"{lines_text} {ro_list(bad)}: scrieți prima și ultima lună a perioadei, de "
                "exemplu 09.1980 – 06.1985."
            )
        self.entries = entries


def clean_text_lines(text: str) -> str:
    """clean_text for each line, keeping line breaks and the tabs that separate columns."""
    lines = []
    for line in _LINE_BREAK.split(text):
        cells = [clean_text(cell)[0] for cell in line.split("\t")]
        lines.append("\t".join(cells).rstrip("\t"))
    return "\n".join(lines).strip("\n")


def _upper(value):
    return value.strip().upper() if isinstance(value, str) else value


GRADES = {"1": "I", "2": "II", "3": "III"}


def _grade(value):
    value = _upper(value)
    return GRADES.get(value, value)


def whole(label, hint="", maximum=MAX_MONTHS, invalid=None, too_big=None, width="width-4"):
    return TypedField(
        label,
        [Optional(), Between(0, maximum, too_big or f"„{label}”: cel mult {maximum}.")],
        parse=parse_whole,
        invalid_message=invalid or f"„{label}” se scrie ca număr întreg, de exemplu 12.",
        description=hint,
        render_kw={"inputmode": "numeric", "autocomplete": "off", "class": width},
    )


def months(label, hint=""):
    return whole(
        label,
        hint,
        too_big=f"„{label}”: cel mult {ro.number(MAX_MONTHS)} de luni (100 de ani).",
    )


def grade_select(label):
    return SelectField(
        label,
        [Optional(), Choice("Alegeți gradul de invaliditate din listă.")],
        choices=[
            SelectChoice("", "Nu e cazul"),
            SelectChoice("I", "Gradul I"),
            SelectChoice("II", "Gradul II"),
            SelectChoice("III", "Gradul III"),
        ],
        validate_choice=False,
        filters=[_grade],
    )


def sex_radio(label):
    return RadioField(
        label,
        [Optional(), Choice(f"Alegeți „{SEX_LABELS['F']}” sau „{SEX_LABELS['M']}”.")],
        choices=[SelectChoice(code, label) for code, label in SEXES],
        validate_choice=False,
        filters=[_upper],
    )


def yes_no(label):
    """A box to tick; the API's "da"/"nu" and an empty box read as the API reads them."""
    return BooleanField(label, false_values=("", "nu", "false", "0"))


def amount(label, hint=""):
    return TypedField(
        label,
        [Optional()],
        parse=parse_amount,
        invalid_message=f"„{label}”: scrieți suma în lei, de exemplu 2500 sau 2.500,50.",
        description=hint,
        render_kw={"inputmode": "decimal", "autocomplete": "off", "class": "width-10"},
    )


class YearRow(RowForm):
    year = TypedField(
        "Anul",
        [Optional(), Between(1900, 2100, "Scrieți anul cu patru cifre, de exemplu 2013.")],
        parse=parse_year,
        invalid_message="Scrieți anul cu patru cifre, de exemplu 2013.",
        render_kw={"inputmode": "numeric", "autocomplete": "off", "class": "width-4"},
    )
    amount = TypedField(
        "Venitul lunar mediu, în lei",
        [Optional()],
        parse=parse_amount,
        invalid_message="Scrieți venitul în lei, de exemplu 3500 sau 3.500,50.",
        render_kw={"inputmode": "decimal", "autocomplete": "off", "class": "width-10"},
    )


class CalculatorForm(PageForm):
    class Meta:
        # A GET form that changes nothing: its address is the result's shareable link.
        csrf = False

    start_date = DateField(
        "Data de la care începe pensia",
        [Optional()],
        example="01.09.2026",
        description="De exemplu, 01.09.2026.",
        render_kw={"inputmode": "numeric", "class": "width-10", "autocomplete": "off"},
    )
    birth_date = DateField(
        "Data nașterii",
        [Optional(), DateNotInFuture("Data nașterii trebuie să fie în trecut.")],
        example="14.05.1962",
        description="De exemplu, 14.05.1962.",
        render_kw={"inputmode": "numeric", "class": "width-10", "autocomplete": "bday"},
    )
    sex = sex_radio("Sexul")
    children = whole(
        "Copii crescuți până la 16 ani",
        "Numai pentru femei: vârsta de pensionare scade cu 6 luni pentru fiecare copil, "
        "cu stagiul complet de cotizare.",
        maximum=30,
        too_big="„Copii crescuți până la 16 ani”: cel mult 30.",
    )
    contributory_years = whole(
        "Ani",
        maximum=70,
        invalid="Anii de stagiu se scriu ca număr întreg, de exemplu 35.",
        too_big="Anii de stagiu: cel mult 70.",
    )
    contributory_months = whole(
        "Luni",
        maximum=11,
        invalid="Lunile de stagiu se scriu ca număr întreg, de exemplu 4.",
        too_big="Lunile de stagiu sunt între 0 și 11: 12 luni fac un an.",
    )
    contributory_days = whole(
        "Zile",
        maximum=30,
        invalid="Zilele de stagiu se scriu ca număr întreg, de exemplu 15.",
        too_big="Zilele de stagiu sunt între 0 și 30.",
    )
    points = TypedField(
        "Punctajul din raportul de stagiu",
        [Optional()],
        parse=parse_points,
        invalid_message="Scrieți punctajul ca număr cu cel mult 5 zecimale, de exemplu 31,25412.",
        description="Suma punctajelor anuale, de exemplu 31,25412. Dacă dați și veniturile pe "
        "ani, scrieți aici doar punctajele anilor pe care nu îi treceți mai jos.",
        render_kw={"inputmode": "decimal", "autocomplete": "off", "class": "width-10"},
    )
    rows = FieldList(FormField(YearRow), min_entries=1, max_entries=MAX_ROWS)
    income = TableField(
        "Tabelul copiat din raportul de stagiu",
        description="Câte un rând pe an: anul și venitul brut lunar mediu, de exemplu "
        "2013 3.500,50. Pentru o singură lună: 2013-05 3.500,50. Rândurile fără cifre, ca "
        "„capul de tabel”, sunt sărite.",
        render_kw={"rows": 6, "spellcheck": "false", "autocomplete": "off"},
    )
    span_points = TypedField(
        "Suma punctajelor anuale pentru acești ani",
        [Optional()],
        parse=parse_points,
        invalid_message="Scrieți punctajul ca număr cu cel mult 5 zecimale, de exemplu 18,53120.",
        description="Adunați punctajele anuale ale acestor ani din raportul de stagiu, de "
        "exemplu 18,53120; scrieți aici o singură sumă, pentru toată perioada.",
        render_kw={"inputmode": "decimal", "autocomplete": "off", "class": "width-10"},
    )
    span_first = TypedField(
        "Din anul",
        [Optional(), Between(1900, 2100, "Scrieți anul cu patru cifre, de exemplu 1991.")],
        parse=parse_year,
        invalid_message="Scrieți anul cu patru cifre, de exemplu 1991.",
        render_kw={"inputmode": "numeric", "autocomplete": "off", "class": "width-4"},
    )
    span_last = TypedField(
        "Până în anul",
        [Optional(), Between(1900, 2100, "Scrieți anul cu patru cifre, de exemplu 2011.")],
        parse=parse_year,
        invalid_message="Scrieți anul cu patru cifre, de exemplu 2011.",
        render_kw={"inputmode": "numeric", "autocomplete": "off", "class": "width-4"},
    )
    confirm_amounts = BooleanField("Am verificat: sumele sunt corecte, calculați cu ele")
    assimilated_months = months(
        "Luni de studii universitare și serviciu militar",
        "Studii universitare la zi, absolvite cu diplomă, și stagiul militar; numărul total "
        "de luni.",
    )
    child_care_months = months(
        "Luni de concediu pentru creșterea copilului, din 2006",
        "Concediul pentru creșterea copilului luat din 1 ianuarie 2006.",
    )
    invalidity_grade = grade_select("Gradul de invaliditate")
    potential_months = months(
        "Luni de stagiu potențial",
        "Pentru pensia de invaliditate îl calculăm din data nașterii și sex, cum spune "
        "art. 66; scrieți-l doar dacă nu le dați.",
    )
    special_months = months("Luni lucrate în condiții speciale (grupa I)")
    deosebite_months = months("Luni lucrate în condiții deosebite (grupa a II-a)")
    handicap = SelectField(
        "Grad de handicap (certificat cu valabilitate permanentă)",
        [Optional(), Choice("Alegeți gradul de handicap din listă.")],
        choices=[
            SelectChoice("", "Nu e cazul"),
            SelectChoice("grav", "Grav"),
            SelectChoice("accentuat", "Accentuat"),
            SelectChoice("mediu", "Mediu"),
        ],
        validate_choice=False,
    )
    handicap_months = months(
        "Luni de stagiu contributiv în condiții de handicap",
        "Pentru reducerea vârstei de pensionare (art. 52).",
    )
    visual_months = months(
        "Luni de stagiu contributiv cu deficiență vizuală gravă",
        "Pensie la orice vârstă cu o treime din stagiul complet (art. 53).",
    )
    pillar2_from = TypedField(
        "Luna în care ați intrat în Pilonul II",
        [Optional()],
        parse=parse_month,
        invalid_message="Scrieți luna și anul, de exemplu 05.2008.",
        description="De exemplu, 05.2008. Lăsați gol dacă nu aveți un fond de pensii "
        "administrat privat.",
        render_kw={"inputmode": "numeric", "autocomplete": "off", "class": "width-10"},
    )

    assimilated_period = PeriodsField(
        "Perioadele de studii universitare și serviciu militar dinainte de 1 aprilie 2001",
        description="Câte una pe rând: prima și ultima lună, de exemplu 09.1980 – 06.1985. "
        "Fiecare lună are punctajul salariului minim împărțit la salariul mediu al lunii "
        "(art. 138 alin. (2)). Lunile de după 1 aprilie 2001 se scriu numai ca număr, mai sus.",
        render_kw={"rows": 3, "spellcheck": "false", "autocomplete": "off"},
    )
    supplementary_fund = RadioField(
        "Ați plătit contribuția la fondul pentru pensia suplimentară (1967–2001)?",
        [Optional(), Choice("Alegeți unul dintre răspunsuri.")],
        choices=[
            SelectChoice("da", "Da, 3 % (ca majoritatea salariaților)"),
            SelectChoice("4", "Da, 4 %"),
            SelectChoice("nu", "Nu"),
        ],
        description="Dacă nu știți, lăsați necompletat: se socotește „da, 3 %”, ca pentru cei "
        "mai mulți salariați (art. 143).",
        validate_choice=False,
    )

    # The pension kind (domain/pension/kinds.py) and the inputs of the survivor's and the
    # in-payment kinds.
    kind = RadioField(
        "Ce pensie calculați?",
        [Optional(), Choice("Alegeți felul pensiei din listă.")],
        choices=[
            SelectChoice(name, label[:1].upper() + label[1:]) for name, label in KINDS.items()
        ],
        validate_choice=False,
    )
    orphans = whole(
        "Copii îndreptățiți la pensie de urmaș",
        "Copiii sub 16 ani, sau până la 26 de ani la studii, sau invalizi (art. 74).",
        maximum=30,
        too_big="„Copii îndreptățiți”: cel mult 30.",
    )
    spouse_marriage_months = months(
        "Durata căsătoriei, în luni",
        "Numai dacă există soț supraviețuitor; de exemplu 15 ani = 180 de luni (art. 75-76).",
    )
    spouse_birth_date = DateField(
        "Data nașterii soțului supraviețuitor",
        [Optional(), DateNotInFuture("Data nașterii trebuie să fie în trecut.")],
        example="14.05.1962",
        description="De exemplu, 14.05.1962.",
        render_kw={"inputmode": "numeric", "class": "width-10", "autocomplete": "off"},
    )
    spouse_sex = sex_radio("Sexul soțului supraviețuitor")
    spouse_invalidity_grade = grade_select("Gradul de invaliditate al soțului supraviețuitor")
    death_work_accident = yes_no(
        "Decesul a urmat unui accident de muncă sau unei boli profesionale (art. 76 alin. (2))"
    )
    spouse_child_under_7 = yes_no(
        "Soțul supraviețuitor are în îngrijire un copil sub 7 ani (art. 78)"
    )
    other_parent_points = TypedField(
        "Punctajul total al celuilalt părinte decedat",
        [Optional()],
        parse=parse_points,
        invalid_message="Scrieți punctajul ca număr cu cel mult 5 zecimale, de exemplu 18,5.",
        description="Numai pentru orfanii de ambii părinți (art. 80).",
        render_kw={"inputmode": "decimal", "autocomplete": "off", "class": "width-10"},
    )
    own_pension = amount(
        "Pensia proprie a soțului supraviețuitor, în lei",
        "Pentru alegerea pensiei mai avantajoase (art. 79 alin. (3)).",
    )
    amount_in_payment = amount(
        "Pensia brută în plată acum, în lei",
        "Din decizia de pensie sau de pe talonul de pensie. Dacă recalcularea dă mai puțin, "
        "se plătește în continuare această sumă (art. 144 alin. (6)).",
    )

    # The API's parameters, one field each, except those the form takes in fields of its own
    # shape: `income` (the rows, the pasted table), `point_span` (the span's years and points)
    # and `assimilated_period` (one period a line).
    SIMPLE = tuple(
        name
        for name in ESTIMATE_PARAMETERS
        if name not in ("income", "point_span", "assimilated_period")
    )
    SPAN = ("span_first", "span_last", "span_points")
    OPTIONAL_SECTION = (
        "assimilated_months",
        "child_care_months",
        "invalidity_grade",
        "potential_months",
        "special_months",
        "deosebite_months",
        "pillar2_from",
        "handicap",
        "handicap_months",
        "visual_months",
        "assimilated_period",
        "supplementary_fund",
    )
    SURVIVOR = (
        "orphans",
        "spouse_marriage_months",
        "spouse_birth_date",
        "spouse_sex",
        "spouse_invalidity_grade",
        "death_work_accident",
        "spouse_child_under_7",
        "other_parent_points",
        "own_pension",
    )
    IN_PAYMENT = ("amount_in_payment",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.list_errors: list[str] = []
        self.rows_errors: list[str] = []
        # Row number → the amount divided by 10,000, offered for an amount in old lei (ROL).
        self.rol_offers: dict[int, str] = {}
        self.questioned = False  # amounts that cannot be real were questioned
        self.gap_years: list[int] = []  # years typed that the data cannot compute
        self.label_rows()
        self.label_for_kind()

    def label_for_kind(self) -> None:
        """For a survivor's pension the career and the age are the deceased's; for a pension in
        payment the points are the decision's total. Without JS the labels follow the choice
        once the form is sent; the sections' hints say it beforehand."""
        if self.kind.data == SURVIVOR:
            self.points.label.text = "Punctajul total al susținătorului decedat"
            self.birth_date.label.text = "Data nașterii susținătorului decedat"
            self.sex.label.text = "Sexul susținătorului decedat"
        elif self.kind.data == IN_PAYMENT:
            self.points.label.text = "Punctajul total din decizia de pensie"

    def label_rows(self) -> None:
        """Each row's income box says gross or net, as the law takes it for that year."""
        for entry in self.rows.entries:
            entry.form.amount.label.text = income_label(entry.form.year.data)

    def span(self) -> tuple[int, int] | None:
        """The years the span's points are for: as typed, or the data's gap when left empty."""
        gap = data_gap()
        first = self.span_first.data or (gap[0] if gap else None)
        last = self.span_last.data or (gap[1] if gap else None)
        if first is None or last is None:
            return None
        return first, last

    @property
    def errors(self):
        """Every leaf field's errors, rows included, by input name.

        Not cached as in WTForms: errors are also added after validate() (the rules package's).
        """
        return {field.name: field.errors for field in iter_fields(self) if field.errors}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        self.list_errors = []
        self.rows_errors = []
        seen: set[int] = set()
        for number, entry in enumerate(self.rows.entries, start=1):
            year, amount = entry.form.year, entry.form.amount
            if year.errors or amount.errors:
                continue
            if year.data is not None and amount.data is None:
                kind = income_kind(year.data)
                kind = f"{kind} " if kind in ("net", "brut") else ""
                amount.errors.append(f"Scrieți venitul {kind}lunar mediu din {year.data}.")
            elif amount.data is not None and year.data is None:
                year.errors.append(f"Scrieți anul pentru venitul din rândul {number}.")
            elif year.data is not None:
                if year.data in seen:
                    year.errors.append(
                        f"Anul {year.data} apare de mai multe ori. Ștergeți rândul în plus."
                    )
                seen.add(year.data)
        span = self.span()
        if self.span_points.data is not None and not self.span_points.errors and span:
            if span[0] > span[1]:
                self.span_last.errors.append(
                    f"Perioada {span[0]}–{span[1]}: ultimul an este înaintea primului."
                )
        elif (
            self.span_points.data is None
            and not self.span_points.errors
            and (self.span_first.data or self.span_last.data)
        ):
            self.span_points.errors.append(
                "Scrieți suma punctajelor anuale pentru perioada aleasă, din raportul de stagiu."
            )
        return valid and not self.errors

    # --- what the rules package and the address get ------------------------------------------

    def text_of(self, name: str) -> str:
        field = self[name]
        if isinstance(field, DateField | TypedField):
            return field.text
        if isinstance(field, BooleanField):
            return "da" if field.data else ""
        return field.data or ""

    def entered(self) -> bool:
        """Whether anything was typed at all (an empty form is not an error)."""
        return (
            any(self.text_of(name) for name in self.SIMPLE)
            or bool(self.income.data)
            or bool(self.assimilated_period.data)
            or any(self[name].text for name in self.SPAN)
            or any(entry.form.year.text or entry.form.amount.text for entry in self.rows.entries)
        )

    def row_entries(self) -> list[str]:
        return [
            f"{entry.form.year.data}:{decimal_text(entry.form.amount.data)}"
            for entry in self.rows.entries
            if entry.form.year.data is not None and entry.form.amount.data is not None
        ]

    def income_entries(self) -> list[str]:
        return self.row_entries() + self.income.entries

    def query(self) -> dict[str, list[str]]:
        """The JSON API's parameters for a validated form, in the rules package's formats."""
        params: dict[str, list[str]] = {}
        for name in self.SIMPLE:
            data = self[name].data
            if data is None or data == "" or data is False:
                continue
            if data is True:
                data = "da"
            elif isinstance(data, Decimal):
                data = decimal_text(data)
            elif hasattr(data, "isoformat"):
                data = data.isoformat()
            params[name] = [str(data)]
        if entries := self.income_entries():
            params["income"] = entries
        if (span := self.span_entry()) is not None:
            params["point_span"] = [span]
        if self.assimilated_period.entries:
            params["assimilated_period"] = list(self.assimilated_period.entries)
        return params

    def span_entry(self) -> str | None:
        span = self.span()
        if self.span_points.data is None or span is None:
            return None
        return f"{span[0]}-{span[1]}:{decimal_text(self.span_points.data)}"

    def address(self) -> list[tuple[str, str]]:
        """What was typed, as query pairs: the shareable address of this calculation.

        Empty boxes and empty rows are left out, so the address stays short.
        """
        pairs = [(name, self.text_of(name)) for name in self.SIMPLE if self.text_of(name)]
        kept = [
            entry for entry in self.rows.entries if entry.form.year.text or entry.form.amount.text
        ]
        for index, entry in enumerate(kept):
            for part in ("year", "amount"):
                if text := entry.form[part].text:
                    pairs.append((f"rows-{index}-{part}", text))
        if self.income.data:
            pairs.append(("income", self.income.data))
        if self.assimilated_period.data:
            pairs.append(("assimilated_period", self.assimilated_period.data))
        pairs += [(name, self[name].text) for name in self.SPAN if self[name].text]
        if self.confirm_amounts.data:
            pairs.append(("confirm_amounts", "y"))
        return pairs

    def add_error(self, parameter: str, message: str) -> None:
        """Put an error of the rules package next to the field it names."""
        if parameter == "income":
            if self.income.entries or not self.row_entries():
                self.income.errors = [*self.income.errors, message]
            else:
                self.rows_errors.append(message)
                self.list_errors.append(message)
        elif parameter == "point_span":
            self.span_points.errors = [*self.span_points.errors, message]
        elif parameter == "assimilated_period":
            self.assimilated_period.errors = [*self.assimilated_period.errors, message]
        elif parameter in self.SIMPLE:
            field = self[parameter]
            field.errors = [*field.errors, message]
        else:
            self.list_errors.append(message)

    def optional_section_open(self) -> bool:
        return self.section_open(self.OPTIONAL_SECTION)

    def section_open(self, names: tuple[str, ...], kind: str = "") -> bool:
        """A folded section opens when its kind is chosen or one of its boxes is filled in."""
        return (bool(kind) and self.kind.data == kind) or any(
            self.text_of(name) or self[name].errors for name in names
        )
