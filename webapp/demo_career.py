"""Demonstration career records for `flask demo load`: one for each person in webapp/demo.py,
made up but shaped like CNPP's register, written through the real importer (rows of the import
format built here), so a second load changes nothing.

- Elena Ionescu, born 1965: a work book from 1984, child care 1988–1989, monthly stages since
  April 2001;
- Maria Popescu, born 1958: group I and II years in her work book, "deosebite" conditions after
  2001, retired in 2019 with the points of her decision;
- Ștefan Popescu, born 1980, whom Maria administers: military service, a short work book, months
  since 2001 with a spell of unemployment;
- Gheorghiță Țurcanu, born 1995: university, then months in Pillar II since 2018.

Incomes follow the scale of the INS average gross wage (domain/pension/data), in the lei of
their time, as the register keeps them: old lei (ROL) until June 2005, 10,000 of them to a leu.
"""

import calendar
import datetime as dt

from sqlalchemy.orm import Session

from domain import ro
from domain.career.summary import ROL_UNTIL
from webapp.career import importer

ROL_PER_LEU = 10_000  # Law 348/2004, from 1 July 2005
ELENA = "2650823120019"
MARIA = "2580514123457"
STEFAN = "1800101123469"
GHEORGHITA = "1950304123488"

# Roughly the INS average gross monthly wage of each year, in today's lei (RON).
AVERAGE_GROSS = {
    2001: 280,
    2002: 370,
    2003: 480,
    2004: 600,
    2005: 750,
    2006: 870,
    2007: 1040,
    2008: 1310,
    2009: 1690,
    2010: 1840,
    2011: 1980,
    2012: 2060,
    2013: 2160,
    2014: 2300,
    2015: 2550,
    2016: 2800,
    2017: 3200,
    2018: 4360,
    2019: 5030,
    2020: 5380,
    2021: 5760,
    2022: 6210,
    2023: 7000,
    2024: 8000,
    2025: 8700,
    2026: 9200,
}


def current_to(today: dt.date) -> dt.date:
    """The last day of the month before last: the register lags the declarations by a month."""
    first = today.replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    return previous - dt.timedelta(days=1)


def load_demo_careers(session: Session, today: dt.date | None = None) -> importer.Summary:
    today = today or ro.today()
    return importer.import_rows_of(session, demo_rows(today))


def demo_rows(today: dt.date) -> list[dict]:
    up_to = current_to(today)
    return [
        *_elena(up_to),
        *_maria(up_to),
        *_stefan(up_to),
        *_gheorghita(up_to),
    ]


def _elena(up_to: dt.date) -> list[dict]:
    rows = [_updated(ELENA, up_to)]
    rows += _book(
        ELENA,
        "Fabrica de Confecții Clujana",
        "confecționer",
        [
            ("1984-09-01", "1986-12-31", "2450", "net"),
            ("1987-01-01", "1989-12-31", "2900", "net"),
            ("1990-01-01", "1992-02-29", "3400", "net"),
        ],
    )
    rows += _book(
        ELENA,
        "Tricotaje Someșul SA",
        "șef de echipă",
        [
            ("1992-03-01", "1994-12-31", "48000", "brut"),
            ("1995-01-01", "1997-12-31", "260000", "brut"),
            ("1998-01-01", "2001-03-31", "1900000", "brut"),
        ],
    )
    rows.append(
        _assimilated(ELENA, "crestere_copil", "1988-03-01", "1989-02-28", "Adeverința 412/1988")
    )
    rows += _months(ELENA, "2001-04", "2009-12", "14021577", "Tricotaje Someșul SA", 0.85, up_to)
    rows += _months(ELENA, "2010-01", None, "30845600", "Clinica Dentară Zâmbet SRL", 1.05, up_to)
    return rows


def _maria(up_to: dt.date) -> list[dict]:
    rows = [_updated(MARIA, up_to)]
    rows += _book(
        MARIA,
        "Combinatul Chimic Turda",
        "operator chimist",
        [
            ("1977-09-01", "1982-12-31", "2100", "net", "I"),
            ("1983-01-01", "1989-12-31", "2800", "net", "I"),
            ("1990-01-01", "1993-06-30", "5200", "net", "II"),
        ],
    )
    rows += _book(
        MARIA,
        "Uzina de Apă Cluj",
        "laborant",
        [("1993-07-01", "2001-03-31", "320000", "brut", "II")],
    )
    rows += _months(
        MARIA,
        "2001-04",
        "2010-12",
        "18453292",
        "Compania de Apă Someș SA",
        1.1,
        up_to,
        conditions="deosebite",
    )
    rows += _months(MARIA, "2011-01", "2019-05", "18453292", "Compania de Apă Someș SA", 1.2, up_to)
    rows += [
        {
            "tip": "punctaj",
            "cnp": MARIA,
            "an": str(year),
            "puncte": f"{1.05 + (year % 7) * 0.04:.5f}",
            "decizie": "Decizia de pensionare nr. 218044/2019",
        }
        for year in range(1977, 2001)
    ]
    return rows


def _stefan(up_to: dt.date) -> list[dict]:
    rows = [_updated(STEFAN, up_to)]
    rows.append(
        _assimilated(
            STEFAN,
            "serviciu_militar",
            "1998-10-01",
            "1999-09-30",
            "Livret militar seria AB nr. 112233",
        )
    )
    rows += _book(
        STEFAN,
        "Brutăria Spicul SRL",
        "brutar",
        [("1999-10-01", "2001-03-31", "1500000", "brut")],
    )
    rows += _months(STEFAN, "2001-04", "2009-04", "22004151", "Brutăria Spicul SRL", 0.75, up_to)
    rows.append(
        _assimilated(STEFAN, "somaj", "2009-05-01", "2009-12-31", "Decizia AJOFM Cluj 5521/2009")
    )
    rows += _months(STEFAN, "2010-01", None, "41270389", "Transilvania Logistic SRL", 0.95, up_to)
    return rows


def _gheorghita(up_to: dt.date) -> list[dict]:
    rows = [_updated(GHEORGHITA, up_to)]
    rows.append(
        _assimilated(
            GHEORGHITA,
            "studii_universitare",
            "2014-10-01",
            "2018-07-15",
            "Diplomă de licență seria UAIC nr. 0045871",
        )
    )
    rows += _months(
        GHEORGHITA,
        "2018-09",
        "2022-02",
        "28164640",
        "Software Moldova SRL",
        1.3,
        up_to,
        pillar2=True,
    )
    rows += _months(
        GHEORGHITA, "2022-03", None, "15900825", "Iași Tech Hub SRL", 1.6, up_to, pillar2=True
    )
    return rows


def _updated(cnp: str, up_to: dt.date) -> dict:
    return {"tip": "actualizare", "cnp": cnp, "date_actualizate_la": up_to.isoformat()}


def _book(cnp: str, employer: str, function: str, periods) -> list[dict]:
    rows = []
    for start, end, salary, kind, *group in periods:
        rows.append(
            {
                "tip": "carnet",
                "cnp": cnp,
                "angajator": employer,
                "de_la": start,
                "pana_la": end,
                "functia": function,
                "salariu": salary,
                "tip_salariu": kind,
                "grupa": group[0] if group else "",
                "unitate_plata": "luna",
            }
        )
    return rows


def _assimilated(cnp: str, kind: str, start: str, end: str, document: str) -> dict:
    return {
        "tip": "asimilat",
        "cnp": cnp,
        "fel": kind,
        "de_la": start,
        "pana_la": end,
        "document": document,
    }


def _months(
    cnp: str,
    first: str,
    last: str | None,
    cui: str,
    employer: str,
    factor: float,
    up_to: dt.date,
    *,
    conditions: str = "normale",
    pillar2: bool = False,
) -> list[dict]:
    """One row a month from `first` to `last` (None: the update date's month), the income
    `factor` times the year's average wage (in old lei until June 2005), for the working days
    of the month."""
    year, month = (int(part) for part in first.split("-"))
    end = dt.date(*(int(part) for part in last.split("-")), 1) if last else up_to.replace(day=1)
    rows = []
    day = dt.date(year, month, 1)
    while day <= end:
        average = AVERAGE_GROSS.get(day.year, AVERAGE_GROSS[max(AVERAGE_GROSS)])
        income = average * factor * (1 + 0.01 * (day.month % 4))
        if day <= ROL_UNTIL:
            income *= ROL_PER_LEU
        rows.append(
            {
                "tip": "luna",
                "cnp": cnp,
                "luna": f"{day:%Y-%m}",
                "cui_angajator": cui,
                "angajator": employer,
                "zile": str(_working_days(day)),
                "venit_brut": f"{income:.2f}",
                "conditii": conditions,
                "pilon2": "da" if pillar2 else "nu",
            }
        )
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return rows


def _working_days(month: dt.date) -> int:
    length = calendar.monthrange(month.year, month.month)[1]
    return sum(1 for day in range(1, length + 1) if month.replace(day=day).weekday() < 5)
