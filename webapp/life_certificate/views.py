"""The life certificate for pensioners living abroad (/certificat-de-viata): start page with the
windows computed from today, one question page, check your answers, the bilingual printout, and a
calendar file with the next two deadlines.

Public, no account. Nothing is submitted: the person prints the certificate, signs it in front of
an authority and sends it to the county house. What is typed lives in a draft tied to this
browser's session (webapp/drafts.py), and so do the answers confirmed on the check page, which are
all the printout is made from: another browser has neither, so it gets no printout.
"""

import datetime as dt

from flask import Blueprint, Response, current_app, redirect, request, url_for
from werkzeug.datastructures import MultiDict

from documents import life_certificate as printout
from domain import life_certificate as windows
from domain import ro
from domain.reference.counties import all_counties
from forms.life_certificate import LifeCertificateForm
from webapp import drafts
from webapp.account.answers import raw_values, summary_rows
from webapp.downloads import print_page, send_printout
from webapp.extensions import limiter
from webapp.htmx import render_page, see_other
from webapp.links import public_host, public_url

# The account request's helpers: the same honeypot, field fragment and check-your-answers rows.
from webapp.questions import field_fragment, refuse_bots

bp = Blueprint("life_certificate", __name__, url_prefix="/certificat-de-viata")
JOURNEY = "life_certificate"
ANSWERS = "answers"
CONFIRMED = "confirmed"
# A first download costs a PDF render; repeats come from the cache. Enough for a family printing
# for several people, not for someone making the server render all day.
DOWNLOAD_RATE_LIMIT = "30 per minute"
CHECK_SECTIONS = (
    (
        "Datele dumneavoastră",
        ("last_name", "first_name", "cnp", "birth_date", "pension_file", "house_code"),
    ),
    (
        "Unde locuiți",
        ("country_code", "address_line1", "address_line2", "address_line3", "phone", "email"),
    ),
    ("Limbile certificatului", ("language",)),
)


@bp.get("/")
def start():
    state = windows.status(ro.today())
    known = [
        (house, contact)
        for house in all_counties()
        if (contact := printout.house_contact(house)).email or contact.street
    ]
    return render_page(
        "pages/life_certificate/start.html",
        state=state,
        headline=windows.headline(state),
        late=windows.late_sentence(state.next_to_close),
        deadlines=[ro.long_date(day) for day in state.deadlines],
        known_contacts=known,
    )


@bp.route("/date", methods=["GET", "POST"])
def details():
    draft = drafts.load(JOURNEY)
    if request.method == "POST":
        form = LifeCertificateForm()
        refuse_bots(form)
        valid = form.validate()
        values = raw_values(form)
        drafts.save_section(JOURNEY, ANSWERS, values)
        # A changed answer is not what was confirmed: the printout waits for the check page again.
        if draft.get(CONFIRMED) and draft.get(ANSWERS) != values:
            drafts.save_section(JOURNEY, CONFIRMED, {})
        if field_name := request.headers.get("X-Field"):
            return field_fragment(form, field_name)
        if valid:
            return see_other(url_for(".check"))
    else:
        form = LifeCertificateForm(formdata=MultiDict(draft.get(ANSWERS, {})))
        if request.args.get("verificare"):
            form.validate()
    return render_page("pages/life_certificate/details.html", "content", form=form)


@bp.route("/verificare", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["ACCOUNT_SUBMIT_RATE_LIMIT"], methods=["POST"])
def check():
    form = _saved_form()
    if not form.validate():
        return redirect(url_for(".details", verificare=1))
    if request.method == "POST":
        refuse_bots(form)
        drafts.save_section(JOURNEY, CONFIRMED, _json_ready(form.answers()))
        return see_other(url_for(".ready"))
    change = url_for(".details")
    sections = [
        {"title": title, "rows": summary_rows(form, names), "change_url": change}
        for title, names in CHECK_SECTIONS
    ]
    return render_page(
        "pages/life_certificate/check.html", sections=sections, honeypot_field=form.website
    )


@bp.get("/gata")
def ready():
    found = _confirmed()
    if not isinstance(found, tuple):
        return found
    _, context = found
    state = windows.status(ro.today())
    return render_page(
        "pages/life_certificate/ready.html",
        printed=context,
        deadline=ro.long_date(state.next_to_close.closes),
        window_open=state.current is not None,
        opens=ro.long_date(state.upcoming.opens),
    )


@bp.get("/certificat-de-viata.<any(pdf, docx):extension>")
@limiter.limit(DOWNLOAD_RATE_LIMIT)
def download(extension: str):
    found = _confirmed()
    if not isinstance(found, tuple):
        return found
    _, context = found
    return send_printout(printout, context, extension)


@bp.get("/tiparire")
def print_view():
    found = _confirmed()
    if not isinstance(found, tuple):
        return found
    _, context = found
    links = [
        ("Descărcați PDF", url_for(".download", extension="pdf")),
        ("Descărcați Word", url_for(".download", extension="docx")),
        ("Înapoi", url_for(".ready")),
    ]
    return print_page(printout, context, links)


@bp.post("/stergere")
def forget():
    """Removes this browser's answers: a shared computer at a consulate or in a family."""
    drafts.discard(JOURNEY)
    return see_other(url_for(".start", sters=1))


@bp.get("/termene.ics")
def calendar():
    body = windows.calendar_file(
        ro.today(),
        stamp=dt.datetime.now(dt.UTC),
        host=public_host(),
        page_url=public_url("life_certificate.start"),
    )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="certificat-de-viata.ics"'
    # The same for everyone, and right for the day: a shared cache may keep it an hour.
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def _saved_form() -> LifeCertificateForm:
    return LifeCertificateForm(
        formdata=MultiDict(drafts.load(JOURNEY).get(ANSWERS, {})), meta={"csrf": False}
    )


def _confirmed():
    """(answers, printout context), or where to go instead: nothing here yet, or not confirmed."""
    draft = drafts.load(JOURNEY)
    answers = draft.get(CONFIRMED)
    if answers:
        try:
            return answers, printout.build_context(answers, today=ro.today())
        except KeyError:
            # Confirmed against a list (house, country) that has changed since: check again.
            drafts.save_section(JOURNEY, CONFIRMED, {})
            return redirect(url_for(".check"))
    if draft.get(ANSWERS):
        return redirect(url_for(".check"))
    # Nothing in this browser: whatever was filled in elsewhere stays there.
    return redirect(url_for(".details"))


def _json_ready(answers: dict) -> dict:
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in answers.items()
    }
