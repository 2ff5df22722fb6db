"""Writing an imported career file (`flask career import FILE`, the demo data) into the five
career tables, in one transaction.

The file is parsed and validated whole first (domain.career.import_rows); a file with any bad
row is refused and nothing is written. A valid file is then upserted: every row is keyed as the
tables' unique constraints say (a month by CNP, month and employer CUI; a work-book entry by
CNP, employer and start; an assimilated period by CNP, kind and start; decided points by CNP and
year), so importing the same file again changes nothing and a changed value for a known key
updates that row. Rows already stored that the file does not mention are kept: a file may bring
only what is new. A new work-book period that overlaps a stored one of another key (a corrected
start date, say) is refused, since keeping both would count the time twice; with ``replace`` the
file is each of its people's whole record and their stored rows it does not mention are deleted,
in the same transaction.

Speed: the stored rows of the file's people are read once (per chunk of CNPs) to tell added,
changed and unchanged rows apart; only added and changed rows are written, with one
INSERT … ON CONFLICT DO UPDATE statement run for CHUNK rows at a time (executemany), on SQLite
and PostgreSQL alike.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Table, and_, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain import ro
from domain.career import import_rows
from domain.career import record as career
from webapp import models

CHUNK = 5000  # rows per executemany of the upsert
CNP_CHUNK = 500  # CNPs per read of the stored rows


class ImportRefused(Exception):
    """The file has bad rows; nothing was written."""

    def __init__(self, errors: tuple[import_rows.RowError, ...], rows: int):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors
        self.rows = rows


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class Summary:
    rows: int
    records: Counts = field(default_factory=Counts)
    kinds: dict[str, Counts] = field(default_factory=dict)

    def text(self) -> str:
        """The Romanian summary the command prints."""
        people = self.records
        lines = [
            f"Fișier importat: {ro.count(self.rows, 'rând', 'rânduri')}, "
            f"{ro.count(people.total, 'persoană', 'persoane')}.",
            _counts_line("Persoane", people),
        ]
        for kind, label in KIND_LABELS.items():
            counts = self.kinds.get(kind, Counts())
            lines.append(_counts_line(label, counts))
        return "\n".join(lines)


def _counts_line(label: str, counts: Counts) -> str:
    deleted = f", șterse {counts.deleted}" if counts.deleted else ""
    return (
        f"{label}: adăugate {counts.added}, actualizate {counts.updated}, "
        f"neschimbate {counts.unchanged}{deleted}."
    )


KIND_LABELS = {
    "luna": "Luni de contribuție",
    "carnet": "Perioade din carnetul de muncă",
    "asimilat": "Perioade asimilate",
    "punctaj": "Punctaje din decizii",
}


@dataclass(frozen=True)
class _Kind:
    """How one kind of row maps onto its table: the key columns (after cnp) and the rest."""

    table: Table
    key: tuple[str, ...]
    values: tuple[str, ...]
    items: str  # the CareerRecord attribute holding these rows

    def row(self, cnp: str, item) -> dict:
        return {"cnp": cnp} | {name: getattr(item, name) for name in self.key + self.values}


KINDS = {
    "luna": _Kind(
        models.CareerMonth.__table__,
        ("month", "employer_cui"),
        ("employer_name", "days", "gross_income", "conditions", "pillar2"),
        "monthly",
    ),
    "carnet": _Kind(
        models.WorkBookEntry.__table__,
        ("employer", "start"),
        ("end", "function", "salary", "salary_kind", "group", "pay_unit", "hours_or_days"),
        "work_book",
    ),
    "asimilat": _Kind(
        models.CareerAssimilatedPeriod.__table__,
        ("kind", "start"),
        ("end", "document"),
        "assimilated",
    ),
    "punctaj": _Kind(
        models.CareerDecidedPoints.__table__, ("year",), ("points", "decision"), "decided"
    ),
}


def parse_file(text: str, file_format: str, today: dt.date) -> import_rows.ParsedFile:
    if file_format == "json":
        return import_rows.parse_json(text, today)
    return import_rows.parse_csv(text, today)


def import_rows_of(
    session: Session, rows: Iterable[Mapping[str, str]], now: dt.datetime | None = None
) -> Summary:
    """Rows built in code (the demo data), as dicts of the format's columns, numbered from 1."""
    now = now or dt.datetime.now(dt.UTC)
    parsed = import_rows.parse_rows(
        ((f"rândul {index}", row) for index, row in enumerate(rows, start=1)), ro.today()
    )
    return store(session, parsed, now)


def store(
    session: Session, parsed: import_rows.ParsedFile, now: dt.datetime, *, replace: bool = False
) -> Summary:
    """Writes a parsed file in one transaction and commits; refuses a file with errors, or one
    whose work-book periods overlap stored ones (unless ``replace``: see the module's text)."""
    if not parsed.valid:
        raise ImportRefused(parsed.errors, parsed.rows)
    summary = Summary(rows=parsed.rows)
    try:
        changed_people: set[str] = set()
        if replace:
            _delete_unmentioned(session, parsed.records, summary, changed_people)
        elif overlaps := _stored_overlaps(session, parsed.records):
            raise ImportRefused(overlaps, parsed.rows)
        writes = []
        for kind_name, kind in KINDS.items():
            counts = summary.kinds.setdefault(kind_name, Counts())
            writes.append(
                (kind, _changed_rows(session, kind, parsed.records, counts, changed_people))
            )
        # The people's heads first: their rows refer to them.
        _store_heads(session, parsed.records, changed_people, summary.records, now)
        for kind, rows in writes:
            for chunk in _chunks(rows, CHUNK):
                session.execute(
                    _upsert(session, kind.table, ("cnp", *kind.key), kind.values), chunk
                )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary


def _changed_rows(
    session: Session,
    kind: "_Kind",
    records: Mapping[str, career.CareerRecord],
    counts: Counts,
    changed_people: set[str],
) -> list[dict]:
    """The file's rows of this kind that are new or differ from the stored ones, counted."""
    write = []
    for cnps in _chunks(list(records), CNP_CHUNK):
        stored = _stored_rows(session, kind, cnps)
        for cnp in cnps:
            for item in getattr(records[cnp], kind.items):
                row = kind.row(cnp, item)
                before = stored.get((cnp, *(row[name] for name in kind.key)))
                if before is None:
                    counts.added += 1
                elif _same(before, tuple(row[name] for name in kind.values)):
                    counts.unchanged += 1
                    continue
                else:
                    counts.updated += 1
                write.append(row)
                changed_people.add(cnp)
    return write


def _stored_overlaps(
    session: Session, records: Mapping[str, career.CareerRecord]
) -> tuple[import_rows.RowError, ...]:
    """The file's work-book periods that overlap a stored period the file does not repeat."""
    kind = KINDS["carnet"]
    errors = []
    for cnps in _chunks(list(records), CNP_CHUNK):
        stored = _stored_rows(session, kind, cnps)
        for cnp in cnps:
            entries = records[cnp].work_book
            mentioned = {(cnp, entry.employer, entry.start) for entry in entries}
            others = [
                (key, values) for key, values in stored.items()
                if key[0] == cnp and key not in mentioned
            ]  # fmt: skip
            for entry in entries:
                for (_, employer, start), values in others:
                    end = values[kind.values.index("end")]
                    if entry.start <= end and start <= entry.end:
                        errors.append(
                            import_rows.RowError(
                                f"CNP-ul {cnp}",
                                f"perioada din carnet {ro.short_date(entry.start)} – "
                                f"{ro.short_date(entry.end)} ({entry.employer}) se suprapune cu "
                                f"una deja înregistrată, {ro.short_date(start)} – "
                                f"{ro.short_date(end)} ({employer}). Dacă fișierul aduce toată "
                                "cariera persoanei, importați-l cu --replace: perioadele pe care "
                                "nu le mai conține se șterg.",
                            )
                        )
    return tuple(errors)


def _delete_unmentioned(
    session: Session,
    records: Mapping[str, career.CareerRecord],
    summary: Summary,
    changed_people: set[str],
) -> None:
    """Deletes the stored rows of the file's people that the file does not mention."""
    for kind_name, kind in KINDS.items():
        counts = summary.kinds.setdefault(kind_name, Counts())
        names = ("cnp", *kind.key)
        gone = []
        for cnps in _chunks(list(records), CNP_CHUNK):
            stored = _stored_rows(session, kind, cnps)
            mentioned = {
                tuple(row[name] for name in names)
                for cnp in cnps
                for row in (kind.row(cnp, item) for item in getattr(records[cnp], kind.items))
            }
            gone += [key for key in stored if key not in mentioned]
        counts.deleted += len(gone)
        changed_people.update(key[0] for key in gone)
        statement = kind.table.delete().where(
            and_(*(kind.table.c[name] == bindparam(f"key_{name}") for name in names))
        )
        for chunk in _chunks(gone, CHUNK):
            session.execute(
                statement,
                [{f"key_{n}": v for n, v in zip(names, key, strict=True)} for key in chunk],
            )


def _store_heads(
    session: Session,
    records: Mapping[str, career.CareerRecord],
    changed_people: set[str],
    counts: Counts,
    now: dt.datetime,
) -> None:
    table = models.CareerRecord.__table__
    write = []
    for cnps in _chunks(list(records), CNP_CHUNK):
        stored = dict(
            session.execute(
                select(table.c.cnp, table.c.current_to).where(table.c.cnp.in_(cnps))
            ).all()
        )
        for cnp in cnps:
            current_to = records[cnp].current_to
            if cnp not in stored:
                counts.added += 1
            elif stored[cnp] != current_to or cnp in changed_people:
                counts.updated += 1
            else:
                counts.unchanged += 1
                continue
            write.append({"cnp": cnp, "current_to": current_to, "imported_at": now})
    for chunk in _chunks(write, CHUNK):
        session.execute(_upsert(session, table, ("cnp",), ("current_to", "imported_at")), chunk)


def _stored_rows(session: Session, kind: _Kind, cnps: list[str]) -> dict[tuple, tuple]:
    columns = [kind.table.c[name] for name in ("cnp", *kind.key)]
    values = [kind.table.c[name] for name in kind.values]
    result = session.execute(select(*columns, *values).where(kind.table.c.cnp.in_(cnps)))
    width = len(columns)
    return {tuple(row[:width]): tuple(row[width:]) for row in result}


def _same(before: tuple, after: tuple) -> bool:
    # Decimals compare by value (4500.5 == 4500.50); SQLite may give back a float or an int.
    return all(
        (Decimal(str(old)) == new) if isinstance(new, Decimal) and old is not None else old == new
        for old, new in zip(before, after, strict=True)
    )


def _upsert(session: Session, table: Table, key: tuple[str, ...], values: tuple[str, ...]):
    """INSERT … ON CONFLICT (key) DO UPDATE SET values, run once for many rows (executemany)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c[name] for name in key],
        set_={name: statement.excluded[name] for name in values},
    )
    # No RETURNING: psycopg's pipelined executemany measured about twice as fast here as
    # SQLAlchemy's multi-row VALUES batches ("insertmanyvalues", which needs RETURNING).
    return statement


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
