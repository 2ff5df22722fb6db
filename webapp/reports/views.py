"""Career reports: the account's page (/contul-meu/rapoarte: ask, list, download) and the
public check of a printout's code (/verificare). Routes only: validate, call the service,
redirect."""

import datetime as dt

from flask import Blueprint, Response, abort, flash, request, url_for
from flask_login import current_user

from domain.career.reports import KINDS
from forms.reports import ReportRequestForm, VerifyForm
from webapp import rate_limits
from webapp.auth.users import citizen_required
from webapp.career import access
from webapp.db import db
from webapp.htmx import render_page, see_other
from webapp.notifications.service import recent
from webapp.reports import queries, service

bp = Blueprint("reports", __name__, url_prefix="/contul-meu/rapoarte")
verify_bp = Blueprint("verify", __name__)

MIMETYPES = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}
TEMPLATE = "pages/reports/index.html"


def _page(
    form: ReportRequestForm,
    subjects: list[access.Person],
    status: int = 200,
    acting_for: access.Person | None = None,
):
    account = current_user.account
    now = dt.datetime.now(dt.UTC)
    names = {subject.cnp: subject for subject in subjects}
    # A person no longer administered (revoked) takes their reports out of the list too.
    reports = [r for r in queries.reports_of(db(), account.id, now) if r.cnp in names]
    return render_page(
        TEMPLATE,
        block="report_list",
        status=status,
        form=form,
        reports=reports,
        names=names,
        people=subjects,
        kinds=KINDS,
        stale={report.id for report in reports if queries.is_stale(report, now)},
        pending=any(
            report.status == "requested" and not queries.is_stale(report, now) for report in reports
        ),
        notifications=recent(db(), account.id, service.NOTIFICATION_KIND),
        retention_days=service.retention_days(),
        acting_for=acting_for,
    )


def _form(subjects: list[access.Person]) -> ReportRequestForm:
    return ReportRequestForm(persons=[(choice(subject), _label(subject)) for subject in subjects])


def choice(person: access.Person) -> str:
    """The form's value for a person: 0 for the holder, else the person's number, as in the
    career page's address (/contul-meu/cariera/persoana/<number>)."""
    return str(person.number or 0)


def _label(person: access.Person) -> str:
    return (
        f"Pentru dumneavoastră ({person.name})"
        if person.number is None
        else f"Pentru {person.name}"
    )


@bp.get("/")
@citizen_required
def index():
    subjects = access.people(current_user.account)
    form = _form(subjects)
    # ?persoana=N (the career and persons pages' links): acting for administered person N,
    # chosen in the form; a number not (or no longer) theirs, 0 included, is a 404.
    acting_for = None
    form.person.data = choice(subjects[0])  # the holder, unless acting for someone
    if "persoana" in request.args:
        chosen = request.args["persoana"]
        acting_for = next((s for s in subjects[1:] if choice(s) == chosen), None)
        if acting_for is None:
            abort(404)
        form.person.data = chosen
    return _page(form, subjects, acting_for=acting_for)


@bp.post("/")
@citizen_required
@rate_limits.limit("report-request")
def ask():
    account = current_user.account
    subjects = access.people(account)
    form = _form(subjects)
    if not form.validate_on_submit():
        return _page(form, subjects, status=400)
    subject = next(subject for subject in subjects if choice(subject) == form.person.data)
    result = service.request_report(
        db(), account, subject.cnp, form.kind.data, dt.datetime.now(dt.UTC)
    )
    if result.already_pending:
        flash("Acest raport este deja în lucru. Pagina se actualizează când este gata.", "info")
    else:
        flash(
            f"Am primit cererea. Raportul {result.report.number} este în lucru; vă anunțăm aici "
            "și prin e-mail când este gata.",
            "success",
        )
    if subject.number is not None:
        return see_other(url_for("reports.index", persoana=subject.number))
    return see_other(url_for("reports.index"))


@bp.get("/<int:report_id>.<any(pdf, csv):extension>")
@citizen_required
@rate_limits.limit("download")
def download(report_id: int, extension: str):
    account = current_user.account
    report = queries.own_ready_report(db(), account.id, report_id, dt.datetime.now(dt.UTC))
    # Only while the person is still the account's to act for: a revoked one's are a 404.
    if report is None or access.person_with_cnp(account, report.cnp) is None:
        abort(404)
    body = report.pdf if extension == "pdf" else report.csv
    response = Response(body, mimetype=MIMETYPES[extension])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="raport-cariera-{report.number}.{extension}"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@verify_bp.get("/verificare")
@rate_limits.limit("report-verify")
def verify():
    form = VerifyForm(formdata=request.args if "cod" in request.args else None)
    found = None
    asked = "cod" in request.args
    if asked and form.validate():
        found = queries.by_code(db(), form.cod.data, dt.datetime.now(dt.UTC))
    return render_page(
        "pages/reports/verify.html",
        form=form,
        asked=asked and not form.errors,
        found=found,
        kinds=KINDS,
        retention_days=service.retention_days(),
    )
