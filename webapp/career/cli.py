"""`flask --app wsgi career import FILE`: loads a career file (CSV or JSON, the format in the
README's "Formatul de import al carierei") into the career tables, or refuses it whole."""

import datetime as dt
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from domain import ro
from webapp.career import importer

career_cli = AppGroup("career", help="Cariera de asigurat: importul datelor din registrul CNPP.")
SHOWN_ERRORS = 200  # a file that is wrong throughout is not printed in full


@career_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "json"]),
    help="Formatul fișierului; implicit după extensie (.json, altfel CSV).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Fișierul aduce toată cariera fiecărei persoane din el: rândurile ei deja înregistrate "
    "pe care fișierul nu le mai conține se șterg.",
)
def import_command(file: Path, file_format: str | None, replace: bool) -> None:
    """Importă cariera din FILE: totul sau nimic; a doua oară același fișier nu schimbă nimic."""
    file_format = file_format or ("json" if file.suffix.lower() == ".json" else "csv")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        click.echo(
            f"Fișierul a fost refuzat: nu este scris în UTF-8 (octetul {error.start}). "
            "Nu s-a scris nimic.",
            err=True,
        )
        raise SystemExit(1) from None
    parsed = importer.parse_file(text, file_format, ro.today())
    if not parsed.valid:
        _refuse(parsed.errors)
    make_session = current_app.extensions["db_sessionmaker"]
    with make_session() as session:
        try:
            summary = importer.store(session, parsed, dt.datetime.now(dt.UTC), replace=replace)
        except importer.ImportRefused as refused:
            _refuse(refused.errors)
    click.echo(summary.text())


def _refuse(errors) -> None:
    click.echo(
        f"Fișierul a fost refuzat: {ro.count(len(errors), 'greșeală', 'greșeli')}. "
        "Nu s-a scris nimic; corectați rândurile de mai jos și importați din nou tot fișierul.",
        err=True,
    )
    for error in errors[:SHOWN_ERRORS]:
        click.echo(f"  {error}", err=True)
    if len(errors) > SHOWN_ERRORS:
        click.echo(f"  … și încă {len(errors) - SHOWN_ERRORS}.", err=True)
    raise SystemExit(1)
